// `utter --headless serve --listen` with a keychain that is locked or does not answer (issue 15 item 5): the
// service never exits over it (a supervisor would restart it in a loop). A locked collection that refuses to store
// the generated HTTP API token sends it to the 0600 secrets file; a keychain that cannot be read keeps only the HTTP
// API waiting (503 token_not_ready, Retry-After) while the control socket works; `utter status` and `utter doctor`
// say which. The keychain is tests/support/fakesecretservice.py on a private bus.
#include "fakekeychain.h"
#include "ipc/ipcclient.h"
#include "secrets/filesecretbackend.h"
#include "servefixture.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

class TestServeKeychain final : public QObject
{
    Q_OBJECT

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QByteArray retryAfter;
    };

    Reply get(const QString& url, const QByteArray& token)
    {
        QNetworkRequest request{QUrl(url)};
        request.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply* reply = m_network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(20000);
        Reply result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                     reply->rawHeader("Retry-After")};
        reply->deleteLater();
        return result;
    }

    static QJsonObject statusOf(const test::ServeProcess& serve)
    {
        IpcClient client(serve.socketPath());
        if (!client.connectToServer(1000).ok())
            return {};
        const Result<QJsonValue> status = client.call(u"status.get"_s, {}, 5000);
        return status.ok() ? status.value().toObject() : QJsonObject();
    }

    static QProcessEnvironment environment(const test::TestHome& home, const test::FakeKeychain& keychain)
    {
        QProcessEnvironment env = keychain.environment(home.environment());
        env.remove(u"UTTER_HTTP_TOKEN_API_KEY"_s);
        env.remove(u"HTTP_TOKEN_API_KEY"_s);
        return env;
    }

    QNetworkAccessManager m_network;

private slots:
    void initTestCase()
    {
        QString why;
        if (!test::FakeKeychain::available(&why)) {
            if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
    }

    void lockedCollectionSendsTheTokenToTheFile()
    {
        // A locked collection and nobody to unlock it (a headless session): nothing is stored under http-token,
        // and storing one is refused ("The keychain refused access (the collection is locked)").
        test::FakeKeychain keychain;
        QVERIFY2(keychain.start(test::FakeKeychain::Mode::Locked, 600, {{u"other"_s, u"x"_s}}),
                 qPrintable(keychain.errors()));
        test::TestHome home;
        const QProcessEnvironment env = environment(home, keychain);
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start({u"--listen"_s, u"127.0.0.1:0"_s}), serve.stderrText().constData());
        QTRY_VERIFY2_WITH_TIMEOUT(serve.stderrText().contains("generated the HTTP API token; stored in file"),
                                  serve.stderrText().constData(), 30000);
        QVERIFY(serve.process()->state() == QProcess::Running);

        const std::optional<QString> token =
            FileSecretBackend(home.configDir() + u"/secrets.ini"_s).read(u"http-token"_s).value();
        QVERIFY(token && token->size() >= 40);
        const QJsonObject status = statusOf(serve);
        QCOMPARE(status.value(u"httpToken"_s).toObject().value(u"state"_s).toString(), u"ready"_s);
        QCOMPARE(status.value(u"httpToken"_s).toObject().value(u"source"_s).toString(), u"file"_s);
        const QString base = u"http://"_s + status.value(u"http"_s).toString();
        QCOMPARE(get(base + u"/v1/models"_s, token->toUtf8()).status, 200);
        QVERIFY(!serve.stderrText().contains(token->toUtf8()));

        // `utter doctor` says which way it went.
        const test::UtterRun doctor = test::runUtter({u"doctor"_s}, env, {}, 60000);
        QVERIFY2(doctor.outText().contains(u"HTTP API token"_s) && doctor.outText().contains(u"secrets file"_s),
                 qPrintable(doctor.outText() + doctor.errText()));
        QVERIFY(!doctor.out.contains(token->toUtf8()));
    }

    void unreadableKeychainKeepsOnlyTheHttpApiWaiting()
    {
        test::FakeKeychain keychain;
        QVERIFY2(keychain.start(test::FakeKeychain::Mode::Silent), qPrintable(keychain.errors()));
        test::TestHome home;
        const QProcessEnvironment env = environment(home, keychain);
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start({u"--listen"_s, u"127.0.0.1:0"_s}), serve.stderrText().constData());
        QJsonObject status = statusOf(serve);
        QCOMPARE(status.value(u"httpToken"_s).toObject().value(u"state"_s).toString(), u"reading"_s);
        const QString base = u"http://"_s + status.value(u"http"_s).toString();
        const Reply early = get(base + u"/v1/models"_s, "any-token");
        QCOMPARE(early.status, 503);
        QCOMPARE(early.retryAfter, QByteArray("5"));
        QVERIFY2(early.body.contains("token_not_ready"), early.body.constData());
        QCOMPARE(get(base + u"/health"_s, {}).status, 200); // liveness needs no token

        // D-Bus gives up after 25 s per call, and QtKeychain asks one thing at a time (the provider keys were asked
        // first): the service then says once why the HTTP API waits, and keeps running.
        QTRY_VERIFY2_WITH_TIMEOUT(serve.stderrText().contains("The HTTP API waits for its token"),
                                  serve.stderrText().constData(), 150000);
        QCOMPARE(serve.stderrText().count("The HTTP API waits for its token"), 1);
        QVERIFY(serve.process()->state() == QProcess::Running);
        status = statusOf(serve);
        QCOMPARE(status.value(u"httpToken"_s).toObject().value(u"state"_s).toString(), u"waiting"_s);
        QCOMPARE(get(base + u"/v1/models"_s, "any-token").status, 503);
        QVERIFY(!QFile::exists(home.configDir() + u"/secrets.ini"_s)); // no token made up to hide the stored one

        serve.signal(15);
        QVERIFY(serve.waitForExit(15000));
        QCOMPARE(serve.process()->exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServeKeychain)
#include "testservekeychain.moc"
