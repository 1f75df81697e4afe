#include "doubletestutil.h"
#include "ipc/ipcclient.h"
#include "secrets/secretstore.h"
#include "servefixture.h"

#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// The HTTP front door through a real `utter --headless serve --listen`: auth, health, models, the OpenAI-style
// transcription endpoint's input checks, size limits, the WebSocket stream, and listen errors.
class TestHttpApi final : public QObject
{
    Q_OBJECT

private:
    static constexpr const char* kToken = "test-token-0123456789abcdef";
    test::TestHome m_home;
    std::unique_ptr<test::ServeProcess> m_serve;
    QString m_base; // http://127.0.0.1:PORT
    QNetworkAccessManager m_network;
    test::ProviderDouble m_provider; // the transcription provider behind the front door

    struct Reply
    {
        int status = 0;
        QByteArray body;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };

    Reply send(const QString& method, const QString& path, const QByteArray& token, const QByteArray& body = {},
               const QByteArray& contentType = {}, QHttpMultiPart* multipart = nullptr)
    {
        QNetworkRequest request(QUrl(m_base + path));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply* reply = nullptr;
        if (multipart)
            reply = m_network.post(request, multipart);
        else if (method == u"GET"_s)
            reply = m_network.get(request);
        else
            reply = m_network.sendCustomRequest(request, method.toLatin1(), body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(60000);
        Reply result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
        reply->deleteLater();
        return result;
    }

    QProcessEnvironment tokenEnvironment() const
    {
        QProcessEnvironment env = m_home.environment();
        env.insert(u"UTTER_HTTP_TOKEN_API_KEY"_s, QString::fromLatin1(kToken));
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, m_provider.baseUrl() + u"/openai/v1"_s);
        env.insert(u"GROQ_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
        return env;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_provider.start());
        m_serve = std::make_unique<test::ServeProcess>(m_home, tokenEnvironment());
        QVERIFY2(m_serve->start({u"--listen"_s, u"127.0.0.1:0"_s}), m_serve->stderrText().constData());
        IpcClient client(m_serve->socketPath());
        QVERIFY(client.connectToServer().ok());
        const Result<QJsonValue> status = client.call(u"status.get"_s);
        QVERIFY(status.ok());
        const QString address = status->toObject().value(u"http"_s).toString();
        QVERIFY2(address.startsWith(u"127.0.0.1:"_s), qPrintable(address));
        m_base = u"http://"_s + address;
    }

