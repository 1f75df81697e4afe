// Renders every window in light and dark at the current scale (QT_SCALE_FACTOR: the 1× and 2× runs) into
// UTTER_ARTIFACT_DIR, and checks what a screenshot can show: the right pixel size for the scale, dark really
// darker than light, and no label cut off (each label gets at least its size hint's height).
#include "doctorwindow.h"
#include "fakedictationcontrol.h"
#include "history/historystore.h"
#include "historywindow.h"
#include "onboardingwizard.h"
#include "recordingoverlay.h"
#include "reprocesspanel.h"
#include "settings/settings.h"
#include "settingsdialog.h"
#include "statuswindow.h"
#include "styleeditor.h"
#include "testenv.h"
#include "theme.h"
#include "traycontroller.h"
#include "trayicons.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

namespace
{

double meanLightness(const QImage& image)
{
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4) {
            sum += QColor(image.pixel(x, y)).lightnessF();
            ++n;
        }
    }
    return n ? sum / n : 0;
}

} // namespace

class TestScreenshots final : public QObject
{
    Q_OBJECT

private:
    QString scaleTag() const { return u"%1x"_s.arg(qRound(qApp->devicePixelRatio())); }

    QImage shoot(QWidget* w, const QString& name, ColorScheme scheme)
    {
        w->ensurePolished();
        if (!w->isVisible())
            w->show();
        QApplication::processEvents();
        for (QLabel* label : w->findChildren<QLabel*>()) {
            if (label->isVisible() && label->wordWrap() && !label->text().isEmpty()) {
                const int needed = label->heightForWidth(label->width());
                if (needed > label->height() + 1)
                    qWarning().noquote() << name << "label cut off:" << label->text().left(40) << label->height() << "<"
                                         << needed;
                [&] { QVERIFY2(needed <= label->height() + 1, qPrintable(name + u": "_s + label->text())); }();
            }
        }
        const QPixmap pixmap = w->grab();
        const QImage image = pixmap.toImage();
        const QString file = QDir(m_dir).filePath(
            u"%1-%2-%3.png"_s.arg(name, scheme == ColorScheme::Dark ? u"dark"_s : u"light"_s, scaleTag()));
        image.save(file);
        [&] {
            QVERIFY(!image.isNull());
            QCOMPARE(image.width(), qRound(w->width() * qApp->devicePixelRatio()));
        }();
        return image;
    }

    void applyScheme(ColorScheme scheme)
    {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        qApp->setPalette(scheme == ColorScheme::Dark ? darkPalette() : lightPalette());
    }

private slots:
    void initTestCase()
    {
        m_dir = qEnvironmentVariable("UTTER_ARTIFACT_DIR", QDir::temp().filePath(u"utter-artifacts"_s));
        QVERIFY(QDir().mkpath(m_dir));
        m_home = std::make_unique<test::TestHome>();
        m_settings = std::make_unique<Settings>(m_home->configDir() + u"/utter.ini"_s);
    }

    void settingsPages_data()
    {
        QTest::addColumn<int>("page");
        const QStringList names = {u"general"_s, u"hotkeys"_s, u"audio"_s,   u"providers"_s,
                                   u"styles"_s,  u"output"_s,  u"history"_s, u"advanced"_s};
        for (int i = 0; i < names.size(); ++i)
            QTest::newRow(qPrintable(names.at(i))) << i;
    }

