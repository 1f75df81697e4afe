#include "fakedictationcontrol.h"
#include "settings/settings.h"
#include "testenv.h"
#include "theme.h"
#include "traycontroller.h"
#include "trayicons.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonObject>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

namespace
{

// What a menu entry says, without its mnemonic marker and its shortcut column ("&Start dictation\tF9").
QString plain(const QAction* action)
{
    return action->text().section(u'\t', 0, 0).replace(u"&&"_s, u"\x01"_s).remove(u'&').replace(u'\x01', u'&');
}

} // namespace

class TestTrayController final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_home = std::make_unique<test::TestHome>();
        m_settings = std::make_unique<Settings>(m_home->configDir() + u"/utter.ini"_s);
        m_fake = std::make_unique<FakeDictationControl>();
        m_tray = std::make_unique<TrayController>(m_fake.get(), *m_settings);
    }

    void cleanup()
    {
        m_tray.reset();
        m_fake.reset();
        m_settings.reset();
        m_home.reset();
    }

    void menuHasEveryAction()
    {
        QStringList texts;
        for (QAction* action : m_tray->menu()->actions()) {
            if (!action->isSeparator())
                texts << plain(action);
        }
        QCOMPARE(texts,
                 (QStringList{u"Start dictation"_s, u"Cancel dictation"_s, u"Mode"_s, u"Style"_s, u"Copy last result"_s,
                              u"Recent dictations"_s, u"Read back last result"_s, u"History…"_s, u"Settings…"_s,
                              u"Doctor…"_s, u"Pause hotkeys"_s, u"Quit Utter"_s}));
        QCOMPARE(m_tray->modeMenu()->actions().size(), 3);
    }

    void startStopAndCancelDriveTheService()
    {
        m_tray->action(TrayController::Action::StartStop)->trigger();
        QCOMPARE(m_fake->calls, QStringList{u"toggle"_s});
        m_fake->setState(u"listening"_s);
        QCOMPARE(plain(m_tray->action(TrayController::Action::StartStop)), u"Stop dictation"_s);
        QVERIFY(m_tray->action(TrayController::Action::Cancel)->isEnabled());
        m_tray->action(TrayController::Action::Cancel)->trigger();
        QCOMPARE(m_fake->calls, (QStringList{u"toggle"_s, u"cancel"_s}));
        m_fake->setState(u"idle"_s);
        QVERIFY(!m_tray->action(TrayController::Action::Cancel)->isEnabled());
    }

    void serviceErrorBecomesNotification()
    {
        QSignalSpy notified(m_tray.get(), &TrayController::notified);
        m_fake->nextResult = Error(ErrorCode::Failed, u"No microphone is connected."_s);
        m_tray->action(TrayController::Action::StartStop)->trigger();
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.at(0).at(1).toString(), u"No microphone is connected."_s);
        // The same failure again within a minute is not repeated.
        m_fake->nextResult = Error(ErrorCode::Failed, u"No microphone is connected."_s);
        m_tray->action(TrayController::Action::StartStop)->trigger();
        QCOMPARE(notified.size(), 1);
    }

    void modeAndStyleMenusWriteSettings()
    {
        QAction* toggle = nullptr;
        for (QAction* action : m_tray->modeMenu()->actions()) {
            if (action->data().toString() == u"toggle"_s)
                toggle = action;
        }
        QVERIFY(toggle);
        toggle->trigger();
        QCOMPARE(m_settings->stringValue(SettingKey::GeneralMode), u"toggle"_s);
        QVERIFY(toggle->isChecked());

        m_tray->setStyles({u"email"_s, u"notes"_s});
        QCOMPARE(m_tray->styleMenu()->actions().size(), 3);
        m_tray->styleMenu()->actions().at(1)->trigger();
        QCOMPARE(m_settings->stringValue(SettingKey::GeneralStyle), u"email"_s);
        QVERIFY(m_tray->toolTip().contains(u"Style: email"_s));
        // A change made elsewhere (the settings dialog, `utter config set`) is reflected in the menu.
        QVERIFY(m_settings->setValue(SettingKey::GeneralMode, u"hands-free"_s).ok());
        QVERIFY(!toggle->isChecked());
    }

    void statesPickIconsAndTooltip()
    {
        m_fake->setState(u"listening"_s);
        QCOMPARE(m_tray->state(), TrayState::Listening);
        QVERIFY(m_tray->toolTip().startsWith(u"Utter — Listening"_s));
        m_fake->setState(u"transforming"_s);
        QCOMPARE(m_tray->state(), TrayState::Styling);
        m_fake->setState(u"finishing"_s);
        QCOMPARE(m_tray->state(), TrayState::Processing);
        QVERIFY(!m_tray->currentIcon().isNull());
        QVERIFY(!m_tray->currentIcon().pixmap(22, 22).isNull());
        for (TrayState state : {TrayState::Idle, TrayState::Listening, TrayState::Processing, TrayState::Styling,
                                TrayState::Queued, TrayState::Error}) {
            for (ColorScheme panel : {ColorScheme::Light, ColorScheme::Dark})
                QVERIFY2(QFile::exists(trayIconPath(state, panel)), qPrintable(trayIconPath(state, panel)));
        }
    }

    void queuedDictationNotifiesOnceAndOnDelivery()
    {
        QSignalSpy notified(m_tray.get(), &TrayController::notified);
        m_fake->setState(u"queued"_s, u"q1"_s);
        m_fake->setState(u"queued"_s, u"q1"_s);
        QCOMPARE(notified.size(), 1);
        emit m_fake->finalTranscript(u"q1"_s, u"late words"_s);
        QCOMPARE(notified.size(), 2);
        QCOMPARE(notified.at(1).at(0).toString(), u"Queued dictation delivered"_s);
    }

    void aQueuedDictationNamesWhatIsAway()
    {
        // Issue 18: the queued message said "waiting for the network" when only the provider was down.
        QSignalSpy notified(m_tray.get(), &TrayController::notified);
        const QString reason = u"The transcription endpoint api.groq.com answered 503 (Service Unavailable)."_s;
        m_fake->extraStatus = {{u"network"_s, u"online"_s},
                               {u"jobs"_s, QJsonArray{QJsonObject{{u"state"_s, u"failed"_s}, {u"reason"_s, reason}}}}};
        m_fake->setState(u"queued"_s, u"p1"_s);
        QVERIFY2(m_tray->toolTip().startsWith(u"Utter — Queued — waiting for the provider"_s),
                 qPrintable(m_tray->toolTip()));
        QCOMPARE(notified.size(), 1);
        QVERIFY(notified.at(0).at(1).toString().startsWith(reason));
        QVERIFY(!notified.at(0).at(1).toString().contains(u"network"_s));

        m_fake->extraStatus = {{u"network"_s, u"offline"_s}};
        m_fake->setState(u"queued"_s, u"n1"_s);
        QVERIFY(m_tray->toolTip().startsWith(u"Utter — Queued — waiting for the network"_s));
        QCOMPARE(notified.size(), 2);
        QVERIFY(notified.at(1).at(1).toString().startsWith(u"There is no network connection."_s));
    }

    void copyLastPutsStyledResultOnClipboard()
    {
        QVERIFY(!m_tray->action(TrayController::Action::CopyLast)->isEnabled());
        m_fake->setState(u"listening"_s, u"s9"_s);
        emit m_fake->finalTranscript(u"s9"_s, u"hello world"_s);
        m_fake->setState(u"transforming"_s, u"s9"_s);
        emit m_fake->transformDelta(u"s9"_s, u"Hello, "_s);
        emit m_fake->transformDelta(u"s9"_s, u"world."_s);
        m_fake->setState(u"idle"_s, u"s9"_s);
        QCOMPARE(m_tray->lastResult(), u"Hello, world."_s);
        m_tray->action(TrayController::Action::CopyLast)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Hello, world."_s);
    }

    void windowsAndQuitAreSignals()
    {
        QSignalSpy settings(m_tray.get(), &TrayController::settingsRequested);
        QSignalSpy history(m_tray.get(), &TrayController::historyRequested);
        QSignalSpy doctor(m_tray.get(), &TrayController::doctorRequested);
        QSignalSpy pause(m_tray.get(), &TrayController::hotkeysPausedChanged);
        QSignalSpy quit(m_tray.get(), &TrayController::quitRequested);
        m_tray->action(TrayController::Action::Settings)->trigger();
        m_tray->action(TrayController::Action::History)->trigger();
        m_tray->action(TrayController::Action::Doctor)->trigger();
        m_tray->action(TrayController::Action::PauseHotkeys)->trigger();
        m_tray->action(TrayController::Action::Quit)->trigger();
        QCOMPARE(settings.size() + history.size() + doctor.size() + quit.size(), 4);
        QCOMPARE(pause.size(), 1);
        QCOMPARE(pause.at(0).at(0).toBool(), true);
    }

    void withoutServiceDictationIsDisabled()
    {
        TrayController tray(nullptr, *m_settings);
        QVERIFY(!tray.action(TrayController::Action::StartStop)->isEnabled());
        QVERIFY(!tray.action(TrayController::Action::StartStop)->toolTip().isEmpty());
        QVERIFY(tray.action(TrayController::Action::Settings)->isEnabled());
    }

    void theIconFollowsALatePaletteChange()
    {
        // The desktop app learns GNOME's dark style only after the tray is up (issue 18): the panel guess and the
        // icon follow the palette then.
        const QByteArray panel = qgetenv("UTTER_TRAY_PANEL");
        const QByteArray desktop = qgetenv("XDG_CURRENT_DESKTOP");
        qunsetenv("UTTER_TRAY_PANEL");
        qputenv("XDG_CURRENT_DESKTOP", "XFCE");
        const QPalette before = QApplication::palette();
        QApplication::setPalette(lightPalette());
        TrayController tray(m_fake.get(), *m_settings);
        const QImage light = tray.currentIcon().pixmap(24, 24).toImage();
        QApplication::setPalette(darkPalette());
        tray.followPalette();
        const QImage dark = tray.currentIcon().pixmap(24, 24).toImage();
        QApplication::setPalette(before);
        qputenv("UTTER_TRAY_PANEL", panel);
        qputenv("XDG_CURRENT_DESKTOP", desktop);
        QVERIFY(!light.isNull());
        QVERIFY(light != dark);
        QCOMPARE(dark, trayIcon(TrayState::Idle, ColorScheme::Dark).pixmap(24, 24).toImage());
    }

    void theDictationKeyIsShownNextToStartDictation()
    {
        QAction* start = m_tray->action(TrayController::Action::StartStop);
        QCOMPARE(start->text().section(u'\t', 1), u"Ctrl+Alt+Space"_s); // the default key
        // A key changed anywhere (the dialog, `utter config set`) shows at once.
        QVERIFY(m_settings->setValue(SettingKey::HotkeyDictate, u"f9"_s).ok());
        QCOMPARE(start->text().section(u'\t', 1), u"F9"_s);
        m_fake->setState(u"listening"_s);
        QCOMPARE(start->text(), u"&Stop dictation\tF9"_s);
    }

    void recentDictationsCopyWithAClick()
    {
        QMenu* recent = m_tray->recentMenu();
        emit recent->aboutToShow();
        QCOMPARE(recent->actions().size(), 1);
        QVERIFY(!recent->actions().constFirst()->isEnabled()); // "Nothing dictated yet"
        for (int i = 1; i <= TrayController::kRecentCount + 2; ++i)
            emit m_fake->finalTranscript(u"s%1"_s.arg(i), u"Dictation number %1 & more"_s.arg(i));
        emit recent->aboutToShow();
        const QList<QAction*> entries = recent->actions();
        QCOMPARE(entries.size(), TrayController::kRecentCount);
        QCOMPARE(plain(entries.at(0)), u"1  Dictation number 7 & more"_s); // newest first; "&" shown as itself
        QCOMPARE(plain(entries.at(4)), u"5  Dictation number 3 & more"_s);
        entries.at(1)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Dictation number 6 & more"_s);

        // With a source (the desktop app's history), the submenu shows what it says, asked when it opens.
        int asked = 0;
        m_tray->setRecentSource([&asked](int count) {
            ++asked;
            return QStringList{u"from history (%1)"_s.arg(count)};
        });
        emit recent->aboutToShow();
        QCOMPARE(asked, 1);
        QCOMPARE(plain(recent->actions().constFirst()), u"1  from history (5)"_s);
    }

    void everyEntryHasAKeyboardLetter()
    {
        // Reachable without a mouse: each entry of the open menu has its own mnemonic, and typing it acts.
        QSet<QChar> letters;
        for (QAction* action : m_tray->menu()->actions()) {
            if (action->isSeparator())
                continue;
            const QString text = action->text().section(u'\t', 0, 0);
            const qsizetype at = text.indexOf(u'&');
            QVERIFY2(at >= 0 && at + 1 < text.size(), qPrintable(text));
            const QChar letter = text.at(at + 1).toLower();
            QVERIFY2(!letters.contains(letter), qPrintable(u"two entries use the letter "_s + letter));
            letters.insert(letter);
        }
        QSignalSpy settings(m_tray.get(), &TrayController::settingsRequested);
        m_tray->menu()->popup(QPoint(0, 0));
        QVERIFY(QTest::qWaitForWindowExposed(m_tray->menu()));
        QTest::keyClick(m_tray->menu(), Qt::Key_T);
        QTRY_COMPARE(settings.size(), 1);
    }

private:
    std::unique_ptr<test::TestHome> m_home;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<FakeDictationControl> m_fake;
    std::unique_ptr<TrayController> m_tray;
};

QTEST_MAIN(TestTrayController)
#include "testtraycontroller.moc"
