#pragma once

#include "common/result.h"
#include "providers/style.h"
#include "settings/settingkey.h"

#include <QObject>

#include <memory>

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
    void markStale() { m_stale = true; }
    bool stale() const { return m_stale; }
    // Rebuilds stale clients unless a lease is out or the caller is busy with them (uploads in flight); returns
    // whether it rebuilt. Until the first call there are no clients.
    bool refresh(bool busy = false);

    bool built() const { return m_transcriber != nullptr; }
    Transcriber& transcriber() const { return *m_transcriber; }
    Transformer& transformer() const { return *m_transformer; }
    QString stylesDir() const { return m_stylesDir; }
    // The style of that name as the style files say now, or an "Unknown style" error.
    Result<Style> style(const QString& name) const;

    // Whether a change of this setting makes the clients stale.
    static bool isProviderSetting(SettingKey key);

signals:
    void rebuilt();

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
    int m_leases = 0;
};

} // namespace utter
