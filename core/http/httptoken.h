#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

namespace utter
{

class SecretStore;

// The HTTP API's bearer token, found without waiting (docs/daemon.md "Token"): the secret `http-token` from the
// environment, the keychain or the 0600 secrets file; generated (32 random bytes, base64url) and stored when
// there is none. Until the store has answered, the front door answers 503 with Retry-After, and the control
// socket is served meanwhile.
//   - The keychain cannot store it (a locked collection, no keychain): it goes to the secrets file, said once.
//   - The keychain cannot be read (locked, or it does not answer): the token waits — one warning line says so
//     and how to get going (unlock it, or set UTTER_HTTP_TOKEN_API_KEY) — and the keychain is asked again every
//     SecretStore::kRetryFailedMs. A new token is not made up then: it would hide the stored one that clients
//     already use.
// The token follows changes (`utter secret set http-token` from another process reaches it through the
// keychain's change signals).
class HttpToken final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpToken)

public:
    enum class State
    {
        Reading, // the store has not answered yet
        Ready,
        Waiting, // the keychain cannot be read; asked again later
    };

    explicit HttpToken(SecretStore& secrets, QObject* parent = nullptr);
    ~HttpToken() override;

    // 32 random bytes, base64url.
    static QString generate();

    void start();
    State state() const { return m_state; }
    QString token() const { return m_token; }
    // For `utter status --json` and `utter doctor`: {"state": "ready|reading|waiting", "source", "detail"}.
    QJsonObject describe() const;

signals:
    void ready(const QString& token);

private:
    void check();
    void setReady(const QString& token, const QString& source);

    SecretStore& m_secrets;
    State m_state = State::Reading;
    QString m_token;
    QString m_source;
    QString m_detail;
    bool m_generating = false;
    bool m_warned = false;
    QTimer m_retry;
};

} // namespace utter
