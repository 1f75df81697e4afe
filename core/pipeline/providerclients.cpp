#include "providerclients.h"

#include "common/folderwatcher.h"
#include "logging/logging.h"
#include "providers/providerconfig.h"
#include "providers/transcriber.h"
#include "providers/transformer.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"

#include <QDir>
#include <QPointer>
#include <QScopedValueRollback>

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
    connect(&m_secrets, &SecretStore::resolved, this, [this](const QString& name) {
        if (!keyNames().contains(name))
            return;
        m_stale = true;
        emit keysChanged();
    });
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

QStringList ProviderClients::keyNames() const
{
    QStringList names{m_settings.stringValue(SettingKey::TranscribeKeyName)};
    if (!m_settings.stringValue(SettingKey::TranscribeFallbackUrl).isEmpty())
        names << m_settings.stringValue(SettingKey::TranscribeFallbackKeyName);
    names << m_settings.stringValue(SettingKey::TransformKeyName);
    names.removeAll(QString());
    names.removeDuplicates();
    return names;
}

void ProviderClients::markStale()
{
    m_stale = true;
    for (const QString& name : keyNames())
        m_secrets.invalidate(name);
}

void ProviderClients::whenBuilt(QObject* context, std::function<void()> work)
{
    if (built()) {
        work();
        return;
    }
    m_afterBuild.emplace_back(context, std::move(work));
}

bool ProviderClients::refresh(bool busy)
{
    if (m_refreshing || !m_stale || (built() && (busy || m_leases > 0)))
        return false;
    const QScopedValueRollback<bool> refreshing(m_refreshing, true);
    // Never wait for the keychain: a key not known yet is being read, and keysChanged() brings us back.
    QHash<QString, QString> keys;
    bool known = true;
    for (const QString& name : keyNames()) {
        if (const std::optional<SecretLookup> key = m_secrets.cached(name))
            keys.insert(name, key->value);
        else
            known = false;
    }
    m_waitingForKeys = !known;
    if (!known) {
        qCInfo(lcPipeline) << "the provider clients wait for the keychain to answer";
        return false;
    }
    m_stale = false;
    const KeyValue key = [&keys](const QString& name) { return keys.value(name); };
    m_transcriber = std::make_unique<Transcriber>(TranscriberConfig::fromSettings(m_settings, key), m_http, m_clock);
    m_transformer =
        std::make_unique<Transformer>(TransformerConfig::fromSettings(m_settings, key, m_stylesDir), m_http, m_clock);
    emit rebuilt();
    for (auto& [context, work] : std::exchange(m_afterBuild, {})) {
        if (context)
            work();
    }
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
    case SettingKey::TranscribeMinBilledS:
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