    void settingsPages()
    {
        QFETCH(int, page);
        double light = 0;
        for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark}) {
            applyScheme(scheme);
            SettingsDialog dialog(*m_settings, nullptr);
            dialog.setStylesDir(m_home->configDir() + u"/styles"_s);
            dialog.showPage(SettingsDialog::Page(page));
            const QImage image = shoot(&dialog, u"settings-"_s + QString::fromLatin1(QTest::currentDataTag()), scheme);
            if (scheme == ColorScheme::Light)
                light = meanLightness(image);
            else
                QVERIFY(meanLightness(image) < light - 0.3);
        }
    }

    // The style library on the Styles page: a built-in being edited, with one field refused inline.
    void styleEditor()
    {
        for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark}) {
            applyScheme(scheme);
            SettingsDialog dialog(*m_settings, nullptr);
            dialog.setStylesDir(m_home->configDir() + u"/styles"_s);
            dialog.showPage(SettingsDialog::Page::Styles);
            dialog.resize(dialog.width(), 760);
            StyleEditor* editor = dialog.styleEditor();
            QVERIFY(editor);
            QVERIFY(editor->select(u"email"_s));
            editor->temperatureEdit()->setText(u"2.5"_s);
            dialog.show();
            QApplication::processEvents();
            for (QScrollArea* area : dialog.findChildren<QScrollArea*>()) {
                if (area->widget() && area->widget()->isAncestorOf(editor))
                    area->ensureWidgetVisible(editor, 0, 0);
            }
            shoot(&dialog, u"settings-style-editor"_s, scheme);
            editor->revert();
            editor->newStyle();
            shoot(&dialog, u"settings-style-new"_s, scheme);
        }
    }

    void overlay()
    {
        for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark}) {
            applyScheme(scheme);
            FakeDictationControl fake;
            RecordingOverlay overlay;
            overlay.setReducedMotion(true);
            overlay.attach(&fake);
            fake.setState(u"listening"_s);
            overlay.setLevel(-14.0f);
            emit fake.partialTranscript(u"s1"_s, 0, u"Let's meet on Thursday at ten,"_s);
            emit fake.partialTranscript(u"s1"_s, 1, u"and bring the draft of the proposal."_s);
            shoot(&overlay, u"overlay-listening"_s, scheme);
            fake.setState(u"transforming"_s);
            emit fake.transformDelta(u"s1"_s, u"Let's meet on Thursday at 10:00 — please bring the proposal draft."_s);
            shoot(&overlay, u"overlay-styling"_s, scheme);
        }
    }

    void statusWindowAndTrayIcons()
    {
        for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark}) {
            applyScheme(scheme);
            FakeDictationControl fake;
            TrayController tray(&fake, *m_settings);
            StatusWindow window(tray);
            window.adjustSize();
            shoot(&window, u"status-window"_s, scheme);

            // Every tray icon at the sizes panels use, on a panel of the matching colour.
            const QList<int> sizes = {16, 22, 24, 32, 48};
            const QList<TrayState> states = {TrayState::Idle,    TrayState::Listening, TrayState::Processing,
                                             TrayState::Styling, TrayState::Queued,    TrayState::Error};
            const qreal dpr = qApp->devicePixelRatio();
            QImage sheet(QSize(6 * 56, 5 * 56) * dpr, QImage::Format_ARGB32);
            sheet.setDevicePixelRatio(dpr);
            sheet.fill(scheme == ColorScheme::Dark ? QColor(0x24, 0x1f, 0x31) : QColor(0xf6, 0xf5, 0xf4));
            QPainter p(&sheet);
            for (int s = 0; s < states.size(); ++s) {
                for (int z = 0; z < sizes.size(); ++z) {
                    const QPixmap icon = trayIcon(states.at(s), scheme).pixmap(QSize(sizes.at(z), sizes.at(z)), dpr);
                    QVERIFY(!icon.isNull());
                    p.drawPixmap(s * 56 + 4, z * 56 + 4, icon);
                }
            }
            p.end();
            sheet.save(QDir(m_dir).filePath(
                u"tray-icons-%1-%2.png"_s.arg(scheme == ColorScheme::Dark ? u"dark"_s : u"light"_s, scaleTag())));
        }
    }

    void historyDoctorOnboarding()
    {
        HistoryStore store(m_home->dataDir() + u"/shots.sqlite"_s);
        QVERIFY(store.open().ok());
        if (store.count().value() == 0) {
            const QStringList texts = {u"Let's meet on Thursday at ten and bring the draft of the proposal."_s,
                                       u"Remind me to call the dentist tomorrow morning."_s,
                                       u"The build is green again; the flaky test was a race in the journal."_s,
                                       u"Dear Anna, thanks for the quick reply, the numbers look right to me."_s};
            for (int i = 0; i < texts.size(); ++i) {
                HistoryEntry e;
                e.timestamp = QDateTime(QDate(2026, 11, 20 + i), QTime(9 + i, 15), Qt::UTC);
                e.durationSeconds = 6 + 3 * i;
                e.application = i % 2 ? u"thunderbird"_s : u"kate"_s;
                e.style = i == 3 ? u"email"_s : QString();
                e.provider = u"groq"_s;
                e.language = u"en"_s;
                e.rawText = texts.at(i);
                e.styledText = i == 3 ? u"Dear Anna,\n\nThank you for the quick reply. The numbers look right to me."_s
                                      : QString();
                e.sessionId = u"shot-%1"_s.arg(i);
                QVERIFY(store.add(e).ok());
            }
        }
        for (ColorScheme scheme : {ColorScheme::Light, ColorScheme::Dark}) {
            applyScheme(scheme);
            HistoryWindow history(store);
            history.selectRow(0);
            shoot(&history, u"history"_s, scheme);

            // Re-style: the new text next to the old, not saved yet; and Re-transcribe without archived audio.
            FakeDictationControl fake;
            fake.restyleAnswer = u"Dear Anna,\n\nThank you for the quick reply. The numbers look right to me.\n\n"
                                 "Best regards"_s;
            history.setDictation(&fake, m_home->configDir() + u"/styles"_s);
            history.selectRow(1);
            history.restyleSelected(u"email"_s);
            shoot(&history, u"history-restyled"_s, scheme);
            history.retranscribeSelected();
            shoot(&history, u"history-retranscribe-error"_s, scheme);

            DoctorWindow doctor([] {
                auto d = std::make_unique<Doctor>();
                d->add(std::make_unique<DesktopDoctor>(DesktopDoctor::Facts{false, u"xcb"_s, u"x11"_s, {}, {}}));
                return d;
            });
            doctor.show();
            QSignalSpy done(&doctor, &DoctorWindow::finished);
            doctor.run();
            QVERIFY(done.wait(5000));
            shoot(&doctor, u"doctor"_s, scheme);

            OnboardingWizard wizard(*m_settings, nullptr);
            wizard.show();
            // Every page of the first-run assistant but the microphone's, whose live device a picture taken
            // without the event loop running would leave half-open (Qt's PulseAudio back end needs this thread).
            shoot(&wizard, u"onboarding-welcome"_s, scheme);
            wizard.next();
            shoot(&wizard, u"onboarding-key"_s, scheme);
            wizard.setStartId(OnboardingWizard::Hotkey);
            wizard.restart();
            for (const QString& page : {u"hotkey"_s, u"permissions"_s, u"output"_s, u"finished"_s}) {
                shoot(&wizard, u"onboarding-"_s + page, scheme);
                wizard.next();
            }
        }
    }

private:
    QString m_dir;
    std::unique_ptr<test::TestHome> m_home;
    std::unique_ptr<Settings> m_settings;
};

QTEST_MAIN(TestScreenshots)
#include "testscreenshots.moc"
