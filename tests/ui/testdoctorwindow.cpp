#include "doctorwindow.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

namespace
{

// A contributor standing in for a core part (providers) with one failing check.
class CannedContributor final : public DoctorContributor
{
public:
    QString section() const override { return u"providers"_s; }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override
    {
        QTimer::singleShot(0, context, [done = std::move(done)] {
            done({DoctorCheck{u"providers"_s,
                              u"transcription primary (api.groq.com)"_s,
                              CheckStatus::Fail,
                              u"no API key"_s,
                              u"Paste your Groq key in Settings → Providers."_s,
                              {}}});
        });
    }
};

} // namespace

class TestDoctorWindow final : public QObject
{
    Q_OBJECT

private slots:
    void desktopChecksExplainTheFix()
    {
        DesktopDoctor::Facts facts;
        facts.trayAvailable = false;
        facts.platformName = u"xcb"_s;
        facts.sessionType = u"wayland"_s;
        const QList<DoctorCheck> checks = DesktopDoctor::checksFor(facts);
        facts.settingsProblems = {u"audio/preRollMs: not a number"_s};
        QCOMPARE(checks.size(), 2);
        QCOMPARE(checks.at(0).status, CheckStatus::Warn);
        QVERIFY(checks.at(0).fix.contains(u"AppIndicator"_s));
        QCOMPARE(checks.at(1).status, CheckStatus::Ok);
        const QList<DoctorCheck> broken = DesktopDoctor::checksFor(facts);
        QCOMPARE(broken.at(1).status, CheckStatus::Warn);
        QVERIFY(broken.at(1).fix.contains(u"utter config check"_s));
        facts.trayAvailable = true;
        facts.settingsProblems.clear();
        facts.keychainWarning = u"no keychain"_s;
        const QList<DoctorCheck> fine = DesktopDoctor::checksFor(facts);
        QCOMPARE(fine.at(0).status, CheckStatus::Ok);
        QCOMPARE(fine.last().section, u"keychain"_s);
    }

    void windowRunsChecksAndOffersFixes()
    {
        DoctorWindow window([] {
            auto doctor = std::make_unique<Doctor>();
            doctor->add(std::make_unique<DesktopDoctor>(DesktopDoctor::Facts{true, u"xcb"_s, u"x11"_s, {}, {}}));
            doctor->add(std::make_unique<CannedContributor>());
            return doctor;
        });
        window.show();
        QSignalSpy finished(&window, &DoctorWindow::finished);
        window.run();
        QVERIFY(window.isRunning());
        QVERIFY(finished.wait(5000));
        QCOMPARE(window.checks().size(), 3);
        QCOMPARE(window.tree()->topLevelItemCount(), 3);
        QVERIFY(window.report().contains(u"no API key"_s));
        QTreeWidgetItem* failed = window.tree()->topLevelItem(2);
        QVERIFY(failed->text(2).contains(u"Fix: Paste your Groq key"_s));
        auto* fix = window.tree()->itemWidget(failed, 0)->findChild<QPushButton*>();
        QVERIFY(fix);
        QSignalSpy settings(&window, &DoctorWindow::settingsRequested);
        fix->click();
        QCOMPARE(settings.size(), 1);
        QCOMPARE(settings.at(0).at(0).toString(), u"providers"_s);
    }
};

QTEST_MAIN(TestDoctorWindow)
#include "testdoctorwindow.moc"