    void healthWithoutTokenIsOnlyLiveness()
    {
        const Reply reply = send(u"GET"_s, u"/health"_s, {});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json(), (QJsonObject{{u"status"_s, u"ok"_s}}));
    }

    void healthWithTokenHasDetails()
    {
        const Reply reply = send(u"GET"_s, u"/health"_s, kToken);
        QCOMPARE(reply.status, 200);
        const QJsonObject health = reply.json();
        QCOMPARE(health.value(u"status"_s).toString(), u"ok"_s);
        for (const QString& key : {u"state"_s, u"version"_s, u"pendingJobs"_s, u"providers"_s})
            QVERIFY2(health.contains(key), qPrintable(key));
    }

    void missingAndWrongTokensAre401()
    {
        for (const QString& path : {u"/v1/models"_s, u"/v1/audio/transcriptions"_s, u"/nope"_s}) {
            Reply reply = send(u"GET"_s, path, {});
            QCOMPARE(reply.status, 401);
            QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"missing_token"_s);
            reply = send(u"GET"_s, path, "wrong-token");
            QCOMPARE(reply.status, 401);
            QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"invalid_token"_s);
        }
    }

    void modelsListsUtter()
    {
        const Reply reply = send(u"GET"_s, u"/v1/models"_s, kToken);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"object"_s).toString(), u"list"_s);
        QVERIFY(reply.json().value(u"data"_s).toArray().contains(
            QJsonObject{{u"id"_s, u"utter"_s}, {u"object"_s, u"model"_s}, {u"owned_by"_s, u"utter"_s}}));
    }

    void unknownPathAndWrongMethod()
    {
        QCOMPARE(send(u"GET"_s, u"/v1/nothing"_s, kToken).status, 404);
        QCOMPARE(send(u"GET"_s, u"/v1/audio/transcriptions"_s, kToken).status, 405);
        QCOMPARE(send(u"GET"_s, u"/v1/stream"_s, kToken).status, 426);
    }

    void transcriptionRejectsBadForms()
    {
        Reply reply = send(u"POST"_s, u"/v1/audio/transcriptions"_s, kToken, "{}", "application/json");
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"multipart"_s));

        auto* form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart model;
        model.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"model\""_s);
        model.setBody("whisper-1");
        form->append(model);
        reply = send(u"POST"_s, u"/v1/audio/transcriptions"_s, kToken, {}, {}, form);
        delete form;
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"missing_file"_s);
    }

    Reply postAudio(const QByteArray& bytes, const QString& fileName, const QByteArray& format = "json")
    {
        auto* form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart file;
        file.setHeader(QNetworkRequest::ContentDispositionHeader,
                       u"form-data; name=\"file\"; filename=\"%1\""_s.arg(fileName));
        file.setHeader(QNetworkRequest::ContentTypeHeader, u"audio/wav"_s);
        file.setBody(bytes);
        form->append(file);
        QHttpPart model;
        model.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"model\""_s);
        model.setBody("whisper-1");
        form->append(model);
        QHttpPart responseFormat;
        responseFormat.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"response_format\""_s);
        responseFormat.setBody(format);
        form->append(responseFormat);
        const Reply reply = send(u"POST"_s, u"/v1/audio/transcriptions"_s, kToken, {}, {}, form);
        delete form;
        return reply;
    }

    void transcriptionOfAFile()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        m_provider.setFixtures(*clips);
        // Speech runs through Utter's own pipeline (chunking, fallback chain, assembly) to the provider.
        const QList<int> order{0, 2};
        Reply reply = postAudio(test::writeWav(clips->utterance(order), 16000), u"speech.wav"_s);
        QVERIFY2(reply.status == 200, reply.body.constData());
        QCOMPARE(reply.json().value(u"text"_s).toString(), clips->referenceText(order));
        reply = postAudio(test::writeWav(clips->utterance({1}), 16000), u"speech.wav"_s, "text");
        QCOMPARE(reply.status, 200);
        QCOMPARE(QString::fromUtf8(reply.body).trimmed(), clips->referenceText({1}));

        // Bytes that are no audio are the client's error, said plainly; silence is "no speech", never a text.
        reply = postAudio(QByteArray(32000, '\0'), u"speech.wav"_s);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"unsupported_format"_s);
        reply = postAudio(test::writeWav(QList<qint16>(16000 * 2, 0), 16000), u"silence.wav"_s);
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"no_speech"_s);
    }

    void oversizedUploadIs413()
    {
        const QByteArray huge(65 * 1024 * 1024, 'a');
        const Reply reply =
            send(u"POST"_s, u"/v1/audio/transcriptions"_s, kToken, huge, "multipart/form-data; boundary=x");
        QCOMPARE(reply.status, 413);
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"payload_too_large"_s);
        // The server is fine afterwards.
        QCOMPARE(send(u"GET"_s, u"/health"_s, {}).status, 200);
    }

    void webSocketNeedsAToken()
    {
        for (const QString& query : {QString(), u"?token=nope"_s}) {
            QWebSocket socket;
            QSignalSpy connected(&socket, &QWebSocket::connected);
            QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
            socket.open(QUrl(u"ws"_s + m_base.mid(4) + u"/v1/stream"_s + query));
            QVERIFY(disconnected.wait(5000));
            QCOMPARE(connected.count(), 0);
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_serve->stderrText().contains("answering 401"), 5000);
        QVERIFY(m_serve->stderrText().contains("The bearer token is wrong"));
    }

    void webSocketStream()
    {
        QWebSocket socket;
        QList<QJsonObject> events;
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [&](const QString& text) { events.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
        QNetworkRequest request(QUrl(u"ws"_s + m_base.mid(4) + u"/v1/stream"_s));
        request.setRawHeader("Authorization", QByteArray("Bearer ") + kToken);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        QVERIFY2(connected.wait(5000), m_serve->stderrText().constData());
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 5000);
        QCOMPARE(events.first().value(u"type"_s).toString(), u"state"_s);

        socket.sendTextMessage(u"{\"type\":\"ping\",\"id\":7}"_s);
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 2, 5000);
        QCOMPARE(events.at(1), (QJsonObject{{u"type"_s, u"pong"_s}, {u"id"_s, 7}}));

        socket.sendTextMessage(u"not json"_s);
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 3, 5000);
        QCOMPARE(events.at(2).value(u"code"_s).toString(), u"invalid_message"_s);

        socket.sendBinaryMessage(QByteArray(3, '\0')); // odd length: not PCM16
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 4, 5000);
        QCOMPARE(events.at(3).value(u"code"_s).toString(), u"invalid_audio"_s);

        // A dictation streamed as PCM frames comes back as partial and final transcripts.
        UTTER_REQUIRE_FIXTURES(clips);
        m_provider.setFixtures(*clips);
        socket.sendTextMessage(u"{\"type\":\"start\"}"_s);
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 5, 5000);
        QCOMPARE(events.at(4).value(u"type"_s).toString(), u"state"_s);
        QCOMPARE(events.at(4).value(u"state"_s).toString(), u"listening"_s);
        const QList<qint16> pcm = clips->utterance({3, 1});
        for (qsizetype at = 0; at < pcm.size(); at += 1600) { // 100 ms frames
            const qsizetype n = std::min<qsizetype>(1600, pcm.size() - at);
            socket.sendBinaryMessage(QByteArray(reinterpret_cast<const char*>(pcm.constData() + at), n * 2));
        }
        socket.sendTextMessage(u"{\"type\":\"stop\"}"_s);
        const auto finalEvent = [&] {
            for (const QJsonObject& event : std::as_const(events)) {
                if (event.value(u"type"_s).toString() == u"final"_s)
                    return event;
            }
            return QJsonObject();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!finalEvent().isEmpty(), 30000);
        QCOMPARE(finalEvent().value(u"text"_s).toString(), clips->referenceText({3, 1}));
        QTRY_VERIFY_WITH_TIMEOUT(events.constLast().value(u"state"_s).toString() == u"idle"_s, 10000);
        socket.close();
    }

    void cleanupTestCase()
    {
        // SIGTERM closes the HTTP side too.
        m_serve->signal(15);
        QVERIFY(m_serve->waitForExit(10000));
        QCOMPARE(m_serve->process()->exitCode(), 0);
    }

    void generatesAndStoresATokenOnFirstUse()
    {
        test::TestHome home;
        test::ServeProcess serve(home);
        QVERIFY2(serve.start({u"--listen"_s, u"127.0.0.1:0"_s}), serve.stderrText().constData());
        // The token is read, generated and stored without holding up the start: wait until it says it is stored.
        QTRY_VERIFY2_WITH_TIMEOUT(serve.stderrText().contains("generated the HTTP API token; stored in"),
                                  serve.stderrText().constData(), 15000);
        home.applyToCurrentProcess();
        std::unique_ptr<SecretStore> secrets = SecretStore::create(home.configDir() + u"/secrets.ini"_s);
        const SecretLookup token = secrets->lookup(u"http-token"_s);
        QVERIFY2(token.value.size() >= 40, qPrintable(u"no generated token was stored: "_s + token.detail + u" / "_s +
                                                      QString::fromUtf8(serve.stderrText())));
        QVERIFY(!serve.stderrText().contains(token.value.toUtf8()));
        (void)secrets->clear(u"http-token"_s);
    }

    void portInUseNamesTheHolder()
    {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost));
        test::TestHome home;
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_HTTP_TOKEN_API_KEY"_s, QString::fromLatin1(kToken));
        const test::UtterRun run =
            test::runUtter(QStringList{u"--headless"_s, u"serve"_s} + test::ServeProcess::rootArgs() +
                               QStringList{u"--listen"_s, u"127.0.0.1:%1"_s.arg(occupant.serverPort())},
                           env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(u"already in use"_s), qPrintable(run.errText()));
        if (!QStandardPaths::findExecutable(u"ss"_s).isEmpty())
            QVERIFY2(run.errText().contains(u"pid %1"_s.arg(QCoreApplication::applicationPid())),
                     qPrintable(run.errText()));
        QVERIFY(!QFile::exists(home.runtimeDir() + u"/utter.sock"_s));
    }

    void remoteAddressNeedsExplicitPermission()
    {
        test::TestHome home;
        const test::UtterRun run =
            test::runUtter(QStringList{u"--headless"_s, u"serve"_s} + test::ServeProcess::rootArgs() +
                               QStringList{u"--listen"_s, u"0.0.0.0:0"_s},
                           home.environment());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(u"--allow-remote"_s), qPrintable(run.errText()));
        const test::UtterRun bad =
            test::runUtter(QStringList{u"--headless"_s, u"serve"_s} + test::ServeProcess::rootArgs() +
                               QStringList{u"--listen"_s, u"nonsense"_s},
                           home.environment());
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.errText().contains(u"HOST:PORT"_s), qPrintable(bad.errText()));
    }
};

QTEST_GUILESS_MAIN(TestHttpApi)
#include "testhttpapi.moc"
