#include "platform/keysymplan.h"
#include "platform/linux/wayland/portalkeyboard.h"
#include "platform/linux/wayland/portaloutput.h"
#include "platform/linux/wayland/portalrequest.h"
#include "platform/linux/wayland/restoretokenstore.h"
#include "platform/platformconfig.h"
#include "platform/platformfactory.h"

#include <QDBusObjectPath>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

// The keysyms of a plan, one per character: checks that every character is one press followed by its release.
QList<quint32> typedKeysyms(const QList<KeysymEvent>& events)
{
    QList<quint32> keysyms;
    for (qsizetype i = 0; i + 1 < events.size(); i += 2) {
        if (!events[i].pressed || events[i + 1].pressed || events[i].keysym != events[i + 1].keysym)
            return {0xdeadbeef};
        keysyms << events[i].keysym;
    }
    if (events.size() % 2)
        keysyms << 0xdeadbeef;
    return keysyms;
}

QList<quint32> plan(const QString& text, bool pressEnter = false)
{
    const Result<QList<KeysymEvent>> events = keysymPlan(text, pressEnter);
    if (!events.ok())
        return {};
    return typedKeysyms(*events);
}

const QString kToken = u"0f8fad5b-d9cb-469f-a165-70867728950e"_s;

} // namespace

// The pure parts of the RemoteDesktop portal output: the key events a text becomes, the restore token's file,
// the portal's request/session paths and tokens, the SelectDevices options per interface version, and where
// the method sits in each desktop's chain.
class TestRemoteDesktopUnits : public QObject
{
    Q_OBJECT

private slots:
    void asciiIsLatin1Keysyms()
    {
        const Result<QList<KeysymEvent>> events = keysymPlan(u"Hi!"_s);
        QVERIFY(events.ok());
        const QList<KeysymEvent> expected{{0x48, true},  {0x48, false}, {0x69, true},
                                          {0x69, false}, {0x21, true},  {0x21, false}};
        QCOMPARE(*events, expected);
        QCOMPARE(plan(u" ~"_s), (QList<quint32>{0x20, 0x7e}));
    }

    void latin1IsDirect()
    {
        QCOMPARE(plan(u"é"_s), QList<quint32>{0xe9});
        QCOMPARE(plan(u"ß"_s), QList<quint32>{0xdf});
        QCOMPARE(plan(u"\u00a0\u00ff"_s), (QList<quint32>{0xa0, 0xff}));
    }

    void beyondLatin1IsUnicodeKeysym()
    {
        QCOMPARE(plan(u"你好"_s), (QList<quint32>{0x01004f60, 0x0100597d}));
        QCOMPARE(plan(u"€"_s), QList<quint32>{0x010020ac});
        QCOMPARE(plan(u"Ω"_s), QList<quint32>{0x010003a9});
    }

    void surrogatePairsAreOneCharacter()
    {
        const QString text = u"a😀b"_s; // U+1F600 is two UTF-16 units
        QCOMPARE(text.size(), 4);
        QCOMPARE(plan(text), (QList<quint32>{0x61, 0x0101f600, 0x62}));
        QCOMPARE(plan(u"👍🏽"_s), (QList<quint32>{0x0101f44d, 0x0101f3fd})); // emoji + skin-tone modifier
    }

    void lineBreaksAndTabs()
    {
        QCOMPARE(plan(u"a\nb"_s), (QList<quint32>{0x61, keysyms::Return, 0x62}));
        QCOMPARE(plan(u"a\r\nb"_s), (QList<quint32>{0x61, keysyms::Return, 0x62}));
        QCOMPARE(plan(u"a\tb"_s), (QList<quint32>{0x61, keysyms::Tab, 0x62}));
        QCOMPARE(keysyms::Return, 0xff0du);
        QCOMPARE(keysyms::Tab, 0xff09u);
        QCOMPARE(plan(u"ok"_s, true), (QList<quint32>{0x6f, 0x6b, keysyms::Return}));
        QCOMPARE(plan(QString(), true), QList<quint32>{keysyms::Return});
        QVERIFY(keysymPlan(QString()).ok());
        QVERIFY(keysymPlan(QString())->isEmpty());
    }

