#include "platform/linux/wayland/portalhotkeys.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusVirtualObject>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

struct Shortcut
{
    QString id;
    QVariantMap properties;
};

QDBusArgument& operator<<(QDBusArgument& arg, const Shortcut& s)
{
    arg.beginStructure();
    arg << s.id << s.properties;
    arg.endStructure();
    return arg;
}

const QDBusArgument& operator>>(const QDBusArgument& arg, Shortcut& s)
{
    arg.beginStructure();
    arg >> s.id >> s.properties;
    arg.endStructure();
    return arg;
}

} // namespace

Q_DECLARE_METATYPE(Shortcut)

// A stand-in for xdg-desktop-portal's GlobalShortcuts (version 1, as in Debian 12), on its own bus connection
// in its own thread so the client's blocking calls can be answered. It speaks the real protocol: requests
// answered through org.freedesktop.portal.Request::Response at the path derived from the caller's name and
// handle_token, session_handle typed "s", shortcuts as a(sa{sv}).
class FakePortal : public QDBusVirtualObject
{
public:
    uint refuse = 0; // response code for BindShortcuts
    QList<Shortcut> bound;
    QString session;

    QString introspect(const QString&) const override { return {}; }

    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override
    {
        const QList<QVariant> args = message.arguments();
        const QString sender = senderPart(message);
        if (message.interface() == u"org.freedesktop.DBus.Properties"_s && message.member() == u"Get"_s) {
            if (args.value(0).toString() != u"org.freedesktop.portal.GlobalShortcuts"_s)
                return false;
            connection.send(message.createReply(QVariant::fromValue(QDBusVariant(uint(1)))));
            return true;
        }
        if (message.member() == u"CreateSession"_s) {
            const QVariantMap options = qdbus_cast<QVariantMap>(args.value(0));
            session = u"/org/freedesktop/portal/desktop/session/%1/%2"_s.arg(
                sender, options.value(u"session_handle_token"_s).toString());
            const QString request = requestPath(sender, options);
            connection.send(message.createReply(QVariant::fromValue(QDBusObjectPath(request))));
            respond(connection, request, 0, {{u"session_handle"_s, session}});
            return true;
        }
        if (message.member() == u"BindShortcuts"_s) {
            const QString sessionPath = qdbus_cast<QDBusObjectPath>(args.value(0)).path();
            QList<Shortcut> list = qdbus_cast<QList<Shortcut>>(args.value(1));
            const QVariantMap options = qdbus_cast<QVariantMap>(args.value(3));
            if (sessionPath == session && refuse == 0) {
                for (Shortcut& s : list)
                    s.properties.insert(u"trigger_description"_s, s.properties.value(u"preferred_trigger"_s));
                bound = list;
            }
            const QString request = requestPath(sender, options);
            connection.send(message.createReply(QVariant::fromValue(QDBusObjectPath(request))));
            respond(connection, request, refuse, {{u"shortcuts"_s, QVariant::fromValue(bound)}});
            return true;
        }
        return false;
    }

    void emitShortcut(const QString& member, const QString& id)
    {
        QDBusMessage signal = QDBusMessage::createSignal(u"/org/freedesktop/portal/desktop"_s,
                                                         u"org.freedesktop.portal.GlobalShortcuts"_s, member);
        signal << QVariant::fromValue(QDBusObjectPath(session)) << id << qulonglong(1234) << QVariantMap();
        QDBusConnection(u"fakeportal"_s).send(signal);
    }

private:
    static QString senderPart(const QDBusMessage& message)
    {
        QString sender = message.service().mid(1);
        return sender.replace(u'.', u'_');
    }
    static QString requestPath(const QString& sender, const QVariantMap& options)
    {
        return u"/org/freedesktop/portal/desktop/request/%1/%2"_s.arg(sender,
                                                                      options.value(u"handle_token"_s).toString());
    }
    static void respond(const QDBusConnection& connection, const QString& request, uint code,
                        const QVariantMap& results)
    {
        QDBusMessage signal = QDBusMessage::createSignal(request, u"org.freedesktop.portal.Request"_s, u"Response"_s);
        signal << code << results;
        connection.send(signal);
    }
};

class TestPortalHotkeys : public QObject
{
    Q_OBJECT

    QThread m_thread;
    FakePortal* m_portal = nullptr;

