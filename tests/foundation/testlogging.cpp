#include "logging/logcontext.h"
#include "logging/logging.h"
#include "logging/loghandler.h"
#include "logging/redactor.h"
#include "logging/rotatingfile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

class TestLogging final : public QObject
{
    Q_OBJECT

private:
    QList<QJsonObject> readJsonLines(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QList<QJsonObject> lines;
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError)
                qFatal("log line is not JSON: %s", line.constData());
            lines.append(doc.object());
        }
        return lines;
    }

private slots:
    void cleanup()
    {
        LogHandler::uninstall();
        processRedactor().clear();
    }

    void everyModuleHasItsCategory()
    {
        const QStringList names = loggingCategoryNames();
        for (const char* expected :
             {"utter.audio", "utter.vad", "utter.transcribe", "utter.transform", "utter.inject", "utter.hotkey",
              "utter.daemon", "utter.ipc", "utter.http", "utter.history", "utter.settings", "utter.ui"})
            QVERIFY2(names.contains(QString::fromLatin1(expected)), expected);
        QCOMPARE(QString::fromLatin1(lcTranscribe().categoryName()), u"utter.transcribe"_s);
        QVERIFY(lcAudio().isInfoEnabled());
        QVERIFY(!lcAudio().isDebugEnabled());
    }

    void writesJsonLinesWithCategoryAndSession()
    {
        QTemporaryDir dir;
        LogConfig config;
        config.filePath = dir.filePath(u"logs/utter.log"_s);
        config.toStderr = false;
        LogHandler::install(config);
        qCInfo(lcTranscribe) << "no session yet";
        {
            LogScope scope(u"s-42"_s);
            qCWarning(lcTransform).noquote() << "style clean took" << 12 << "ms";
        }
        const QList<QJsonObject> lines = readJsonLines(config.filePath);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).value(u"category"_s).toString(), u"utter.transcribe"_s);
        QCOMPARE(lines.at(0).value(u"level"_s).toString(), u"info"_s);
        QVERIFY(!lines.at(0).contains(u"session"_s));
        QCOMPARE(lines.at(1).value(u"category"_s).toString(), u"utter.transform"_s);
        QCOMPARE(lines.at(1).value(u"level"_s).toString(), u"warning"_s);
        QCOMPARE(lines.at(1).value(u"session"_s).toString(), u"s-42"_s);
        QCOMPARE(lines.at(1).value(u"msg"_s).toString(), u"style clean took 12 ms"_s);
        QVERIFY(QDateTime::fromString(lines.at(1).value(u"ts"_s).toString(), Qt::ISODateWithMs).isValid());
        QCOMPARE(LogHandler::recentLines().size(), 2);
    }

    void qtsOwnWarningsGoToTheLogAtDebugLevel()
    {
        QTemporaryDir dir;
        LogConfig config;
        config.filePath = dir.filePath(u"utter.log"_s);
        config.toStderr = false;
        LogHandler::install(config);
        qWarning("QIODevice::read (QNetworkReplyHttpImpl): device not open"); // the "default" category
        QMessageLogger(nullptr, 0, nullptr, "qt.network.http2").warning("a library complains");
        qCWarning(lcHttp) << "utter's own warning";
        const QList<QJsonObject> lines = readJsonLines(config.filePath);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).value(u"level"_s).toString(), u"debug"_s);
        QCOMPARE(lines.at(0).value(u"category"_s).toString(), u"default"_s);
        QCOMPARE(lines.at(0).value(u"msg"_s).toString(),
                 u"(Qt warning) QIODevice::read (QNetworkReplyHttpImpl): device not open"_s);
        QCOMPARE(lines.at(1).value(u"level"_s).toString(), u"debug"_s);
        QCOMPARE(lines.at(2).value(u"level"_s).toString(), u"warning"_s);
        // So a CLI verb's terminal (warnings and up) never shows them.
        QCOMPARE(LogHandler::effectiveType(QtWarningMsg, "default"), QtDebugMsg);
        QCOMPARE(LogHandler::effectiveType(QtCriticalMsg, "qt.network.ssl"), QtDebugMsg);
        QCOMPARE(LogHandler::effectiveType(QtWarningMsg, "utter.pipeline"), QtWarningMsg);
        QCOMPARE(LogHandler::effectiveType(QtFatalMsg, "default"), QtFatalMsg);
    }

    void rotatesBySize()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"utter.log"_s);
        RotatingFile file(path, 1000, 2);
        const QByteArray line(99, 'a');
        for (int i = 0; i < 40; ++i)
            QVERIFY(file.append(line + '\n'));
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + u".1"_s));
        QVERIFY(QFile::exists(path + u".2"_s));
        QVERIFY(!QFile::exists(path + u".3"_s)); // only keepFiles old files
        QVERIFY(QFileInfo(path).size() <= 1000);
        QVERIFY(QFileInfo(path + u".1"_s).size() <= 1000);
    }

    void handlerRotatesItsFile()
    {
        QTemporaryDir dir;
        LogConfig config;
        config.filePath = dir.filePath(u"utter.log"_s);
        config.toStderr = false;
        config.maxFileBytes = 4096;
        config.keepFiles = 2;
        LogHandler::install(config);
        for (int i = 0; i < 200; ++i)
            qCInfo(lcAudio) << "frame" << i << QString(40, u'x');
        QVERIFY(QFile::exists(config.filePath + u".1"_s));
        QVERIFY(QFileInfo(config.filePath).size() <= 4096);
        QVERIFY(!readJsonLines(config.filePath).isEmpty()); // every line stays whole JSON after rotation
    }

    void redactsKnownSecretsHeadersAndKeyShapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mustNotContain");
        QTest::newRow("registered secret") << u"calling with key hunter2-very-secret now"_s << u"hunter2-very-secret"_s;
        QTest::newRow("authorization header") << u"Authorization: Bearer abcdefgh12345678"_s << u"abcdefgh12345678"_s;
        QTest::newRow("authorization json")
            << u"{\"Authorization\":\"Bearer tok_zyxwvuts98765\"}"_s << u"tok_zyxwvuts98765"_s;
        QTest::newRow("basic auth") << u"authorization=basic dXNlcjpwYXNzd29yZA=="_s << u"dXNlcjpwYXNzd29yZA=="_s;
        QTest::newRow("bearer alone") << u"sent bearer QWERTYUIOPASDFGH to server"_s << u"QWERTYUIOPASDFGH"_s;
        QTest::newRow("groq key shape") << u"key gsk_abcdefghijklmnopqrstuvwxyz012345 rejected"_s
                                        << u"gsk_abcdefghijklmnopqrstuvwxyz012345"_s;
        QTest::newRow("openai key shape") << u"sk-proj1234567890abcdefghij"_s << u"sk-proj1234567890abcdefghij"_s;
    }

    void redactsKnownSecretsHeadersAndKeyShapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, mustNotContain);
        processRedactor().addSecret(u"hunter2-very-secret"_s);
        const QString redacted = redact(text);
        QVERIFY2(!redacted.contains(mustNotContain), qPrintable(redacted));
        QVERIFY2(redacted.contains(Redactor::Mask), qPrintable(redacted));
    }

    void shortValuesAreNotTreatedAsSecrets()
    {
        processRedactor().addSecret(u"abc"_s);
        QCOMPARE(redact(u"abc def"_s), u"abc def"_s);
    }

    void handlerRedactsEverySink()
    {
        QTemporaryDir dir;
        LogConfig config;
        config.filePath = dir.filePath(u"utter.log"_s);
        config.toStderr = false;
        LogHandler::install(config);
        processRedactor().addSecret(u"sekrit-value-0042"_s);
        qCWarning(lcHttp) << "request failed, key was sekrit-value-0042, header Authorization: Bearer sekrit";
        QFile file(config.filePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(!content.contains("sekrit-value-0042"));
        QVERIFY(content.contains("[redacted]"));
        QVERIFY(!LogHandler::recentLines().join(u'\n').contains(u"sekrit-value-0042"_s));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "testlogging.moc"
