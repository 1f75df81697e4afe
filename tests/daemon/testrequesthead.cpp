#include "http/requesthead.h"
#include "http/transcriptformats.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// The front door's request-head parser (what it judges before reading a body) and the transcript formats.
class TestRequestHead final : public QObject
{
    Q_OBJECT

private slots:
    void parsesARequest()
    {
        const Result<RequestHead> head = parseRequestHead(
            "POST /v1/audio/transcriptions?x=1%202 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer abc\r\n"
            "Content-Length: 42\r\nConnection: keep-alive, Upgrade\r\nExpect: 100-continue\r\n\r\n");
        QVERIFY(head.ok());
        QCOMPARE(head->method, QByteArray("POST"));
        QCOMPARE(head->path, u"/v1/audio/transcriptions"_s);
        QCOMPARE(head->query.queryItemValue(u"x"_s, QUrl::FullyDecoded), u"1 2"_s);
        QCOMPARE(head->minorVersion, 1);
        QCOMPARE(head->contentLength, 42);
        QCOMPARE(head->header("authorization"), QByteArray("Bearer abc"));
        QVERIFY(head->hasToken("connection", "upgrade"));
        QVERIFY(head->keepAlive());
        QVERIFY(head->expectsContinue());
        QVERIFY(!head->isWebSocketUpgrade());
    }

    void keepAliveFollowsTheVersion()
    {
        QVERIFY(!parseRequestHead("GET / HTTP/1.0\r\n")->keepAlive());
        QVERIFY(parseRequestHead("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n")->keepAlive());
        QVERIFY(parseRequestHead("GET / HTTP/1.1\r\n")->keepAlive());
        QVERIFY(!parseRequestHead("GET / HTTP/1.1\r\nConnection: close\r\n")->keepAlive());
        QVERIFY(parseRequestHead("GET /v1/stream HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n")
                    ->isWebSocketUpgrade());
        QVERIFY(parseRequestHead("GET / HTTP/1.1\nHost: a\n")->keepAlive()); // bare LF line ends
    }

    void refusesMalformedHeads_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("versionError");
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("no version") << QByteArray("GET /\r\n") << false;
        QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\n") << true;
        QTest::newRow("absolute form") << QByteArray("GET http://x/ HTTP/1.1\r\n") << false;
        QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n") << false;
        QTest::newRow("control in target") << QByteArray("GET /a\x01 HTTP/1.1\r\n") << false;
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n") << false;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nnocolon\r\n") << false;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n") << false;
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n") << false;
        QTest::newRow("length not a number") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1e3\r\n") << false;
        QTest::newRow("huge length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n")
                                     << false;
        QTest::newRow("conflicting lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n") << false;
        QTest::newRow("length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n") << false;
        QTest::newRow("control in value") << QByteArray("GET / HTTP/1.1\r\nA: b\x7f\r\n") << false;
    }

    void refusesMalformedHeads()
    {
        QFETCH(QByteArray, head);
        QFETCH(bool, versionError);
        const Result<RequestHead> parsed = parseRequestHead(head);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, versionError ? ErrorCode::Unsupported : ErrorCode::InvalidArgument);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void chunkedIsFlagged()
    {
        const Result<RequestHead> head = parseRequestHead("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n");
        QVERIFY(head.ok());
        QVERIFY(head->chunked);
    }

    void subtitleFormats()
    {
        const QJsonObject result{
            {u"text"_s, u"Hello there. General Kenobi."_s},
            {u"language"_s, u"en"_s},
            {u"durationMs"_s, 4250},
            {u"segments"_s,
             QJsonArray{QJsonObject{{u"start"_s, 0.0}, {u"end"_s, 1.5}, {u"text"_s, u" Hello there."_s}},
                        QJsonObject{{u"start"_s, 3661.25}, {u"end"_s, 3662.0}, {u"text"_s, u"General Kenobi."_s}}}}};
        QCOMPARE(formatTranscript(result, u"srt"_s).body,
                 QByteArray("1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n"
                            "2\n01:01:01,250 --> 01:01:02,000\nGeneral Kenobi.\n\n"));
        QCOMPARE(formatTranscript(result, u"vtt"_s).body,
                 QByteArray("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello there.\n\n"
                            "01:01:01.250 --> 01:01:02.000\nGeneral Kenobi.\n\n"));
        // Without segments: one cue over the whole file.
        QJsonObject bare = result;
        bare.remove(u"segments"_s);
        QCOMPARE(formatTranscript(bare, u"srt"_s).body,
                 QByteArray("1\n00:00:00,000 --> 00:00:04,250\nHello there. General Kenobi.\n\n"));
        const QByteArray verbose = formatTranscript(result, u"verbose_json"_s).body;
        QVERIFY(verbose.contains("\"duration\":4.25"));
        QVERIFY(verbose.contains("\"id\":1"));
        QCOMPARE(formatTranscript(result, u"text"_s).body, QByteArray("Hello there. General Kenobi.\n"));
        QCOMPARE(formatTranscript(result, u"json"_s).body, QByteArray("{\"text\":\"Hello there. General Kenobi.\"}"));
    }
};

QTEST_GUILESS_MAIN(TestRequestHead)
#include "testrequesthead.moc"
