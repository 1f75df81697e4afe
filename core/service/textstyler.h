#pragma once

#include "ipc/ipcserver.h"
#include "providers/clock.h"
#include "providers/httpclient.h"

#include <QObject>

#include <memory>

namespace utter
{

class ProviderClients;
class SecretStore;
class Settings;

// transform.text (docs/daemon.md): styles a text the caller sends with the style provider, streaming the pieces
// as transform.delta notifications to that caller. Its provider clients are its own (a request never holds the
// dictation service's), built on the first call and rebuilt when the provider settings, keys or style files
// change — never under a running request. A provider failure answers with the raw text and a notice, as a
// dictation would.
class TextStyler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextStyler)

public:
    TextStyler(Settings& settings, SecretStore& secrets, QString stylesDir, QObject* parent = nullptr);
    ~TextStyler() override;

    // transform.text {text, style? (default general/style)} → {text, raw, style, transformed, notice?, error?}
    void handle(const QJsonObject& params, const IpcResponder& responder);
    IpcServer::Handler handler();

private:
    Settings& m_settings;
    SecretStore& m_secrets;
    QString m_stylesDir;
    SystemClock m_clock;
    HttpClient m_http;
    std::unique_ptr<ProviderClients> m_providers;
};

} // namespace utter
