#pragma once

#include "common/result.h"
#include "providers/style.h"
#include "settings/settingkey.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace utter
{

class Clock;
class FolderWatcher;
class HttpClient;
class SecretStore;
class Settings;
class Transcriber;
class Transformer;

// The provider clients the dictation service's work runs on: a Transcriber and a Transformer, built from the
// settings, the keychain and the style files. refresh() rebuilds them after one of those changed (or after
// markStale(): the provider refused the key, which the user may fix next) — never on the key press itself, and
// never while work still runs on them. A request keeps references into its client (its endpoint chain), so
// replacing a client mid-request would pull the chain from under the response: every piece of asynchronous work
// holds a Lease, and a rebuild waits until no lease is out.
//
// Keys come from the SecretStore's cache and are never waited for: when a key is not known yet, refresh() starts
// reading it and builds nothing; once the store has resolved every key the clients need, keysChanged() asks the
// owner to refresh again. Until the first build there are no clients: uploads wait in the journal, and work
// handed to whenBuilt() waits too. A key the provider refused (markStale) is read again from the keychain.
class ProviderClients final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderClients)

public:
    // Held, in copies, while work runs on the current clients; the last copy gone ends the lease.
    using Lease = std::shared_ptr<const void>;

    ProviderClients(Settings& settings, SecretStore& secrets, QString stylesDir, HttpClient& http, Clock& clock,
                    QObject* parent = nullptr);
    ~ProviderClients() override;

    Lease lease();
    int leases() const { return m_leases; }
    // The provider refused a key (or the account has no credit): the keys are read again and the clients rebuilt.
    void markStale();
    bool stale() const { return m_stale; }
    // Rebuilds stale clients unless a lease is out or the caller is busy with them (uploads in flight); returns
    // whether it rebuilt. Until the first call there are no clients.
    bool refresh(bool busy = false);

    bool built() const { return m_transcriber != nullptr; }
    // Whether a build waits for the keychain to answer.
    bool waitingForKeys() const { return m_waitingForKeys; }
    // Runs work now when the clients are built, else right after the first build (not if context is gone).
    void whenBuilt(QObject* context, std::function<void()> work);
    // The key names the clients need (transcription primary and fallback, styles), empty names left out.
    QStringList keyNames() const;
    Transcriber& transcriber() const { return *m_transcriber; }
    Transformer& transformer() const { return *m_transformer; }
    QString stylesDir() const { return m_stylesDir; }
    // The style of that name as the style files say now, or an "Unknown style" error.
    Result<Style> style(const QString& name) const;

    // Whether a change of this setting makes the clients stale.
    static bool isProviderSetting(SettingKey key);

signals:
    void rebuilt();
    // A key the clients need was resolved or changed in the store: refresh() may build now.
    void keysChanged();

private:
    Settings& m_settings;
    SecretStore& m_secrets;
    QString m_stylesDir;
    HttpClient& m_http;
    Clock& m_clock;
    std::unique_ptr<FolderWatcher> m_stylesWatcher;
    std::unique_ptr<Transcriber> m_transcriber;
    std::unique_ptr<Transformer> m_transformer;
    bool m_stale = true;
    bool m_waitingForKeys = false;
    bool m_refreshing = false;
    int m_leases = 0;
    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> m_afterBuild;
};

} // namespace utter