    void untypableCharactersAreRefusedByName()
    {
        const Result<QList<KeysymEvent>> bell = keysymPlan(u"a\u0007b"_s);
        QVERIFY(!bell.ok());
        QVERIFY2(bell.error().message.contains(u"U+0007"_s), qPrintable(bell.error().message));
        QVERIFY(!keysymPlan(u"\u007f"_s).ok()); // DEL
        QVERIFY(!keysymPlan(u"\u0085"_s).ok()); // C1 control
        QString lone;
        lone.append(QChar(0xd83d)); // a high surrogate without its partner
        lone.append(u'x');
        const Result<QList<KeysymEvent>> broken = keysymPlan(lone);
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message.contains(u"U+D83D"_s), qPrintable(broken.error().message));
        QCOMPARE(keysymForCodePoint(0xfffe), 0u); // noncharacter
        QCOMPARE(keysymForCodePoint(0xfdd0), 0u);
        QCOMPARE(keysymForCodePoint(0x110000), 0u);
    }

    void restoreTokenPersists()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"state/remotedesktop-restore-token"_s);
        RestoreTokenStore store(file);
        QCOMPARE(store.load(), QString()); // nothing stored yet
        QVERIFY(store.save(kToken).ok());  // creates the folder
        QCOMPARE(store.load(), kToken);
        QCOMPARE(RestoreTokenStore(file).load(), kToken); // another instance (a restart) reads it back
        const QFileDevice::Permissions others =
            QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther;
        QCOMPARE((QFile::permissions(file) & others).toInt(), 0); // owner only
        const QString next = u"7C9E6679-7425-40DE-944B-E07FC1F90AE7"_s;
        QVERIFY(store.save(next).ok()); // single-use tokens: the new one replaces the old
        QCOMPARE(store.load(), next);
        QVERIFY(!store.save(u"not-a-token"_s).ok());
        QCOMPARE(store.load(), next);        // a refused token leaves the stored one alone
        QVERIFY(store.save(QString()).ok()); // persistence refused: forget the spent token
        QVERIFY(!QFile::exists(file));
        QCOMPARE(store.load(), QString());
    }

    void damagedTokenFileIsIgnored()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"token"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{0f8fad5b-d9cb-469f-a165-70867728950e}\n"); // braces: the portal would refuse it
        f.close();
        QCOMPARE(RestoreTokenStore(file).load(), QString());
        QVERIFY(RestoreTokenStore::isValidToken(kToken));
        QVERIFY(!RestoreTokenStore::isValidToken(u"0f8fad5b-d9cb-469f-a165-70867728950"_s));
        QVERIFY(!RestoreTokenStore::isValidToken(u"0f8fad5bxd9cb-469f-a165-70867728950e"_s));
        QVERIFY(!RestoreTokenStore::isValidToken(u"0g8fad5b-d9cb-469f-a165-70867728950e"_s));
    }

    void requestAndSessionPaths()
    {
        QCOMPARE(PortalRequest::senderPart(u":1.42"_s), u"1_42"_s);
        QCOMPARE(PortalRequest::requestPath(u":1.42"_s, u"utter_rd_3"_s),
                 u"/org/freedesktop/portal/desktop/request/1_42/utter_rd_3"_s);
        QCOMPARE(PortalRequest::sessionPath(u":1.1337"_s, u"utter_rd_session_4"_s),
                 u"/org/freedesktop/portal/desktop/session/1_1337/utter_rd_session_4"_s);
        QCOMPARE(PortalRequest::handleToken(u"rd"_s, 7), u"utter_rd_7"_s);
        QCOMPARE(PortalRequest::handleToken(u"rd session-x.y"_s, 1), u"utter_rd_session_x_y_1"_s);
        const QString a = PortalRequest::nextToken(u"rd"_s);
        const QString b = PortalRequest::nextToken(u"shortcuts"_s);
        QVERIFY(a.startsWith(u"utter_rd_"_s));
        QVERIFY(b.startsWith(u"utter_shortcuts_"_s));
        // One serial for every user of the connection: tokens never repeat, whatever the purpose.
        QVERIFY(a.section(u'_', -1).toUInt() < b.section(u'_', -1).toUInt());
        QCOMPARE(PortalRequest::objectPathValue(QVariant(u"/org/freedesktop/portal/desktop/session/1_2/t"_s)),
                 u"/org/freedesktop/portal/desktop/session/1_2/t"_s);
        QCOMPARE(PortalRequest::objectPathValue(QVariant::fromValue(QDBusObjectPath(u"/a/b"_s))), u"/a/b"_s);
    }

    void selectDevicesOptionsFollowTheVersion()
    {
        const QVariantMap v1 = PortalKeyboard::selectDevicesOptions(1, u"utter_rd_1"_s, kToken);
        QCOMPARE(v1.value(u"handle_token"_s).toString(), u"utter_rd_1"_s);
        QCOMPARE(v1.value(u"types"_s).toUInt(), 1u); // keyboard only
        QVERIFY(!v1.contains(u"persist_mode"_s));    // version 1 (Debian 12's portal 1.16) has no persistence
        QVERIFY(!v1.contains(u"restore_token"_s));
        QCOMPARE(v1.value(u"types"_s).metaType(), QMetaType::fromType<uint>()); // D-Bus "u"

        const QVariantMap v2 = PortalKeyboard::selectDevicesOptions(2, u"utter_rd_2"_s, kToken);
        QCOMPARE(v2.value(u"persist_mode"_s).toUInt(), 2u);
        QCOMPARE(v2.value(u"persist_mode"_s).metaType(), QMetaType::fromType<uint>());
        QCOMPARE(v2.value(u"restore_token"_s).toString(), kToken);

        const QVariantMap first = PortalKeyboard::selectDevicesOptions(2, u"utter_rd_3"_s, QString());
        QCOMPARE(first.value(u"persist_mode"_s).toUInt(), 2u);
        QVERIFY(!first.contains(u"restore_token"_s)); // nothing to restore yet: the dialog is shown once
        QVERIFY(!PortalKeyboard::selectDevicesOptions(2, u"t"_s, u"garbage"_s).contains(u"restore_token"_s));
    }

    void chainOrder()
    {
        DesktopSession gnome;
        gnome.kind = DesktopSession::Wayland;
        gnome.compositor = DesktopSession::Gnome;
        QCOMPARE(defaultOutputMethods(gnome), (QStringList{u"portal"_s, u"ydotool"_s, u"wayland-paste"_s}));
        DesktopSession kde = gnome;
        kde.compositor = DesktopSession::Kde;
        QCOMPARE(defaultOutputMethods(kde), (QStringList{u"portal"_s, u"ydotool"_s, u"wayland-paste"_s}));
        DesktopSession sway = gnome;
        sway.compositor = DesktopSession::Sway;
        QCOMPARE(defaultOutputMethods(sway), (QStringList{u"wtype"_s, u"portal"_s, u"ydotool"_s, u"wayland-paste"_s}));
        DesktopSession x11;
        x11.kind = DesktopSession::X11;
        QVERIFY(!defaultOutputMethods(x11).contains(u"portal"_s));
        QVERIFY(PlatformFactory::knownOutputMethods().contains(u"portal"_s));
        QCOMPARE(expandOutputMethods({u"Portal"_s, u"auto"_s}, sway).first(), u"portal"_s);
    }

    void fixesNameThePackages()
    {
        const Error missing(ErrorCode::NotFound, u"no portal"_s);
        QVERIFY(PortalOutput::fixFor(missing, DesktopSession::Gnome).contains(u"xdg-desktop-portal-gnome"_s));
        QVERIFY(PortalOutput::fixFor(missing, DesktopSession::Kde).contains(u"xdg-desktop-portal-kde"_s));
        QVERIFY(PortalOutput::fixFor(missing, DesktopSession::Sway).contains(u"wtype"_s));
        const Error declined(ErrorCode::Cancelled, u"no"_s);
        QVERIFY(PortalOutput::fixFor(declined, DesktopSession::Gnome).contains(u"start Utter again"_s));
    }

    void gnomeTypesAsciiOnly()
    {
        // Mutter drops keysyms the current layout lacks although the portal accepts them (testportaloutput shows
        // it against the real back end): on GNOME only printable ASCII, line breaks and tabs are typed.
        const auto check = [](const QString& text, DesktopSession::Compositor compositor) {
            return PortalOutput::checkTypable(*keysymPlan(text, true), compositor);
        };
        QVERIFY(check(u"Hello, world! ~`{}|\\\t\n 0-9"_s, DesktopSession::Gnome).ok());
        const Status accent = check(u"caf\u00e9"_s, DesktopSession::Gnome);
        QVERIFY(!accent.ok());
        QCOMPARE(accent.error().code, ErrorCode::Unsupported);
        QVERIFY2(accent.error().message.contains(u"\u00e9 (U+00E9)"_s), qPrintable(accent.error().message));
        QVERIFY(check(u"\u00df"_s, DesktopSession::Gnome).error().message.contains(u"(U+00DF)"_s));
        QVERIFY(check(u"\u4f60\u597d"_s, DesktopSession::Gnome).error().message.contains(u"(U+4F60)"_s));
        const Status emoji = check(u"ok \U0001F600"_s, DesktopSession::Gnome);
        QVERIFY2(emoji.error().message.contains(u"\U0001F600 (U+1F600)"_s), qPrintable(emoji.error().message));
        QVERIFY(!check(u"\u00a0"_s, DesktopSession::Gnome).ok()); // no-break space: Latin-1, not ASCII
        // Elsewhere the plan goes to the portal as it is.
        QVERIFY(check(u"caf\u00e9"_s, DesktopSession::Sway).ok());
        QVERIFY(check(u"caf\u00e9 \u4f60\u597d \U0001F600"_s, DesktopSession::Hyprland).ok());
    }

    void kdeTypesAsciiOnly()
    {
        // KDE 5.27's back end (KWin's fake input) drops keysyms the layout lacks as Mutter does (testkdeportals).
        const auto check = [](const QString& text) {
            return PortalOutput::checkTypable(*keysymPlan(text, true), DesktopSession::Kde);
        };
        QVERIFY(check(u"Hello, world! ~`{}|\\\t\n 0-9"_s).ok());
        const Status accent = check(u"\u00e9 \u00df"_s);
        QVERIFY(!accent.ok());
        QCOMPARE(accent.error().code, ErrorCode::Unsupported);
        QVERIFY2(accent.error().message.startsWith(u"KDE's portal"_s), qPrintable(accent.error().message));
        QVERIFY2(accent.error().message.contains(u"\u00e9 (U+00E9)"_s), qPrintable(accent.error().message));
        QVERIFY(check(u"\u4f60\u597d"_s).error().message.contains(u"\u4f60 (U+4F60)"_s));
        QVERIFY(!check(u"ok \U0001F600"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestRemoteDesktopUnits)
#include "testremotedesktopunits.moc"
