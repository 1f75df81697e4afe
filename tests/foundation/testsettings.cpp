#include "settings/configcheck.h"
#include "settings/migrations.h"
#include "settings/settings.h"
#include "settings/settingsfilewatcher.h"
#include "settings/settingsschema.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

class TestSettings final : public QObject
{
    Q_OBJECT

private:
    QString writeFile(const QByteArray& content)
    {
        const QString path = m_dir.filePath(u"utter.ini"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write test file");
        file.write(content);
        return path;
    }
    QTemporaryDir m_dir;

private slots:
    void init()
    {
        QFile::remove(m_dir.filePath(u"utter.ini"_s));
        qunsetenv("UTTER_TRANSCRIBE_URL");
    }

    void defaultsWhenNoFile()
    {
        Settings settings(m_dir.filePath(u"utter.ini"_s));
        QCOMPARE(settings.stringValue(SettingKey::GeneralMode), u"push-to-talk"_s);
        QCOMPARE(settings.intValue(SettingKey::AudioPreRollMs), 500);
        QCOMPARE(settings.stringValue(SettingKey::TranscribeUrl), u"https://api.groq.com/openai/v1"_s);
        QCOMPARE(settings.stringValue(SettingKey::TransformModel), u"deepseek-flash"_s);
        QCOMPARE(settings.source(SettingKey::GeneralMode), SettingSource::Default);
        QVERIFY(settings.problems().isEmpty());
        QVERIFY(!QFile::exists(settings.filePath())); // reading never creates the file
    }

    void everyDefaultPassesItsOwnValidator()
    {
        for (const SettingSpec& spec : settingsSchema()) {
            const SettingSpec::Checked checked = spec.check(spec.defaultValue);
            QVERIFY2(checked.error.isEmpty(), qPrintable(spec.name + u": "_s + checked.error));
            QCOMPARE(findSettingSpec(spec.name), &spec);
            QVERIFY2(spec.name.contains(u'/'), qPrintable(spec.name));
        }
    }

    void roundTrip()
    {
        const QString path = m_dir.filePath(u"utter.ini"_s);
        {
            Settings settings(path);
            QSignalSpy changed(&settings, &Settings::changed);
            QVERIFY(settings.setValue(SettingKey::GeneralMode, u"toggle"_s).ok());
            QVERIFY(settings.setValue(SettingKey::AudioPreRollMs, 750).ok());
            QVERIFY(settings.setValue(SettingKey::AudioVadSensitivity, u"0.25"_s).ok());
            QVERIFY(settings.setValue(SettingKey::OutputPressEnter, u"yes"_s).ok());
            QVERIFY(settings.setValue(SettingKey::TranscribeVocabulary, u"Qt, PulseAudio,  Utter"_s).ok());
            QCOMPARE(changed.count(), 5);
            // Setting the same value again is not a change.
            QVERIFY(settings.setValue(SettingKey::GeneralMode, u"toggle"_s).ok());
            QCOMPARE(changed.count(), 5);
        }
        Settings reread(path);
        QCOMPARE(reread.stringValue(SettingKey::GeneralMode), u"toggle"_s);
        QCOMPARE(reread.intValue(SettingKey::AudioPreRollMs), 750);
        QCOMPARE(reread.doubleValue(SettingKey::AudioVadSensitivity), 0.25);
        QCOMPARE(reread.boolValue(SettingKey::OutputPressEnter), true);
        QCOMPARE(reread.stringListValue(SettingKey::TranscribeVocabulary),
                 (QStringList{u"Qt"_s, u"PulseAudio"_s, u"Utter"_s}));
        QCOMPARE(reread.source(SettingKey::GeneralMode), SettingSource::File);
        QVERIFY(reread.problems().isEmpty());
        QCOMPARE(ConfigCheck::inspect(path).schemaVersion, CurrentSchemaVersion);

        QVERIFY(reread.reset(SettingKey::GeneralMode).ok());
        QCOMPARE(Settings(path).stringValue(SettingKey::GeneralMode), u"push-to-talk"_s);
    }

    void validatorsRejectBadValues_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("mode not a choice") << int(SettingKey::GeneralMode) << u"sometimes"_s;
        QTest::newRow("int not a number") << int(SettingKey::AudioPreRollMs) << u"lots"_s;
        QTest::newRow("int above max") << int(SettingKey::AudioPreRollMs) << u"99999"_s;
        QTest::newRow("int below min") << int(SettingKey::AudioMaxChunkS) << u"1"_s;
        QTest::newRow("double above max") << int(SettingKey::AudioVadSensitivity) << u"1.5"_s;
        QTest::newRow("bool garbage") << int(SettingKey::OutputPressEnter) << u"maybe"_s;
        QTest::newRow("url no scheme") << int(SettingKey::TranscribeUrl) << u"api.groq.com"_s;
        QTest::newRow("url ftp") << int(SettingKey::TranscribeUrl) << u"ftp://example.com"_s;
        QTest::newRow("required url empty") << int(SettingKey::TranscribeUrl) << QString();
        QTest::newRow("required text empty") << int(SettingKey::TranscribeModel) << u"  "_s;
    }

