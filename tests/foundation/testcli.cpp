#include "testenv.h"
#include "utterprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// The command-line front through the real binary: help, versions, usage errors, config round trips.
class TestCli final : public QObject
{
    Q_OBJECT

private:
    test::TestHome m_home;

    test::UtterRun utter(const QStringList& args, const QByteArray& input = {})
    {
        return test::runUtter(args, m_home.environment(), input);
    }

    // Verb names from `utter --help`.
    QStringList helpVerbs()
    {
        const QString help = utter({u"--help"_s}).outText();
        QStringList verbs;
        static const QRegularExpression line(u"^  (--headless )?([a-z]+) {2,}(.*)$"_s,
                                             QRegularExpression::MultilineOption);
        auto it = line.globalMatch(help);
        while (it.hasNext()) {
            const auto m = it.next();
            if (m.captured(2) != u"utter"_s)
                verbs.append(m.captured(1) + m.captured(2));
        }
        return verbs;
    }

private slots:
    void helpListsEveryVerbOfTheDesign()
    {
        const test::UtterRun run = utter({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        const QStringList names = helpVerbs();
        const QStringList design{u"toggle"_s,
                                 u"begin"_s,
                                 u"end"_s,
                                 u"cancel"_s,
                                 u"status"_s,
                                 u"last"_s,
                                 u"transcribe"_s,
                                 u"transform"_s,
                                 u"speak"_s,
                                 u"devices"_s,
                                 u"doctor"_s,
                                 u"config"_s,
                                 u"secret"_s,
                                 u"history"_s,
                                 u"segment"_s,
                                 u"--headless serve"_s,
                                 u"--headless run"_s,
                                 u"--headless start"_s,
                                 u"--headless stop"_s,
                                 u"--headless status"_s,
                                 u"--headless logs"_s};
        for (const QString& verb : design)
            QVERIFY2(names.contains(verb), qPrintable(verb + u" missing from --help:\n"_s + run.outText()));
        QVERIFY(run.outText().contains(u"Exit codes"_s));
    }

    void everyVerbHasItsOwnHelp()
    {
        for (const QString& name : helpVerbs()) {
            QStringList args = name.split(u' ');
            args << u"--help"_s;
            const test::UtterRun run = utter(args);
            QVERIFY2(run.exitCode == 0, qPrintable(name + u": "_s + run.errText()));
            QVERIFY2(run.outText().startsWith(u"Usage: utter "_s + name), qPrintable(name + u": "_s + run.outText()));
        }
    }

    void versionNamesQtAndOpus()
    {
        const test::UtterRun run = utter({u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.outText().startsWith(u"utter 0."_s));
        QVERIFY2(run.outText().contains(u"Qt 6."_s), qPrintable(run.outText()));
        QVERIFY2(run.outText().contains(u"libopus"_s), qPrintable(run.outText()));
    }

    void usageErrorsExit2WithHelpfulMessages_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown verb") << QStringList{u"frobnicate"_s} << u"unknown verb"_s;
        QTest::newRow("typo suggests") << QStringList{u"confg"_s} << u"Did you mean `utter config`"_s;
        QTest::newRow("unknown global option") << QStringList{u"--frob"_s} << u"unknown option"_s;
        QTest::newRow("unknown verb option") << QStringList{u"config"_s, u"list"_s, u"--frob"_s} << u"frob"_s;
        QTest::newRow("config without action") << QStringList{u"config"_s} << u"get, set, list"_s;
        QTest::newRow("config bad action") << QStringList{u"config"_s, u"explode"_s} << u"not a config action"_s;
        QTest::newRow("config get no key") << QStringList{u"config"_s, u"get"_s} << u"exactly one KEY"_s;
        QTest::newRow("config get unknown key")
            << QStringList{u"config"_s, u"get"_s, u"nope/nothing"_s} << u"unknown key"_s;
        QTest::newRow("config set invalid")
            << QStringList{u"config"_s, u"set"_s, u"audio/preRollMs"_s, u"9999"_s} << u"from 0 to 3000"_s;
        QTest::newRow("negative number hint") << QStringList{u"config"_s, u"set"_s, u"audio/preRollMs"_s, u"-5"_s}
                                              << u"put -- before a negative number"_s;
        QTest::newRow("negative after --")
            << QStringList{u"config"_s, u"set"_s, u"--"_s, u"audio/preRollMs"_s, u"-5"_s} << u"from 0 to 3000"_s;
        QTest::newRow("migrate two modes")
            << QStringList{u"config"_s, u"migrate"_s, u"--apply"_s, u"--rollback"_s} << u"choose one"_s;
        QTest::newRow("secret bad name") << QStringList{u"secret"_s, u"set"_s, u"Bad Name"_s} << u"not a valid"_s;
        QTest::newRow("headless verb without flag") << QStringList{u"serve"_s} << u"--headless serve"_s;
        QTest::newRow("headless without verb") << QStringList{u"--headless"_s} << u"say what to do"_s;
    }

    void usageErrorsExit2WithHelpfulMessages()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const test::UtterRun run = utter(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(expected), qPrintable(run.errText()));
    }

    void configRoundTrip()
    {
        QCOMPARE(utter({u"config"_s, u"get"_s, u"general/mode"_s}).outText(), u"push-to-talk\n"_s);
        QCOMPARE(utter({u"config"_s, u"set"_s, u"general/mode"_s, u"toggle"_s}).exitCode, 0);
        QCOMPARE(utter({u"config"_s, u"set"_s, u"transcribe/vocabulary"_s, u"Kubernetes, Qt,PulseAudio"_s}).exitCode,
                 0);
        QCOMPARE(utter({u"config"_s, u"get"_s, u"general/mode"_s}).outText(), u"toggle\n"_s);
        QCOMPARE(utter({u"config"_s, u"get"_s, u"transcribe/vocabulary"_s}).outText(),
                 u"Kubernetes, Qt, PulseAudio\n"_s);

        const test::UtterRun list = utter({u"config"_s, u"list"_s});
        QVERIFY(list.outText().contains(u"general/mode = toggle  (file)\n"_s));
        QVERIFY(list.outText().contains(u"audio/preRollMs = 500\n"_s));

        const test::UtterRun json = utter({u"config"_s, u"list"_s, u"--json"_s});
        const QJsonArray entries = QJsonDocument::fromJson(json.out).array();
        QVERIFY(entries.size() > 40);
        for (const QJsonValue& entry : entries) {
            if (entry[u"key"_s].toString() == u"audio/preRollMs"_s) {
                QCOMPARE(entry[u"value"_s].toInt(), 500);
                QCOMPARE(entry[u"source"_s].toString(), u"default"_s);
            }
        }

        QProcessEnvironment env = m_home.environment();
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, u"http://127.0.0.1:8080/v1"_s);
        const test::UtterRun overridden = test::runUtter({u"config"_s, u"list"_s}, env);
        QVERIFY(
            overridden.outText().contains(u"transcribe/url = http://127.0.0.1:8080/v1  (env UTTER_TRANSCRIBE_URL)"_s));

        QVERIFY(utter({u"config"_s, u"path"_s}).outText().startsWith(m_home.configDir()));
        QVERIFY(utter({u"config"_s, u"path"_s, u"--all"_s}).outText().contains(m_home.dataDir() + u"/journal"_s));
    }

