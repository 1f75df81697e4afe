#include "pipeline/dictationconfig.h"
#include "providers/providerconfig.h"
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
    QString writeFile(const QByteArray& content, const QString& name = QStringLiteral("utter.ini"))
    {
        const QString path = m_dir.filePath(name);
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
        // Shorter pauses cut inside speech in noise (issue 17; docs/audio.md, "Settings and verbs").
        QTest::newRow("min pause that loses speech") << int(SettingKey::AudioMinPauseMs) << u"250"_s;
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

    // The rules the settings dialog used to apply on its own live in core: every path refuses the same values.
    void rulesBeyondTheType_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("language word") << int(SettingKey::GeneralLanguage) << u"french"_s << u"two-letter"_s;
        QTest::newRow("language digits") << int(SettingKey::GeneralLanguage) << u"e1"_s << u"two-letter"_s;
        QTest::newRow("hotkey unknown key") << int(SettingKey::HotkeyDictate) << u"Ctrl+Blah"_s << u"Unknown key"_s;
        QTest::newRow("hotkey typing key") << int(SettingKey::HotkeyDictate) << u"A"_s << u"away from typing"_s;
        QTest::newRow("hotkey reserved") << int(SettingKey::HotkeyDictate) << u"ctrl+c"_s
                                         << u"Ctrl+C is used by most applications"_s;
        QTest::newRow("hotkey empty") << int(SettingKey::HotkeyDictate) << QString() << u"expected a key"_s;
        QTest::newRow("cancel reserved") << int(SettingKey::HotkeyCancel) << u"Alt+Tab"_s << u"most applications"_s;
        QTest::newRow("cancel same as dictate")
            << int(SettingKey::HotkeyCancel) << u"Ctrl+Alt+Space"_s << u"already hotkey/dictate"_s;
        QTest::newRow("listen no port") << int(SettingKey::HttpListen) << u"localhost"_s << u"HOST:PORT"_s;
        QTest::newRow("listen port zero") << int(SettingKey::HttpListen) << u"127.0.0.1:0"_s << u"no fixed port"_s;
        QTest::newRow("listen port too big") << int(SettingKey::HttpListen) << u"127.0.0.1:70000"_s << u"HOST:PORT"_s;
        QTest::newRow("listen host name")
            << int(SettingKey::HttpListen) << u"example.com:8765"_s << u"not an IP address"_s;
        QTest::newRow("app style no =") << int(SettingKey::TransformAppStyles) << u"thunderbird=email, firefox"_s
                                        << u"\"firefox\" is not application=style"_s;
        QTest::newRow("app style no style")
            << int(SettingKey::TransformAppStyles) << u"firefox="_s << u"is not application=style"_s;
        QTest::newRow("replacement arrow")
            << int(SettingKey::OutputReplacements) << u"teh->the"_s << u"\"teh->the\" is not from=>to"_s;
        QTest::newRow("replacement no from") << int(SettingKey::OutputReplacements) << u"=>x"_s << u"from=>to"_s;
        QTest::newRow("min billed word") << int(SettingKey::TranscribeMinBilledS) << u"ten"_s
                                         << u"neither auto nor a number"_s;
        QTest::newRow("min billed negative") << int(SettingKey::TranscribeMinBilledS) << u"-1"_s << u"from 0 to 600"_s;
        QTest::newRow("min billed too long") << int(SettingKey::TranscribeMinBilledS) << u"601"_s << u"from 0 to 600"_s;
    }

    void rulesBeyondTheType()
    {
        QFETCH(int, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        Settings settings(m_dir.filePath(u"utter.ini"_s));
        const QVariant before = settings.value(SettingKey(key));
        const Status status = settings.setValue(SettingKey(key), value);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, ErrorCode::InvalidArgument);
        const QString text = status.error().message;
        QVERIFY2(text.startsWith(settingSpec(SettingKey(key)).name + u": "_s), qPrintable(text));
        QVERIFY2(text.contains(message), qPrintable(text));
        QVERIFY2(text.endsWith(u'.') && !text.endsWith(u".."_s), qPrintable(text));
        QCOMPARE(settings.value(SettingKey(key)), before);
        QVERIFY(!QFile::exists(settings.filePath()));

        // The same value in the file is flagged with its line and falls back to the default.
        const QString name = settingSpec(SettingKey(key)).name;
        const QString group = name.section(u'/', 0, 0);
        // One file per row: QSettings caches a file by path, size and modification time (to the second).
        const QString file =
            writeFile(u"[meta]\nschemaVersion=1\n\n[%1]\n%2=\"%3\"\n"_s
                          .arg(group == u"general"_s ? u"General"_s : group, name.section(u'/', 1), value)
                          .toUtf8(),
                      QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".ini"_s);
        const ConfigReport report = ConfigCheck::inspect(file);
        QCOMPARE(report.problems.size(), 1);
        QCOMPARE(report.problems.first().key, name);
        QCOMPARE(report.problems.first().line, 5);
        QVERIFY2(report.problems.first().message.contains(message), qPrintable(report.problems.first().message));
        QVERIFY(!report.values.contains(key));
        QCOMPARE(Settings(file).value(SettingKey(key)), settingSpec(SettingKey(key)).defaultValue);
    }

    void rulesNormaliseWhatTheyAccept()
    {
        Settings settings(m_dir.filePath(u"utter.ini"_s));
        QVERIFY(settings.setValue(SettingKey::GeneralLanguage, u"DE"_s).ok());
        QCOMPARE(settings.stringValue(SettingKey::GeneralLanguage), u"de"_s);
        QVERIFY(settings.setValue(SettingKey::GeneralLanguage, QString()).ok()); // detect
        QVERIFY(settings.setValue(SettingKey::HotkeyDictate, u"alt+ctrl+space"_s).ok());
        QCOMPARE(settings.stringValue(SettingKey::HotkeyDictate), u"Ctrl+Alt+Space"_s);
        QVERIFY(settings.setValue(SettingKey::HotkeyCancel, QString()).ok()); // none
        QVERIFY(settings.setValue(SettingKey::HttpListen, u"[::1]:9000"_s).ok());
        QVERIFY(settings.setValue(SettingKey::TransformAppStyles, u"thunderbird=email, *term*=plain"_s).ok());
        QCOMPARE(settings.stringListValue(SettingKey::TransformAppStyles),
                 (QStringList{u"thunderbird=email"_s, u"*term*=plain"_s}));
        QVERIFY(settings.setValue(SettingKey::OutputReplacements, u"teh=>the, um=>"_s).ok());
        QVERIFY(settings.setValue(SettingKey::TranscribeMinBilledS, u" AUTO "_s).ok());
        QCOMPARE(settings.stringValue(SettingKey::TranscribeMinBilledS), u"auto"_s);
        QVERIFY(settings.setValue(SettingKey::TranscribeMinBilledS, u"7.50"_s).ok());
        QCOMPARE(settings.stringValue(SettingKey::TranscribeMinBilledS), u"7.5"_s);
        QCOMPARE(Settings(settings.filePath()).stringValue(SettingKey::HotkeyDictate), u"Ctrl+Alt+Space"_s);
    }

    // transcribe/minBilledSeconds: auto follows the endpoint's host (Groq bills at least 10 s), a number wins; the
    // chunker and the primary endpoint's billing both get it.
    void minBilledSecondsFollowTheEndpoint()
    {
        Settings settings(m_dir.filePath(u"utter.ini"_s));
        QCOMPARE(settings.stringValue(SettingKey::TranscribeMinBilledS), u"auto"_s);
        QCOMPARE(transcriptionMinimumBilledSeconds(settings), 10.0); // the default endpoint is api.groq.com
        QCOMPARE(DictationConfig::fromSettings(settings).chunker.minBilledMs, 10000);
        QVERIFY(settings.setValue(SettingKey::TranscribeUrl, u"https://groq.com/openai/v1"_s).ok());
        QCOMPARE(transcriptionMinimumBilledSeconds(settings), 10.0);
        QVERIFY(settings.setValue(SettingKey::TranscribeUrl, u"http://127.0.0.1:8080/v1"_s).ok());
        QCOMPARE(transcriptionMinimumBilledSeconds(settings), 0.0);
        QCOMPARE(DictationConfig::fromSettings(settings).chunker.minBilledMs, 0);
        QVERIFY(settings.setValue(SettingKey::TranscribeUrl, u"https://notgroq.com/v1"_s).ok());
        QCOMPARE(transcriptionMinimumBilledSeconds(settings), 0.0);
        QVERIFY(settings.setValue(SettingKey::TranscribeMinBilledS, u"3"_s).ok());
        QCOMPARE(transcriptionMinimumBilledSeconds(settings), 3.0);
        QCOMPARE(DictationConfig::fromSettings(settings).chunker.minBilledMs, 3000);
        const TranscriberConfig config =
            TranscriberConfig::fromSettings(settings, [](const QString&) { return QString(); });
        QCOMPARE(config.endpoints.first().minimumBilledS, 3.0);
        QVERIFY(settings.setValue(SettingKey::TranscribeMinBilledS, u"0"_s).ok());
        QVERIFY(settings.setValue(SettingKey::TranscribeUrl, u"https://api.groq.com/openai/v1"_s).ok());
        QCOMPARE(transcriptionMinimumBilledSeconds(settings), 0.0); // a number overrides the host's rule
    }

    void hotkeysMustDifferEverywhere()
    {
        Settings settings(m_dir.filePath(u"utter.ini"_s));
        QVERIFY(settings.setValue(SettingKey::HotkeyCancel, u"F10"_s).ok());
        const Status clash = settings.setValue(SettingKey::HotkeyDictate, u"F10"_s);
        QVERIFY(!clash.ok());
        QVERIFY2(clash.error().message.contains(u"already hotkey/cancel"_s), qPrintable(clash.error().message));
        // Two keys trading values in one write is fine, and each value is checked with the other in place.
        QVERIFY(settings.setValues({{SettingKey::HotkeyDictate, u"F10"_s}, {SettingKey::HotkeyCancel, u"F9"_s}}).ok());
        QCOMPARE(settings.stringValue(SettingKey::HotkeyDictate), u"F10"_s);
        QCOMPARE(settings.stringValue(SettingKey::HotkeyCancel), u"F9"_s);
        QVERIFY(!settings.setValues({{SettingKey::HotkeyDictate, u"F8"_s}, {SettingKey::HotkeyCancel, u"F8"_s}}).ok());
        QCOMPARE(settings.stringValue(SettingKey::HotkeyDictate), u"F10"_s); // all or nothing

        // In the file, the cancel key gives way; the dictation key is kept.
        const QString path = writeFile("[hotkey]\ndictate=F9\ncancel=F9\n");
        const ConfigReport report = ConfigCheck::inspect(path);
        QCOMPARE(report.problems.size(), 1);
        QCOMPARE(report.problems.first().key, u"hotkey/cancel"_s);
        QCOMPARE(report.problems.first().line, 3);
        Settings reread(path);
        QCOMPARE(reread.stringValue(SettingKey::HotkeyDictate), u"F9"_s);
        QCOMPARE(reread.stringValue(SettingKey::HotkeyCancel), QString());
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
