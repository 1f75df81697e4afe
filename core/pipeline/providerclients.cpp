#include "providerclients.h"

#include "common/folderwatcher.h"
#include "providers/providerconfig.h"
#include "providers/transcriber.h"
#include "providers/transformer.h"
#include "settings/settings.h"

#include <QDir>
#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

ProviderClients::ProviderClients(Settings& settings, SecretStore& secrets, QString stylesDir, HttpClient& http,
                                 Clock& clock, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_stylesDir(std::move(stylesDir))
    , m_http(http)
    , m_clock(clock)
{
    connect(&m_settings, &Settings::changed, this, [this](SettingKey key) {
        if (isProviderSetting(key))
            m_stale = true;
    });
    // Styles are Markdown files the user edits in place, adds and removes.
    QDir().mkpath(m_stylesDir);
    m_stylesWatcher = std::make_unique<FolderWatcher>(m_stylesDir, QStringList{u"*.md"_s});
    connect(m_stylesWatcher.get(), &FolderWatcher::changed, this, [this] { m_stale = true; });
}

ProviderClients::~ProviderClients() = default;

ProviderClients::Lease ProviderClients::lease()
{
    ++m_leases;
    return Lease(nullptr, [owner = QPointer<ProviderClients>(this)](const void*) {
        if (owner)
            --owner->m_leases;
    });
}

bool ProviderClients::refresh(bool busy)
{
    if (!m_stale || (built() && (busy || m_leases > 0)))
        return false;
    m_stale = false;
    m_transcriber =
        std::make_unique<Transcriber>(TranscriberConfig::fromSettings(m_settings, m_secrets), m_http, m_clock);
    m_transformer = std::make_unique<Transformer>(TransformerConfig::fromSettings(m_settings, m_secrets, m_stylesDir),
                                                  m_http, m_clock);
    emit rebuilt();
    return true;
}

Result<Style> ProviderClients::style(const QString& name) const
{
    std::optional<Style> style = StyleLibrary::load(m_stylesDir).find(name);
    if (!style)
        return Error(ErrorCode::InvalidArgument, u"Unknown style \"%1\"."_s.arg(name));
    return std::move(*style);
}

bool ProviderClients::isProviderSetting(SettingKey key)
{
    switch (key) {
    case SettingKey::TranscribeUrl:
    case SettingKey::TranscribeModel:
    case SettingKey::TranscribeKeyName:
    case SettingKey::TranscribeFallbackUrl:
    case SettingKey::TranscribeFallbackModel:
    case SettingKey::TranscribeFallbackKeyName:
    case SettingKey::TranscribeVocabulary:
    case SettingKey::TranscribeAttempts:
    case SettingKey::TranscribeTimeoutS:
    case SettingKey::TranscribeStallS:
    case SettingKey::GeneralLanguage:
    case SettingKey::AudioOpusBitrate:
    case SettingKey::TransformUrl:
    case SettingKey::TransformModel:
    case SettingKey::TransformKeyName:
    case SettingKey::TransformTimeoutS:
        return true;
    default:
        return false;
    }
}

} // namespace utter