    void validatorsRejectBadValues()
    {
        QFETCH(int, key);
        QFETCH(QString, value);
        Settings settings(m_dir.filePath(u"utter.ini"_s));
        const QVariant before = settings.value(SettingKey(key));
        const Status status = settings.setValue(SettingKey(key), value);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(status.error().message.contains(settingSpec(SettingKey(key)).name),
                 qPrintable(status.error().message));
        QCOMPARE(settings.value(SettingKey(key)), before);
        QVERIFY(!QFile::exists(settings.filePath())); // nothing half-valid is written
    }

    void handEditedInvalidValuesFallBackWithLineNumbers()
    {
        const QString path = writeFile("[meta]\nschemaVersion=1\n\n[audio]\npreRollMs=abc\nvadSensitivity=0.7\n"
                                       "maxChunkSeconds=100000\n[general]\nmode=toggle\nfavouriteColour=blue\n");
        Settings settings(path);
        QCOMPARE(settings.intValue(SettingKey::AudioPreRollMs), 500); // default
        QCOMPARE(settings.doubleValue(SettingKey::AudioVadSensitivity), 0.7);
        QCOMPARE(settings.intValue(SettingKey::AudioMaxChunkS), 60);
        QCOMPARE(settings.stringValue(SettingKey::GeneralMode), u"toggle"_s);

        const QList<SettingsProblem> problems = settings.problems();
        QCOMPARE(problems.size(), 3);
        QCOMPARE(problems.at(0).key, u"audio/preRollMs"_s);
        QCOMPARE(problems.at(0).line, 5);
        QCOMPARE(problems.at(1).key, u"audio/maxChunkSeconds"_s);
        QCOMPARE(problems.at(1).line, 7);
        QCOMPARE(problems.at(2).key, u"general/favouriteColour"_s);
        QCOMPARE(problems.at(2).line, 10);
        QVERIFY(problems.at(2).message.contains(u"unknown"_s));
    }

