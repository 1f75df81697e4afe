// Every setting in the spec, one row each: `utter config set` (the real binary) changes it in the file, a running
// process's Settings (watched like the daemon's and the desktop app's) follows within a moment, and the command
// says "restart" exactly for the settings the spec marks as applied at the next start (issue 18, defect 3). A key
// added to the schema gets a row here automatically; the few that need a restart are a decision listed below.
#include "settings/settings.h"
#include "settings/settingsfilewatcher.h"
#include "settings/settingsschema.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

// A valid value that differs from the default, as a user would type it on the command line.
QString sampleValue(const SettingSpec& spec)
{
    // Settings with a rule (or a meaning) that a generic sample would not satisfy.
    static const QHash<QString, QString> special = {
        {u"general/language"_s, u"de"_s},
        {u"general/style"_s, u"email"_s},
        {u"general/uiLanguage"_s, u"fr"_s},
        {u"hotkey/dictate"_s, u"F9"_s},
        {u"hotkey/cancel"_s, u"F10"_s},
        {u"transcribe/minBilledSeconds"_s, u"5"_s},
        {u"transform/appStyles"_s, u"gedit=email"_s},
        {u"output/replacements"_s, u"um=>"_s},
        {u"output/methods"_s, u"x11-paste, xtest"_s},
        {u"http/listen"_s, u"127.0.0.1:9999"_s},
    };
    if (special.contains(spec.name))
        return special.value(spec.name);
    switch (spec.type) {
    case SettingType::Bool:
        return spec.defaultValue.toBool() ? u"false"_s : u"true"_s;
    case SettingType::Int:
        return QString::number(qint64(spec.defaultValue.toInt() == int(spec.minimum) ? spec.maximum : spec.minimum));
    case SettingType::Double:
        return QString::number(spec.defaultValue.toDouble() == spec.minimum ? spec.maximum : spec.minimum);
    case SettingType::Choice:
        for (const QString& choice : spec.choices) {
            if (choice != spec.defaultValue.toString())
                return choice;
        }
        return {};
    case SettingType::Url:
        return u"http://127.0.0.1:9/v1"_s;
    case SettingType::String:
        return u"sample-"_s + spec.name.section(u'/', 1);
    case SettingType::StringList:
        return u"alpha, beta"_s;
    }
    return {};
}

} // namespace

class TestLiveSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QDir().mkpath(m_home.configDir());
        m_path = m_home.configDir() + u"/utter.ini"_s;
        m_running = std::make_unique<Settings>(m_path);
        m_watcher = std::make_unique<SettingsFileWatcher>(*m_running);
    }

    void theRestartListIsADecision()
    {
        // Everything else applies in a running Utter (docs/configuration.md, "A running Utter follows the file").
        const QStringList expected{u"general/uiLanguage"_s, u"history/retention"_s, u"history/retentionValue"_s,
                                   u"http/enabled"_s,       u"http/listen"_s,       u"http/allowRemote"_s};
        QStringList restart;
        for (const SettingSpec& spec : settingsSchema()) {
            if (spec.needsRestart()) {
                restart << spec.name;
                QVERIFY2(!spec.restartNotice().trimmed().isEmpty(), qPrintable(spec.name));
            }
        }
        QCOMPARE(restart, expected);
    }

    void everySettingReachesARunningProcess_data()
    {
        QTest::addColumn<SettingKey>("key");
        QTest::addColumn<QString>("value");
        for (const SettingSpec& spec : settingsSchema())
            QTest::newRow(qPrintable(spec.name)) << spec.key << sampleValue(spec);
    }

    void everySettingReachesARunningProcess()
    {
        QFETCH(SettingKey, key);
        QFETCH(QString, value);
        const SettingSpec& spec = settingSpec(key);
        const SettingSpec::Checked checked = spec.check(value);
        QVERIFY2(checked.error.isEmpty(), qPrintable(checked.error));
        QVERIFY2(checked.value != spec.defaultValue, "the sample must differ from the default");

        QSignalSpy changed(m_running.get(), &Settings::changed);
        const test::UtterRun set = test::runUtter({u"config"_s, u"set"_s, spec.name, value}, m_home.environment());
        QVERIFY2(set.exitCode == 0, set.err.constData());
        // The command says when a running Utter will not apply it, and only then.
        QCOMPARE(set.errText().contains(u"until it restarts"_s), spec.needsRestart());
        if (spec.needsRestart())
            QVERIFY2(set.errText().contains(spec.name), set.err.constData());

        // The running process's copy follows the file and announces exactly this key.
        QTRY_COMPARE(m_running->value(key), checked.value);
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(changed.constFirst().constFirst().value<SettingKey>(), key);
        QCOMPARE(m_running->source(key), SettingSource::File);
    }

private:
    test::TestHome m_home;
    QString m_path;
    std::unique_ptr<Settings> m_running;
    std::unique_ptr<SettingsFileWatcher> m_watcher;
};

QTEST_GUILESS_MAIN(TestLiveSettings)
#include "testlivesettings.moc"
