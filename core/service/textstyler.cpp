#include "textstyler.h"

#include "ipc/jsonrpc.h"
#include "pipeline/providerclients.h"
#include "providers/style.h"
#include "providers/transformer.h"
#include "settings/settings.h"

#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

TextStyler::TextStyler(Settings& settings, SecretStore& secrets, QString stylesDir, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_stylesDir(std::move(stylesDir))
{}

TextStyler::~TextStyler() = default;

IpcServer::Handler TextStyler::handler()
{
    return [self = QPointer<TextStyler>(this)](const QJsonObject& params, const IpcResponder& responder) {
        if (self)
            self->handle(params, responder);
        else
            responder.fail(Error(ErrorCode::Cancelled, u"The service is shutting down."_s));
    };
}

void TextStyler::handle(const QJsonObject& params, const IpcResponder& responder)
{
    const QString text = params.value(u"text"_s).toString();
    if (text.trimmed().isEmpty()) {
        responder.fail(jsonrpc::InvalidParams, u"Pass {\"text\": \"...\", \"style\": \"name\"}."_s);
        return;
    }
    const QString name = params.value(u"style"_s).toString(m_settings.stringValue(SettingKey::GeneralStyle));
    const StyleLibrary styles = StyleLibrary::load(m_stylesDir);
    const std::optional<Style> style = styles.find(name);
    if (!style) {
        responder.fail(jsonrpc::InvalidParams,
                       u"Unknown style \"%1\"; known styles: %2."_s.arg(name, styles.names().join(u", "_s)));
        return;
    }
    if (!m_providers) {
        m_providers = std::make_unique<ProviderClients>(m_settings, m_secrets, m_stylesDir, m_http, m_clock);
        // The keys come from the keychain in the background: the clients are built once they are in.
        connect(m_providers.get(), &ProviderClients::keysChanged, this, [this] { m_providers->refresh(); });
    }
    m_providers->refresh();
    m_providers->whenBuilt(this, [this, text, style = *style, responder] {
        m_providers->transformer().transform(
            text, style, this,
            [responder](const QString& delta) {
                responder.notify(u"transform.delta"_s, {{u"delta"_s, delta}});
            },
            [responder, lease = m_providers->lease()](const TransformResult& result) {
                QJsonObject reply{{u"text"_s, result.text},
                                  {u"raw"_s, result.rawText},
                                  {u"style"_s, result.style},
                                  {u"transformed"_s, result.transformed}};
                if (!result.notice.isEmpty())
                    reply.insert(u"notice"_s, result.notice);
                if (result.error)
                    reply.insert(u"error"_s, errorCodeName(result.error->code));
                responder.reply(reply);
            });
    });
}

} // namespace utter