    void onPortalThread(const std::function<void()>& f)
    {
        QMetaObject::invokeMethod(m_portal, f, Qt::BlockingQueuedConnection);
    }

private slots:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected()) {
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)
                QFAIL("no D-Bus session bus although UTTER_TEST_SERVICES=1");
            QSKIP("no D-Bus session bus; run under tests/with-services.sh or dbus-run-session");
        }
        if (QDBusConnection::sessionBus().interface()->isServiceRegistered(u"org.freedesktop.portal.Desktop"_s))
            QSKIP("a real desktop portal runs on this bus; this test needs a private bus");
        qDBusRegisterMetaType<Shortcut>();
        qDBusRegisterMetaType<QList<Shortcut>>();
        m_thread.start();
        m_portal = new FakePortal;
        m_portal->moveToThread(&m_thread);
        bool ok = false;
        onPortalThread([&] {
            QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"fakeportal"_s);
            ok = bus.registerVirtualObject(u"/org/freedesktop/portal/desktop"_s, m_portal) &&
                 bus.registerService(u"org.freedesktop.portal.Desktop"_s);
        });
        QVERIFY(ok);
    }

    void cleanupTestCase()
    {
        if (!m_portal)
            return;
        onPortalThread([&] {
            QDBusConnection(u"fakeportal"_s).unregisterService(u"org.freedesktop.portal.Desktop"_s);
            QDBusConnection::disconnectFromBus(u"fakeportal"_s);
            delete m_portal;
        });
        m_thread.quit();
        m_thread.wait();
    }

    void detectsThePortal()
    {
        QString why;
        QVERIFY2(PortalHotkeys::isAvailable(&why), qPrintable(why));
    }

    void bindsAndDeliversPressAndRelease()
    {
        PortalHotkeys hotkeys;
        QSignalSpy failed(&hotkeys, &GlobalHotkeys::registrationFailed);
        QVERIFY(hotkeys.registerHotkey(u"dictate"_s, *KeySpec::parse(u"Ctrl+Alt+Space"_s)).ok());
        QVERIFY(hotkeys.registerHotkey(u"cancel"_s, *KeySpec::parse(u"F10"_s)).ok());
        QTRY_COMPARE(m_portal->bound.size(), 2);
        QStringList triggers;
        for (const Shortcut& s : m_portal->bound)
            triggers << s.id + u'=' + s.properties.value(u"preferred_trigger"_s).toString();
        triggers.sort();
        QCOMPARE(triggers, (QStringList{u"cancel=F10"_s, u"dictate=CTRL+ALT+space"_s}));

        QSignalSpy pressed(&hotkeys, &GlobalHotkeys::pressed);
        QSignalSpy released(&hotkeys, &GlobalHotkeys::released);
        onPortalThread([&] {
            m_portal->emitShortcut(u"Activated"_s, u"dictate"_s);
            m_portal->emitShortcut(u"Activated"_s, u"dictate"_s); // repeat: still one press
        });
        QTRY_COMPARE(pressed.count(), 1);
        QCOMPARE(pressed.first().first().toString(), u"dictate"_s);
        onPortalThread([&] { m_portal->emitShortcut(u"Deactivated"_s, u"dictate"_s); });
        QTRY_COMPARE(released.count(), 1);
        QTest::qWait(100);
        QCOMPARE(pressed.count(), 1);
        QCOMPARE(failed.count(), 0);
        // The portal binds once per session: later changes need a restart, and say so.
        const Status again = hotkeys.registerHotkey(u"dictate"_s, *KeySpec::parse(u"F9"_s));
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(u"restart Utter"_s));
    }

    void refusalIsReported()
    {
        onPortalThread([&] {
            m_portal->refuse = 1; // the user pressed "Cancel" in the desktop's dialog
            m_portal->bound.clear();
        });
        PortalHotkeys hotkeys;
        QSignalSpy failed(&hotkeys, &GlobalHotkeys::registrationFailed);
        QVERIFY(hotkeys.registerHotkey(u"dictate"_s, *KeySpec::parse(u"F9"_s)).ok());
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().toString(), u"dictate"_s);
        QVERIFY(failed.first().at(1).value<Error>().message.contains(u"not allowed"_s));
    }
};

QTEST_GUILESS_MAIN(TestPortalHotkeys)
#include "testportalhotkeys.moc"