    void garbageFilesNeverCrash_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe[audio\x00]\n=\n", 14);
        QTest::newRow("no equals") << QByteArray("this is not an ini file\njust words\n");
        QTest::newRow("broken section") << QByteArray("[audio\npreRollMs=100\n");
        QTest::newRow("empty key") << QByteArray("=value\n[general]\n=\n");
        QTest::newRow("huge line") << QByteArray(200000, 'x');
        QTest::newRow("invalid utf8") << QByteArray("[general]\nmode=\xc3\x28\n");
        QTest::newRow("empty") << QByteArray();
    }

    void garbageFilesNeverCrash()
    {
        QFETCH(QByteArray, content);
        const QString path = writeFile(content);
        Settings settings(path);
        for (const SettingSpec& spec : settingsSchema())
            QVERIFY(spec.check(settings.value(spec.key)).error.isEmpty());
        if (!content.isEmpty())
            QVERIFY(!settings.problems().isEmpty());
        // Writing to a corrupt file keeps a copy of the original first.
        QVERIFY(settings.setValue(SettingKey::GeneralMode, u"hands-free"_s).ok());
        QCOMPARE(Settings(path).stringValue(SettingKey::GeneralMode), u"hands-free"_s);
        if (!content.isEmpty())
            QVERIFY(!QDir(m_dir.path()).entryList({u"utter.ini.corrupt-*"_s}).isEmpty());
        for (const QString& name : QDir(m_dir.path()).entryList({u"utter.ini.corrupt-*"_s}))
            QFile::remove(m_dir.filePath(name));
    }

    void environmentOverridesBeatTheFile()
    {
        const QString path = m_dir.filePath(u"utter.ini"_s);
        Settings settings(path);
        QVERIFY(settings.setValue(SettingKey::TranscribeUrl, u"https://file.example/v1"_s).ok());
        qputenv("UTTER_TRANSCRIBE_URL", "http://127.0.0.1:9/v1");
        QCOMPARE(settings.stringValue(SettingKey::TranscribeUrl), u"http://127.0.0.1:9/v1"_s);
        QCOMPARE(settings.source(SettingKey::TranscribeUrl), SettingSource::Environment);
        qputenv("UTTER_TRANSCRIBE_URL", "not a url");
        QCOMPARE(settings.stringValue(SettingKey::TranscribeUrl), u"https://file.example/v1"_s);
        qunsetenv("UTTER_TRANSCRIBE_URL");
    }

    void fileIsPrivateAndUnwritableIsReported()
    {
        const QString path = m_dir.filePath(u"utter.ini"_s);
        Settings settings(path);
        QVERIFY(settings.setValue(SettingKey::GeneralLanguage, u"de"_s).ok());
        QCOMPARE(QFile::permissions(path) &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());

        QTemporaryDir readOnly;
        const QString locked = readOnly.filePath(u"sub/utter.ini"_s);
        QVERIFY(QDir().mkpath(readOnly.filePath(u"sub"_s)));
        QFile::setPermissions(readOnly.filePath(u"sub"_s), QFile::ReadOwner | QFile::ExeOwner);
        if (QFileInfo(readOnly.filePath(u"sub"_s)).isWritable())
            QSKIP("running as root: directory permissions are not enforced");
        Settings unwritable(locked);
        const Status status = unwritable.setValue(SettingKey::GeneralLanguage, u"fr"_s);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, ErrorCode::Io);
        QCOMPARE(unwritable.stringValue(SettingKey::GeneralLanguage), QString());
    }

    void reloadEmitsChanges()
    {
        const QString path = writeFile("[general]\nmode=toggle\n");
        Settings settings(path);
        QSignalSpy changed(&settings, &Settings::changed);
        writeFile("[general]\nmode=hands-free\n[audio]\npreRollMs=200\n");
        QCOMPARE(settings.reload(), 2);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(settings.stringValue(SettingKey::GeneralMode), u"hands-free"_s);
        QCOMPARE(settings.reload(), 0); // nothing new on disk
    }

    void aRunningProcessFollowsEditsFromOthers()
    {
        // The daemon's Settings, watched; another process's `utter config set` is a second Settings on the same
        // file (QSettings replaces the file on save: the watch must survive that, edit after edit).
        const QString path = writeFile("[general]\nmode=toggle\n");
        Settings running(path);
        SettingsFileWatcher watcher(running);
        QSignalSpy changed(&running, &Settings::changed);
        Settings other(path);
        QVERIFY(other.setValue(SettingKey::TranscribeModel, u"whisper-1"_s).ok());
        QTRY_COMPARE(running.stringValue(SettingKey::TranscribeModel), u"whisper-1"_s);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<SettingKey>(), SettingKey::TranscribeModel);
        QVERIFY(other.setValue(SettingKey::GeneralMode, u"hands-free"_s).ok());
        QTRY_COMPARE(running.stringValue(SettingKey::GeneralMode), u"hands-free"_s);
        // A hand edit that breaks a value: the process keeps the valid default and reports the problem.
        writeFile("[general]\nmode=sideways\n");
        QTRY_COMPARE(running.stringValue(SettingKey::GeneralMode), u"push-to-talk"_s);
        QVERIFY(!running.problems().isEmpty());
    }

    void migrationDryRunApplyRollback()
    {
        const QString path = writeFile("[general]\nmode=toggle\n"); // written by hand: no schema version
        SettingsMigrator migrator(path);
        QCOMPARE(migrator.fileVersion(), 0);
        QCOMPARE(migrator.plan().size(), 1);
        QVERIFY(QFile(path).size() > 0);

        const Result<QString> backup = migrator.apply();
        QVERIFY(backup.ok());
        QVERIFY(QFile::exists(backup.value()));
        QCOMPARE(migrator.fileVersion(), 1);
        QVERIFY(migrator.plan().isEmpty());
        QCOMPARE(Settings(path).stringValue(SettingKey::GeneralMode), u"toggle"_s);

        const Result<QString> restored = migrator.rollback();
        QVERIFY(restored.ok());
        QCOMPARE(migrator.fileVersion(), 0);
        QFile::remove(backup.value());
    }

    void migrationChainsStepsAndStopsAtTarget()
    {
        const QString path = writeFile("[meta]\nschemaVersion=1\n[audio]\npreRoll=300\n");
        QList<SettingsMigration> steps = SettingsMigrator::builtinMigrations();
        steps.append({1, 2, u"rename audio/preRoll"_s, [](QSettings& s) {
                          s.setValue(u"audio/preRollMs"_s, s.value(u"audio/preRoll"_s));
                          s.remove(u"audio/preRoll"_s);
                      }});
        steps.append({2, 3, u"no-op"_s, [](QSettings&) {}});
        SettingsMigrator migrator(path, steps, 2);
        QCOMPARE(migrator.plan().size(), 1);
        QVERIFY(migrator.apply().ok());
        QCOMPARE(migrator.fileVersion(), 2);
        QSettings ini(path, QSettings::IniFormat);
        QCOMPARE(ini.value(u"audio/preRollMs"_s).toString(), u"300"_s);
        QVERIFY(!ini.contains(u"audio/preRoll"_s));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "testsettings.moc"