    // What the settings dialog refuses, `config set` refuses and `config check` flags (the rules live in core).
    void configRefusesWhatTheDialogRefuses_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("listen") << u"http/listen"_s << u"localhost"_s << u"is not HOST:PORT"_s;
        QTest::newRow("app styles") << u"transform/appStyles"_s << u"thunderbird"_s
                                    << u"\"thunderbird\" is not application=style"_s;
        QTest::newRow("replacements") << u"output/replacements"_s << u"teh->the"_s << u"is not from=>to"_s;
        QTest::newRow("dictate key") << u"hotkey/dictate"_s << u"Ctrl+V"_s << u"used by most applications"_s;
        QTest::newRow("cancel key") << u"hotkey/cancel"_s << u"Hyper+Q"_s << u"Unknown key"_s;
        QTest::newRow("language") << u"general/language"_s << u"english"_s << u"two-letter language code"_s;
    }

    void configRefusesWhatTheDialogRefuses()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        const QString path = m_home.configDir() + u"/utter.ini"_s;
        QFile::remove(path);
        const test::UtterRun set = utter({u"config"_s, u"set"_s, key, value});
        QCOMPARE(set.exitCode, 2);
        QVERIFY2(set.errText().startsWith(u"utter config set: "_s + key + u": "_s), qPrintable(set.errText()));
        QVERIFY2(set.errText().contains(message), qPrintable(set.errText()));
        QCOMPARE(set.errText().count(u'\n'), 1);
        QVERIFY(!QFile::exists(path)); // nothing written

        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QString group = key.section(u'/', 0, 0);
        file.write(u"[meta]\nschemaVersion=1\n[%1]\n%2=\"%3\"\n"_s
                       .arg(group == u"general"_s ? u"General"_s : group, key.section(u'/', 1), value)
                       .toUtf8());
        file.close();
        const test::UtterRun check = utter({u"config"_s, u"check"_s});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.outText().contains(u"utter.ini:4: "_s + key + u": "_s), qPrintable(check.outText()));
        QVERIFY2(check.outText().contains(message), qPrintable(check.outText()));
        QVERIFY2(check.outText().contains(u"using the default"_s), qPrintable(check.outText()));
        QFile::remove(path);
    }

    void configCheckReportsKeyAndLine()
    {
        QFile file(m_home.configDir() + u"/utter.ini"_s);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("[meta]\nschemaVersion=1\n[audio]\npreRollMs=lots\n[general]\nmode=toggle\njunk line\n");
        file.close();
        const test::UtterRun check = utter({u"config"_s, u"check"_s});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.outText().contains(u"utter.ini:4: audio/preRollMs: expected a whole number"_s),
                 qPrintable(check.outText()));
        QVERIFY2(check.outText().contains(u"utter.ini:7: not a key=value line"_s), qPrintable(check.outText()));
        // The invalid value falls back to the default; the valid one is used.
        QCOMPARE(utter({u"config"_s, u"get"_s, u"audio/preRollMs"_s}).outText(), u"500\n"_s);
        QCOMPARE(utter({u"config"_s, u"get"_s, u"general/mode"_s}).outText(), u"toggle\n"_s);

        const test::UtterRun json = utter({u"config"_s, u"check"_s, u"--json"_s});
        const QJsonArray problems = QJsonDocument::fromJson(json.out)[u"problems"_s].toArray();
        QCOMPARE(problems.size(), 2);
        QCOMPARE(problems.at(0)[u"line"_s].toInt(), 4);

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("[general]\nmode=toggle\n");
        file.close();
        QCOMPARE(utter({u"config"_s, u"check"_s}).exitCode, 0);
        const test::UtterRun dry = utter({u"config"_s, u"migrate"_s});
        QVERIFY2(dry.outText().contains(u"v0 -> v1"_s), qPrintable(dry.outText()));
        QCOMPARE(utter({u"config"_s, u"migrate"_s, u"--apply"_s}).exitCode, 0);
        QVERIFY(utter({u"config"_s, u"migrate"_s}).outText().contains(u"Nothing to migrate"_s));
        QCOMPARE(utter({u"config"_s, u"migrate"_s, u"--rollback"_s}).exitCode, 0);
        QVERIFY(utter({u"config"_s, u"migrate"_s}).outText().contains(u"v0 -> v1"_s));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "testcli.moc"
