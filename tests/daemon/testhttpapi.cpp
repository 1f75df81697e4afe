#include "doubletestutil.h"
#include "fixtureclips.h"
#include "ipc/ipcclient.h"
#include "oggopus.h"
#include "rawhttpclient.h"
#include "realtimedouble.h"
#include "secrets/secretstore.h"
#include "servefixture.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
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
        // Read-back: a primary and a fallback endpoint, both on the double (told apart by their paths).
        env.insert(u"UTTER_SPEECH_URL"_s, m_provider.baseUrl() + u"/primary/v1"_s);
        env.insert(u"UTTER_SPEECH_FALLBACK_URL"_s, m_provider.baseUrl() + u"/fallback/v1"_s);
        env.insert(u"UTTER_SPEECH_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
        return env;
    }

    quint16 port() const { return quint16(QUrl(m_base).port()); }

    static QByteArray authHeader() { return QByteArray("Authorization: Bearer ") + kToken + "\r\n"; }

    // A multipart body with one file part (and optional text fields), as curl -F builds it.
    static QByteArray multipartBody(const QByteArray& boundary, const QByteArray& file, const QByteArray& fileName,
                                    const QList<QPair<QByteArray, QByteArray>>& fields = {})
    {
        QByteArray body;
        for (const auto& [name, value] : fields)
            body +=
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName +
                "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
        return body;
    }

    static QByteArray uploadHead(qint64 length, const QByteArray& boundary, bool token = true)
    {
        return "POST /v1/audio/transcriptions HTTP/1.1\r\nHost: localhost\r\n" + (token ? authHeader() : QByteArray()) +
               "Content-Type: multipart/form-data; boundary=" + boundary +
               "\r\nContent-Length: " + QByteArray::number(length) + "\r\n\r\n";
    }

    // A separate `serve --listen 127.0.0.1:0` in its own home with settings applied first; returns its port.
    // The microphone is no part of these tests: without pre-roll it stays closed (closing PulseAudio capture can
    // take seconds on a loaded machine, which is not what they measure).
    quint16 startServe(test::TestHome& home, std::unique_ptr<test::ServeProcess>& serve,
                       const QList<QPair<QString, QString>>& settings = {{u"audio/preRollMs"_s, u"0"_s}})
    {
        QProcessEnvironment env = home.environment();
        const QProcessEnvironment base = tokenEnvironment();
        for (const QString& key : base.keys()) {
            if (key.startsWith(u"UTTER_HTTP_TOKEN"_s) || key.startsWith(u"UTTER_TRANSCRIBE"_s) ||
                key.startsWith(u"UTTER_SPEECH"_s) || key == u"GROQ_API_KEY"_s)
                env.insert(key, base.value(key));
        }
        for (const auto& [key, value] : settings) {
            const test::UtterRun set = test::runUtter({u"config"_s, u"set"_s, key, value}, env);
            if (set.exitCode != 0) {
                qWarning() << "config set failed:" << set.errText();
                return 0;
            }
        }
        serve = std::make_unique<test::ServeProcess>(home, env);
        if (!serve->start({u"--listen"_s, u"127.0.0.1:0"_s})) {
            qWarning() << serve->stderrText();
            return 0;
        }
        IpcClient client(serve->socketPath());
        if (!client.connectToServer().ok())
            return 0;
        const Result<QJsonValue> status = client.call(u"status.get"_s);
        return status.ok() ? quint16(QUrl(u"http://"_s + status->toObject().value(u"http"_s).toString()).port()) : 0;
    }

    static bool statusAnswers(const test::TestHome& home)
    {
        return test::runUtter({u"status"_s, u"--quiet"_s}, home.environment(), {}, 5000).exitCode == 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_provider.start());
        const test::UtterRun voice =
            test::runUtter({u"config"_s, u"set"_s, u"speech/fallbackVoice"_s, u"bf_emma"_s}, tokenEnvironment());
        QVERIFY2(voice.exitCode == 0, qPrintable(voice.errText()));
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

    // A realtime transcription URL (issue 19): the words streamed back while the user speaks reach a /v1/stream
    // client as `partial` events and an IPC follower (`utter status --follow`) as `transcript.partial`, delta by
    // delta — before the chunk's whole text — and the final text is the spoken one.
    void realtimePartialsReachStreamClientsAndFollowers()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        test::RealtimeDouble realtime;
        realtime.setFixtures(*clips);
        realtime.options().keys = {u"gsk_test_groq_key_0123456789"_s};
        realtime.options().deltaIntervalMs = 20;
        QVERIFY(realtime.start());
        test::TestHome home;
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_HTTP_TOKEN_API_KEY"_s, QString::fromLatin1(kToken));
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, realtime.url());
        env.insert(u"GROQ_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
        for (const auto& [key, value] :
             {std::pair{u"audio/preRollMs"_s, u"0"_s}, std::pair{u"transcribe/model"_s, u"gpt-4o-transcribe"_s}}) {
            const test::UtterRun set = test::runUtter({u"config"_s, u"set"_s, key, value}, env);
            QVERIFY2(set.exitCode == 0, qPrintable(set.errText()));
        }
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start({u"--listen"_s, u"127.0.0.1:0"_s}), serve.stderrText().constData());
        IpcClient client(serve.socketPath());
        QVERIFY(client.connectToServer().ok());
        const Result<QJsonValue> status = client.call(u"status.get"_s);
        QVERIFY(status.ok());
        const QString address = status->toObject().value(u"http"_s).toString();

        QProcess follow;
        follow.setProcessEnvironment(env);
        follow.start(test::utterBinary(), {u"status"_s, u"--follow"_s});
        QVERIFY(follow.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(follow.bytesAvailable() > 0, 5000);

        QWebSocket socket;
        QList<QJsonObject> events;
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [&](const QString& text) { events.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
        QNetworkRequest request(QUrl(u"ws://"_s + address + u"/v1/stream"_s));
        request.setRawHeader("Authorization", QByteArray("Bearer ") + kToken);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        QVERIFY2(connected.wait(5000), serve.stderrText().constData());
        socket.sendTextMessage(u"{\"type\":\"start\"}"_s);
        const QList<qint16> pcm = clips->utterance({3, 1}, 900);
        QElapsedTimer clock; // 4x real time: a live stream
        clock.start();
        for (qsizetype at = 0; at < pcm.size(); at += 1600) { // 100 ms frames
            while (clock.elapsed() < at / 16 / 4)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            const qsizetype n = std::min<qsizetype>(1600, pcm.size() - at);
            socket.sendBinaryMessage(QByteArray(reinterpret_cast<const char*>(pcm.constData() + at), n * 2));
        }
        socket.sendTextMessage(u"{\"type\":\"stop\"}"_s);
        const auto ofType = [&](const QString& type) {
            QList<QJsonObject> out;
            for (const QJsonObject& event : std::as_const(events)) {
                if (event.value(u"type"_s).toString() == type)
                    out << event;
            }
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!ofType(u"final"_s).isEmpty(), 30000);
        QCOMPARE(ofType(u"final"_s).first().value(u"text"_s).toString(), clips->referenceText({3, 1}));
        // Delta by delta: some partial is a proper beginning of its sentence, not yet the whole of it.
        bool growing = false;
        for (const QJsonObject& partial : ofType(u"partial"_s)) {
            const QString text = partial.value(u"text"_s).toString().trimmed();
            for (int clip : {3, 1})
                growing = growing || (clips->at(clip).text.startsWith(text) &&
                                      text.size() < clips->at(clip).text.size() && !text.isEmpty());
        }
        QVERIFY2(growing, "no partial before a chunk's whole text");
        QCOMPARE(realtime.commits(), 2);
        socket.close();

        QVERIFY(client.call(u"service.shutdown"_s).ok());
        QVERIFY(follow.waitForFinished(10000));
        int followerPartials = 0;
        for (const QByteArray& line : follow.readAll().split('\n')) {
            if (QJsonDocument::fromJson(line).object().value(u"event"_s).toString() == u"transcript.partial"_s)
                ++followerPartials;
        }
        QVERIFY2(followerPartials > 2, qPrintable(u"%1 transcript.partial events"_s.arg(followerPartials)));
        QVERIFY(serve.waitForExit(10000));
    }

    void conformance()
    {
        // 401: one Content-Type, OpenAI's error object, WWW-Authenticate.
        test::RawClient client(port());
        QVERIFY(client.waitConnected());
        client.send("GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n");
        std::optional<test::RawResponse> reply = client.response();
        QVERIFY(reply);
        QCOMPARE(reply->status, 401);
        QCOMPARE(reply->count("content-type"), 1);
        QCOMPARE(reply->header("www-authenticate"), QByteArray("Bearer"));
        QCOMPARE(reply->error().value(u"type"_s).toString(), u"invalid_request_error"_s);
        QVERIFY(reply->error().contains(u"message"_s) && reply->error().contains(u"code"_s));

        // Known paths answer their own methods only.
        test::RawClient second(port());
        QVERIFY(second.waitConnected());
        second.send("DELETE /v1/models HTTP/1.1\r\nHost: x\r\n" + authHeader() + "\r\n");
        reply = second.response();
        QVERIFY(reply);
        QCOMPARE(reply->status, 405);
        QVERIFY(reply->header("allow").contains("GET"));
        QCOMPARE(reply->error().value(u"type"_s).toString(), u"invalid_request_error"_s);
        // The same connection stays usable (keep-alive): HEAD /health is GET without the body.
        second.send("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n");
        reply = second.response(10000, true);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QVERIFY(reply->header("content-length").toInt() > 0);
        second.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        reply = second.response();
        QVERIFY2(reply && reply->status == 200, second.received().constData());
        QCOMPARE(reply->json().value(u"status"_s).toString(), u"ok"_s);
        QVERIFY(!second.isClosed());

        // HTTP/1.0 without keep-alive: answered, then closed.
        test::RawClient old(port());
        QVERIFY(old.waitConnected());
        old.send("GET /health HTTP/1.0\r\n\r\n");
        reply = old.response();
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QVERIFY(reply->header("connection").contains("close"));
        QVERIFY(old.waitClosed(5000));

        // Garbage is a 400 with the error object, and the connection is closed.
        test::RawClient garbage(port());
        QVERIFY(garbage.waitConnected());
        garbage.send("NOT HTTP AT ALL\r\n\r\n");
        reply = garbage.response();
        QVERIFY(reply);
        QCOMPARE(reply->status, 400);
        QCOMPARE(reply->error().value(u"type"_s).toString(), u"invalid_request_error"_s);
        QVERIFY(garbage.waitClosed(5000));
    }

    void tokenIsCheckedBeforeTheBody()
    {
        // The head says 62 MB are coming, no token: 401 at once, before a byte of the body is sent.
        test::RawClient client(port());
        QVERIFY(client.waitConnected());
        QElapsedTimer timer;
        timer.start();
        client.send("POST /v1/models HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    "62000000\r\n\r\n");
        const std::optional<test::RawResponse> reply = client.response();
        QVERIFY(reply);
        QCOMPARE(reply->status, 401);
        qInfo() << "401 for a token-less 62 MB POST after" << timer.elapsed() << "ms, before its body was sent";
        QVERIFY(client.waitClosed(10000));
    }

    void tokenlessBodiesStayOutOfMemory()
    {
        // Six clients push 62 MB each without a token: the server answers 401 and drops what still arrives.
        const qint64 pid = m_serve->pid();
        const qint64 rssBefore = test::procStatusKb(pid, "VmRSS");
        qint64 rssPeak = rssBefore;
        const QByteArray chunk(1024 * 1024, 'x');
        const qint64 total = 62LL * 1024 * 1024;
        std::vector<std::unique_ptr<test::RawClient>> clients;
        for (int i = 0; i < 6; ++i) {
            clients.push_back(std::make_unique<test::RawClient>(port()));
            QVERIFY(clients.back()->waitConnected());
            clients.back()->send("POST /v1/models HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(total) +
                                 "\r\n\r\n");
        }
        std::vector<qint64> sent(clients.size(), 0);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000) {
            bool busy = false;
            for (std::size_t i = 0; i < clients.size(); ++i) {
                QTcpSocket& socket = clients[i]->socket();
                if (sent[i] >= total || socket.state() != QAbstractSocket::ConnectedState)
                    continue;
                busy = true;
                if (socket.bytesToWrite() < 4 * chunk.size()) {
                    socket.write(chunk);
                    sent[i] += chunk.size();
                }
            }
            if (!busy)
                break;
            QTest::qWait(1);
            rssPeak = std::max(rssPeak, test::procStatusKb(pid, "VmRSS"));
        }
        for (auto& client : clients) {
            const std::optional<test::RawResponse> reply = client->response(15000);
            QVERIFY2(reply, client->received().left(200).constData());
            QCOMPARE(reply->status, 401);
        }
        qint64 sentTotal = 0;
        for (const qint64 n : sent)
            sentTotal += n;
        qInfo() << "six token-less 62 MB POSTs:" << sentTotal / (1024 * 1024) << "MiB sent; serve RSS"
                << rssBefore / 1024 << "MiB before, peak" << rssPeak / 1024 << "MiB";
        QVERIFY2(rssPeak - rssBefore < 48 * 1024, qPrintable(u"RSS grew by %1 KiB"_s.arg(rssPeak - rssBefore)));
    }

    void uploadsGoToDiskAndAreCapped()
    {
        // Six authenticated 60 MB uploads at once: at most four are taken (the rest get 503 + Retry-After), and
        // their bodies go to disk as they arrive, not into memory.
        const qint64 pid = m_serve->pid();
        const qint64 anonBefore = test::procStatusKb(pid, "RssAnon");
        qint64 anonPeak = anonBefore;
        qint64 rssPeak = test::procStatusKb(pid, "VmRSS");
        const QByteArray boundary = "utterboundary";
        // "RIFF" and noise: Utter's WAV reader refuses it at once.
        const QByteArray body = multipartBody(boundary, "RIFF" + QByteArray(60 * 1024 * 1024, 'z'), "noise.wav");
        std::vector<std::unique_ptr<test::RawClient>> clients;
        for (int i = 0; i < 6; ++i) {
            clients.push_back(std::make_unique<test::RawClient>(port()));
            QVERIFY(clients.back()->waitConnected());
            clients.back()->send(uploadHead(body.size(), boundary));
        }
        std::vector<qint64> sent(clients.size(), 0);
        QElapsedTimer timer;
        timer.start();
        const qint64 piece = 1024 * 1024;
        while (timer.elapsed() < 90000) {
            bool busy = false;
            for (std::size_t i = 0; i < clients.size(); ++i) {
                QTcpSocket& socket = clients[i]->socket();
                if (sent[i] >= body.size() || socket.state() != QAbstractSocket::ConnectedState)
                    continue;
                busy = true;
                if (socket.bytesToWrite() < 4 * piece) {
                    socket.write(body.mid(sent[i], piece));
                    sent[i] += std::min(piece, body.size() - sent[i]);
                }
            }
            if (!busy)
                break;
            QTest::qWait(1);
            anonPeak = std::max(anonPeak, test::procStatusKb(pid, "RssAnon"));
            rssPeak = std::max(rssPeak, test::procStatusKb(pid, "VmRSS"));
        }
        int refused = 0;
        int answered = 0;
        for (auto& client : clients) {
            const std::optional<test::RawResponse> reply = client->response(60000);
            QVERIFY2(reply, client->received().left(200).constData());
            if (reply->status == 503) {
                ++refused;
                QVERIFY(reply->header("retry-after").toInt() > 0);
                QCOMPARE(reply->error().value(u"code"_s).toString(), u"too_many_uploads"_s);
            } else {
                ++answered;
                QVERIFY2(reply->status == 400, reply->body.constData()); // noise is no audio: the client's mistake
                QCOMPARE(reply->error().value(u"type"_s).toString(), u"invalid_request_error"_s);
            }
        }
        qInfo() << "six 60 MB uploads:" << answered << "taken," << refused << "refused; serve anonymous RSS"
                << anonBefore / 1024 << "MiB before, peak" << anonPeak / 1024 << "MiB; total RSS peak" << rssPeak / 1024
                << "MiB";
        QCOMPARE(answered, 4);
        QCOMPARE(refused, 2);
        QVERIFY2(anonPeak - anonBefore < 64 * 1024, qPrintable(u"RssAnon grew by %1 KiB"_s.arg(anonPeak - anonBefore)));
    }

    void transcriptionFormats()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        m_provider.setFixtures(*clips);
        const QList<int> order{0, 2};
        const QByteArray wav = test::writeWav(clips->utterance(order), 16000);
        // The provider adds Whisper's phantom "Thank you." (no_speech_prob 0.9): not in the text, and verbose_json
        // says what was held back and why (docs/storage.md, "What Utter holds back").
        test::TranscriptScript phantom;
        phantom.extra = {{u"Thank you."_s, 0.9, -1.2, 0.6}};
        m_provider.addScript(phantom);
        Reply reply = postAudio(wav, u"speech.wav"_s, "verbose_json");
        QVERIFY2(reply.status == 200, reply.body.constData());
        const QJsonObject verbose = reply.json();
        QCOMPARE(verbose.value(u"text"_s).toString(), clips->referenceText(order));
        const QJsonArray heldBack = verbose.value(u"heldBack"_s).toArray();
        QCOMPARE(heldBack.size(), 1);
        QCOMPARE(heldBack.first()[u"kind"_s].toString(), u"not-typed"_s);
        QCOMPARE(heldBack.first()[u"text"_s].toString(), u"Thank you."_s);
        QCOMPARE(heldBack.first()[u"description"_s].toString(), u"Whisper: no speech (p=0.90)"_s);
        QCOMPARE(verbose.value(u"task"_s).toString(), u"transcribe"_s);
        QVERIFY(verbose.value(u"duration"_s).toDouble() > 1.0);
        QVERIFY(!verbose.value(u"language"_s).toString().isEmpty());
        const QJsonArray segments = verbose.value(u"segments"_s).toArray();
        QVERIFY(!segments.isEmpty());
        for (const QString& key : {u"id"_s, u"start"_s, u"end"_s, u"text"_s, u"no_speech_prob"_s})
            QVERIFY2(segments.first().toObject().contains(key), qPrintable(key));

        reply = postAudio(wav, u"speech.wav"_s, "srt");
        QVERIFY2(reply.status == 200, reply.body.constData());
        QVERIFY2(reply.body.startsWith("1\n00:00:"), reply.body.constData());
        QVERIFY(reply.body.contains(" --> "));
        reply = postAudio(wav, u"speech.wav"_s, "vtt");
        QVERIFY2(reply.status == 200, reply.body.constData());
        QVERIFY2(reply.body.startsWith("WEBVTT\n\n00:00:"), reply.body.constData());
        reply = postAudio(wav, u"speech.wav"_s, "xml");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(),
                 u"unsupported_response_format"_s);
    }

    void clientMistakesAre400WithoutServerPaths()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        m_provider.setFixtures(*clips);
        const int before = int(m_provider.requests(u"/audio/transcriptions"_s).size());
        // A truncated Ogg file is the client's broken file.
        const QByteArray ogg = test::encodeOggOpus(clips->utterance({1}), 16000);
        Reply reply = postAudio(ogg.left(ogg.size() / 2), u"memo.ogg"_s);
        QVERIFY2(reply.status == 400, reply.body.constData());
        const QString message = reply.json().value(u"error"_s).toObject().value(u"message"_s).toString();
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"type"_s).toString(), u"invalid_request_error"_s);
        QVERIFY2(!message.contains(u'/') && !message.contains(u"upload-"_s), qPrintable(message));
        QVERIFY2(message.contains(u"memo.ogg"_s), qPrintable(message));

        // An unknown style is refused before anything is sent to (and billed by) the provider.
        auto* form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart file;
        file.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"file\"; filename=\"a.wav\""_s);
        file.setBody(test::writeWav(clips->utterance({1}), 16000));
        form->append(file);
        QHttpPart style;
        style.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"style\""_s);
        style.setBody("no-such-style");
        form->append(style);
        reply = send(u"POST"_s, u"/v1/audio/transcriptions"_s, kToken, {}, {}, form);
        delete form;
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"unknown_style"_s);
        QCOMPARE(int(m_provider.requests(u"/audio/transcriptions"_s).size()), before);
    }

    void secondStreamStartIsBusy()
    {
        const auto open = [this](QWebSocket& socket, QList<QJsonObject>& events) {
            connect(&socket, &QWebSocket::textMessageReceived, this,
                    [&events](const QString& text) { events.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
            QNetworkRequest request(QUrl(u"ws"_s + m_base.mid(4) + u"/v1/stream"_s));
            request.setRawHeader("Authorization", QByteArray("Bearer ") + kToken);
            QSignalSpy connected(&socket, &QWebSocket::connected);
            socket.open(request);
            return connected.wait(5000);
        };
        const auto hasError = [](const QList<QJsonObject>& events, const QString& code) {
            for (const QJsonObject& event : events) {
                if (event.value(u"type"_s).toString() == u"error"_s && event.value(u"code"_s).toString() == code)
                    return true;
            }
            return false;
        };
        const auto lastState = [](const QList<QJsonObject>& events) {
            for (qsizetype i = events.size() - 1; i >= 0; --i) {
                if (events.at(i).value(u"type"_s).toString() == u"state"_s)
                    return events.at(i).value(u"state"_s).toString();
            }
            return QString();
        };
        QWebSocket a;
        QWebSocket b;
        QList<QJsonObject> eventsA;
        QList<QJsonObject> eventsB;
        QVERIFY(open(a, eventsA));
        QVERIFY(open(b, eventsB));
        a.sendTextMessage(u"{\"type\":\"start\"}"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(eventsA), u"listening"_s, 5000);
        b.sendTextMessage(u"{\"type\":\"start\"}"_s);
        QTRY_VERIFY_WITH_TIMEOUT(hasError(eventsB, u"busy"_s), 5000);
        // B can neither feed nor end A's dictation.
        b.sendBinaryMessage(QByteArray(640, '\0'));
        QTRY_VERIFY_WITH_TIMEOUT(hasError(eventsB, u"not_streaming"_s), 5000);
        eventsB.clear();
        b.sendTextMessage(u"{\"type\":\"stop\"}"_s);
        b.sendTextMessage(u"{\"type\":\"cancel\"}"_s);
        QTRY_COMPARE_WITH_TIMEOUT(eventsB.size(), 2, 5000);
        QVERIFY(hasError(eventsB, u"not_streaming"_s));
        QCOMPARE(lastState(eventsA), u"listening"_s);
        // A ends its own.
        a.sendTextMessage(u"{\"type\":\"cancel\"}"_s);
        const auto dump = [](const QList<QJsonObject>& events) {
            QJsonArray list;
            for (const QJsonObject& event : events)
                list.append(event);
            return QJsonDocument(list).toJson(QJsonDocument::Compact);
        };
        QTRY_VERIFY2_WITH_TIMEOUT(lastState(eventsA) != u"listening"_s, dump(eventsA).constData(), 5000);
        QVERIFY(!hasError(eventsA, u"not_streaming"_s));
        QTRY_COMPARE_WITH_TIMEOUT(lastState(eventsA), u"idle"_s, 10000);
        a.close();
        b.close();
    }

    void speechThroughTheFrontDoor()
    {
        // An OpenAI SDK call: client.audio.speech.create(model="tts-1", voice="alloy", input=...,
        // response_format="wav") goes through Utter's read-back client (primary, then fallback) to the configured
        // endpoints.
        m_provider.clearRequests();
        const auto speak = [this](const QJsonObject& request) {
            return send(u"POST"_s, u"/v1/audio/speech"_s, kToken, QJsonDocument(request).toJson(QJsonDocument::Compact),
                        "application/json");
        };
        Reply reply = speak({{u"model"_s, u"tts-1"_s},
                             {u"input"_s, u"Read this back to me."_s},
                             {u"voice"_s, u"alloy"_s},
                             {u"response_format"_s, u"wav"_s},
                             {u"speed"_s, 1.25}});
        QVERIFY2(reply.status == 200, reply.body.constData());
        QVERIFY(reply.body.startsWith("RIFF"));
        QList<test::RecordedRequest> seen = m_provider.requests(u"/audio/speech"_s);
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().json.value(u"input"_s).toString(), u"Read this back to me."_s);
        QCOMPARE(seen.first().json.value(u"voice"_s).toString(), u"af_heart"_s); // OpenAI's voice → the configured one
        QCOMPARE(seen.first().json.value(u"model"_s).toString(), u"kokoro"_s);
        QCOMPARE(seen.first().json.value(u"speed"_s).toDouble(), 1.25);

        // A voice the endpoints know is passed on; the primary failing, the fallback answers with its voice.
        m_provider.clearRequests();
        test::Fault down;
        down.path = u"/primary/v1/audio/speech"_s;
        down.status = 500;
        down.body = R"({"error":{"message":"model crashed","type":"server_error"}})";
        down.times = 10;
        m_provider.addFault(down);
        reply = speak({{u"model"_s, u"tts-1"_s}, {u"input"_s, u"Again."_s}, {u"response_format"_s, u"wav"_s}});
        m_provider.clearFaults();
        QVERIFY2(reply.status == 200, reply.body.constData());
        seen = m_provider.requests(u"/audio/speech"_s);
        QVERIFY(seen.size() >= 2);
        QVERIFY(seen.last().path.startsWith(u"/fallback/"_s));
        QCOMPARE(seen.last().json.value(u"voice"_s).toString(), u"bf_emma"_s);
        QCOMPARE(seen.last().status, 200);

        // The client's mistakes are 400s; a provider's refusal is passed on.
        reply = speak({{u"model"_s, u"tts-1"_s}, {u"voice"_s, u"alloy"_s}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"type"_s).toString(), u"invalid_request_error"_s);
        reply = speak({{u"input"_s, u"x"_s}, {u"speed"_s, 9}});
        QCOMPARE(reply.status, 400);
        reply = send(u"POST"_s, u"/v1/audio/speech"_s, kToken, "not json", "application/json");
        QCOMPARE(reply.status, 400);
        reply = send(u"POST"_s, u"/v1/audio/speech"_s, {}, "{}", "application/json");
        QCOMPARE(reply.status, 401);
    }

    void limitsHoldUnderAbuse()
    {
        test::TestHome home;
        std::unique_ptr<test::ServeProcess> serve;
        const quint16 serverPort = startServe(home, serve);
        QVERIFY(serverPort);
        const qint64 pid = serve->pid();
        const int fdsBefore = test::procFdCount(pid);

        // 300 connections that send nothing: 256 (the cap) are held until the head timeout (10 s), the rest are
        // answered 503 at once.
        std::vector<std::unique_ptr<test::RawClient>> idle;
        for (int i = 0; i < 300; ++i) {
            idle.push_back(std::make_unique<test::RawClient>(serverPort));
            QVERIFY(idle.back()->waitConnected() || idle.back()->isClosed());
        }
        int refused = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                refused = 0;
                for (auto& client : idle)
                    refused += client->received().startsWith("HTTP/1.1 503") && client->isClosed() ? 1 : 0;
                return refused >= 300 - 256;
            }(),
            10000);
        // What stays open is the cap.
        int held = 0;
        for (auto& client : idle)
            held += client->isClosed() ? 0 : 1;
        QVERIFY2(held <= 256, qPrintable(QString::number(held)));
        const int fdsHeld = test::procFdCount(pid);
        QVERIFY(statusAnswers(home));
        // The held ones are closed by the head timeout.
        QElapsedTimer timer;
        timer.start();
        for (auto& client : idle)
            QVERIFY(client->waitClosed(20000));
        qInfo() << "300 idle connections over a cap of 256:" << refused << "refused at once," << held << "held; fds"
                << fdsBefore << "→" << fdsHeld << "; the held ones closed after" << timer.elapsed() << "ms more";

        // Complete headers, then silence: the body timeout (15 s) ends it with 408.
        test::RawClient stalled(serverPort);
        QVERIFY(stalled.waitConnected());
        stalled.send(uploadHead(50000000, "b"));
        std::optional<test::RawResponse> reply = stalled.response(25000);
        QVERIFY2(reply, stalled.received().constData());
        QCOMPARE(reply->status, 408);
        QVERIFY(stalled.waitClosed(5000));
        // A head that never completes: 408 after the head timeout (10 s).
        test::RawClient slow(serverPort);
        QVERIFY(slow.waitConnected());
        slow.send("GET /hea");
        reply = slow.response(20000);
        QVERIFY(reply);
        QCOMPARE(reply->status, 408);

        // Every client connection is let go (sockets opened for other reasons, D-Bus's, come and go as they like).
        QTRY_VERIFY2_WITH_TIMEOUT(test::procTcpConnectionCount(pid, serverPort) == 0,
                                  qPrintable(test::procFdSummary(pid)), 10000);
        test::RawClient health(serverPort);
        QVERIFY(health.waitConnected());
        health.send("GET /health HTTP/1.1\r\n\r\n");
        reply = health.response();
        QVERIFY(reply && reply->status == 200);
        serve->signal(15);
        QVERIFY(serve->waitForExit(10000));
        if (serve->process()->exitStatus() != QProcess::NormalExit || serve->process()->exitCode() != 0)
            qWarning().noquote() << "serve's stderr ends:\n" << serve->stderrText().right(4000);
        QCOMPARE(serve->process()->exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve->process()->exitCode(), 0);
    }

    void survivesRunningOutOfDescriptors()
    {
        if (QStandardPaths::findExecutable(u"prlimit"_s).isEmpty())
            QSKIP("prlimit (util-linux) is not installed");
        test::TestHome home;
        std::unique_ptr<test::ServeProcess> serve;
        const quint16 serverPort = startServe(home, serve);
        QVERIFY(serverPort);
        const qint64 pid = serve->pid();
        // Lower the running daemon's limit (as `ulimit -n` would have) far under its connection cap of 256.
        const int open = test::procFdCount(pid);
        const int limit = open + 100;
        QProcess prlimit;
        prlimit.start(u"prlimit"_s, {u"--pid"_s, QString::number(pid), u"--nofile=%1:%1"_s.arg(limit)});
        QVERIFY(prlimit.waitForFinished(5000));
        QCOMPARE(prlimit.exitCode(), 0);

        // More idle connections than descriptors: HTTP keeps its hands off the last 64, the rest get 503 at once.
        std::vector<std::unique_ptr<test::RawClient>> flood;
        for (int i = 0; i < 150; ++i)
            flood.push_back(std::make_unique<test::RawClient>(serverPort));
        int refused = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                refused = 0;
                for (auto& client : flood)
                    refused += client->received().startsWith("HTTP/1.1 503") ? 1 : 0;
                return refused > 0 && test::procFdCount(pid) >= limit - 64 - 2;
            }(),
            10000);
        const int atLimit = test::procFdCount(pid);
        const int connectionsHeld = test::procTcpConnectionCount(pid, serverPort);
        QVERIFY(connectionsHeld > 0);
        // The control socket still answers meanwhile, and stays where it is.
        QVERIFY(statusAnswers(home));
        QVERIFY(QFileInfo::exists(serve->socketPath()));
        qInfo() << "fd limit" << limit << "(open before:" << open << "): 150 idle connections →" << atLimit
                << "fds open," << connectionsHeld << "connections held," << refused
                << "refused with 503; `utter status` answered throughout";
        flood.clear();
        QTRY_VERIFY2_WITH_TIMEOUT(test::procTcpConnectionCount(pid, serverPort) == 0,
                                  qPrintable(test::procFdSummary(pid)), 15000);
        QVERIFY(statusAnswers(home));
        QCOMPARE(serve->process()->state(), QProcess::Running);
        QCOMPARE(serve->stderrText().count("running out of file descriptors"), 1);
        test::RawClient health(serverPort);
        QVERIFY(health.waitConnected());
        health.send("GET /health HTTP/1.1\r\n\r\n");
        const std::optional<test::RawResponse> reply = health.response();
        QVERIFY(reply && reply->status == 200);

        // Should the socket file vanish anyway (Qt's QLocalServer unlinks it when an accept fails), it comes back.
        QVERIFY(QFile::remove(serve->socketPath()));
        QTRY_VERIFY_WITH_TIMEOUT(statusAnswers(home), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(serve->stderrText().contains("control socket re-created"), 5000);
        serve->signal(15);
        QVERIFY(serve->waitForExit(10000));
        if (serve->process()->exitStatus() != QProcess::NormalExit || serve->process()->exitCode() != 0)
            qWarning().noquote() << "serve's stderr ends:\n" << serve->stderrText().right(4000);
        QCOMPARE(serve->process()->exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve->process()->exitCode(), 0);
    }

    void sigtermDrainsInFlightTranscriptions()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        m_provider.setFixtures(*clips);
        test::TestHome home;
        std::unique_ptr<test::ServeProcess> serve;
        const quint16 serverPort = startServe(home, serve);
        QVERIFY(serverPort);
        m_provider.clearRequests();
        test::Fault slow;
        slow.path = u"/audio/transcriptions"_s;
        slow.delayMs = 3000;
        slow.times = 100;
        m_provider.addFault(slow);

        // One upload over HTTP and one file over IPC, both waiting on the provider, then SIGTERM.
        const QList<int> order{2};
        const QByteArray wav = test::writeWav(clips->utterance(order), 16000);
        const QByteArray boundary = "drainboundary";
        const QByteArray body = multipartBody(boundary, wav, "speech.wav");
        test::RawClient upload(serverPort);
        QVERIFY(upload.waitConnected());
        upload.send(uploadHead(body.size(), boundary) + body);
        QTemporaryDir files;
        const QString path = files.filePath(u"memo.wav"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(wav);
        }
        QLocalSocket ipc;
        ipc.connectToServer(serve->socketPath());
        QVERIFY(ipc.waitForConnected(2000));
        ipc.write(QJsonDocument(QJsonObject{{u"jsonrpc"_s, u"2.0"_s},
                                            {u"id"_s, 1},
                                            {u"method"_s, u"transcribe.file"_s},
                                            {u"params"_s, QJsonObject{{u"path"_s, path}}}})
                      .toJson(QJsonDocument::Compact) +
                  '\n');
        QTRY_VERIFY_WITH_TIMEOUT(m_provider.requests(u"/audio/transcriptions"_s).size() >= 2, 10000);
        QElapsedTimer timer;
        timer.start();
        serve->signal(15);

        // A new request meanwhile is told to come back.
        QTest::qWait(200);
        test::RawClient late(serverPort);
        QVERIFY(late.waitConnected());
        late.send("GET /v1/models HTTP/1.1\r\n" + authHeader() + "\r\n");
        std::optional<test::RawResponse> reply = late.response();
        QVERIFY2(reply, late.received().constData());
        QCOMPARE(reply->status, 503);
        QVERIFY(reply->header("retry-after").toInt() > 0);

        // The in-flight ones get their full answers.
        reply = upload.response(15000);
        QVERIFY2(reply, upload.received().constData());
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->json().value(u"text"_s).toString(), clips->referenceText(order));
        QByteArray ipcReply;
        QTRY_VERIFY_WITH_TIMEOUT((ipcReply += ipc.readAll()).contains("\"id\":1"), 15000);
        const QJsonObject ipcAnswer = QJsonDocument::fromJson(ipcReply.left(ipcReply.indexOf('\n'))).object();
        QVERIFY2(ipcAnswer.contains(u"result"_s), ipcReply.constData());
        QCOMPARE(ipcAnswer.value(u"result"_s).toObject().value(u"text"_s).toString(), clips->referenceText(order));
        QTRY_VERIFY_WITH_TIMEOUT(serve->process()->state() == QProcess::NotRunning, 10000);
        qInfo()
            << "SIGTERM with an HTTP upload and an IPC file in flight (provider delay 3 s): both answered; exit after"
            << timer.elapsed() << "ms";
        if (serve->process()->exitStatus() != QProcess::NormalExit || serve->process()->exitCode() != 0)
            qWarning().noquote() << "serve's stderr ends:\n" << serve->stderrText().right(4000);
        QCOMPARE(serve->process()->exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve->process()->exitCode(), 0);
        m_provider.clearFaults();
    }

    void cleanupTestCase()
    {
        if (!m_serve)
            return;
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
