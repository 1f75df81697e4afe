#include "common/folderwatcher.h"
#include "pipeline/providerclients.h"
#include "providers/clock.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "providers/transcriber.h"
#include "providers/transformer.h"
#include "secrets/filesecretbackend.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"

#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// ProviderClients with real settings, a file secret store and style files on disk: clients are rebuilt after a
// provider setting, a style file or a refused key changed them, and never while a lease (work in progress on
// them) is out — the old client must stay alive until its requests are done.
class TestProviderClients final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    SystemClock m_clock;
    HttpClient m_http;

    QString stylesDir() const { return m_dir.filePath(u"styles"_s); }

    static void writeStyle(const QString& path, const QByteArray& text)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate)); // in place, as an editor may save
        QCOMPARE(file.write(text), text.size());
    }

private slots:
    void init()
    {
        m_settings = std::make_unique<Settings>(m_dir.filePath(u"utter.ini"_s));
        m_secrets =
            std::make_unique<SecretStore>(nullptr, std::make_unique<FileSecretBackend>(m_dir.filePath(u"secrets"_s)));
    }

    void buildsOnFirstRefreshOnly()
    {
        ProviderClients clients(*m_settings, *m_secrets, stylesDir(), m_http, m_clock);
        QSignalSpy rebuilt(&clients, &ProviderClients::rebuilt);
        QVERIFY(!clients.built());
        QVERIFY(clients.refresh());
        QVERIFY(clients.built());
        QCOMPARE(rebuilt.count(), 1);
        QVERIFY(!clients.refresh()); // nothing changed
        QCOMPARE(rebuilt.count(), 1);
    }

    void aProviderSettingMakesThemStale()
    {
        ProviderClients clients(*m_settings, *m_secrets, stylesDir(), m_http, m_clock);
        QVERIFY(clients.refresh());
        QVERIFY(m_settings->setValue(SettingKey::AudioPreRollMs, 300).ok());
        QVERIFY(!clients.stale()); // not a provider setting
        QVERIFY(m_settings->setValue(SettingKey::TranscribeModel, u"whisper-large-v3"_s).ok());
        QVERIFY(clients.stale());
        QVERIFY(clients.refresh());
        QCOMPARE(clients.transcriber().config().endpoints.first().model, u"whisper-large-v3"_s);
    }

    void aLeaseKeepsTheClientsUntilTheWorkIsDone()
    {
        ProviderClients clients(*m_settings, *m_secrets, stylesDir(), m_http, m_clock);
        QVERIFY(clients.refresh());
        QPointer<Transformer> before = &clients.transformer();
        ProviderClients::Lease lease = clients.lease();
        ProviderClients::Lease copy = lease; // a callback holding it, copied into a queue
        QCOMPARE(clients.leases(), 1);

        clients.markStale(); // e.g. the key was refused
        QVERIFY(!clients.refresh());
        QVERIFY(before); // still alive: a request may be running on it
        QCOMPARE(&clients.transformer(), before.data());

        lease.reset();
        QVERIFY(!clients.refresh());
        copy.reset();
        QCOMPARE(clients.leases(), 0);
        QVERIFY(clients.refresh());
        QVERIFY(!before); // replaced once nobody used it any more
        QVERIFY(!clients.stale());
    }

    void busyCallersDeferTheRebuild()
    {
        ProviderClients clients(*m_settings, *m_secrets, stylesDir(), m_http, m_clock);
        QVERIFY(clients.refresh());
        clients.markStale();
        QVERIFY(!clients.refresh(true)); // uploads in flight
        QVERIFY(clients.stale());
        QVERIFY(clients.refresh(false));
    }

    void aStyleFileEditedInPlaceMakesThemStale()
    {
        QDir().mkpath(stylesDir());
        const QString file = stylesDir() + u"/terse.md"_s;
        writeStyle(file, "---\ndescription: Terse\n---\nAnswer in few words.\n");
        ProviderClients clients(*m_settings, *m_secrets, stylesDir(), m_http, m_clock);
        QVERIFY(clients.refresh());
        QCOMPARE(clients.style(u"terse"_s).value().systemPrompt.trimmed(), u"Answer in few words."_s);

        writeStyle(file, "---\ndescription: Terse\n---\nAnswer in one word.\n");
        QTRY_VERIFY_WITH_TIMEOUT(clients.stale(), FolderWatcher::settleMs * 20);
        // The style itself is read from disk on every lookup, rebuilt clients or not.
        QCOMPARE(clients.style(u"terse"_s).value().systemPrompt.trimmed(), u"Answer in one word."_s);
        QCOMPARE(clients.style(u"no-such-style"_s).error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestProviderClients)
#include "testproviderclients.moc"
