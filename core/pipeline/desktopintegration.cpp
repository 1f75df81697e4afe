#include "desktopintegration.h"

#include "dictationservice.h"
#include "logging/logging.h"
#include "platform/platformfactory.h"
#include "settings/settings.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

DesktopIntegration::DesktopIntegration(DictationService& service, const Settings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{
    const DesktopSession session = PlatformFactory::currentSession();

    buildOutput(service);
    // The ranked output methods are followed live (issue 18): the next dictation uses the new chain, while what the
    // old one is typing finishes first.
    connect(&settings, &Settings::changed, this, [this, &service](SettingKey key) {
        if (key == SettingKey::OutputMethods)
            buildOutput(service);
    });

    QString whyNot;
    m_hotkeys = PlatformFactory::createHotkeys(session, &whyNot);
    if (!m_hotkeys) {
        problem(whyNot);
        const HotkeyConfig keys = HotkeyConfig::fromSettings(settings);
        setStatus(u"dictate"_s, keys.dictateText, whyNot);
        return;
    }
    registerKeys();
    connect(m_hotkeys.get(), &GlobalHotkeys::registrationFailed, this, [this](const QString& id, const Error& error) {
        problem(error.message);
        setStatus(id, m_status.value(id).key, error.message);
    });
    // A key changed in the settings is grabbed again at once, so the settings window can say whether it works.
    connect(&settings, &Settings::changed, this, [this](SettingKey key) {
        if (key == SettingKey::HotkeyDictate || key == SettingKey::HotkeyCancel)
            registerKeys();
    });
    service.bindHotkeys(m_hotkeys.get());
}

DesktopIntegration::~DesktopIntegration() = default;

void DesktopIntegration::buildOutput(DictationService& service)
{
    const DesktopSession session = PlatformFactory::currentSession();
    const OutputConfig config = OutputConfig::fromSettings(m_settings);
    QStringList unknown;
    std::unique_ptr<OutputChain> chain = PlatformFactory::createOutputChain(config, session, &unknown);
    for (const QString& name : std::as_const(unknown))
        problem(u"The output method \"%1\" is not known to this build; it is skipped."_s.arg(name));
    // Without waiting (a portal or wtype may take seconds to answer): the chain logs each method that is
    // unavailable as it answers, and an insertion meanwhile re-probes what fails.
    if (chain)
        chain->probeAllAsync(this, [](const QList<OutputChain::MethodStatus>&) {});
    if (m_output)
        qCInfo(lcInject).noquote() << "output methods now" << (chain ? chain->methodNames().join(u", "_s) : u"none"_s)
                                   << "(output/methods =" << config.methods.join(u", "_s) + u')';
    service.setOutputChain(chain.get());
    if (OutputChain* old = m_output.release()) {
        // Kept until it has typed what it was given and answered its focus questions.
        if (old->busy() == 0) {
            old->deleteLater();
        } else {
            old->setParent(this);
            connect(old, &OutputChain::idle, old, &QObject::deleteLater);
        }
    }
    m_output = std::move(chain);
}

void DesktopIntegration::registerKeys()
{
    m_hotkeys->unregisterHotkey(u"dictate"_s);
    m_hotkeys->unregisterHotkey(u"cancel"_s);
    const HotkeyConfig keys = HotkeyConfig::fromSettings(m_settings);
    if (!keys.dictate.ok()) {
        const QString message =
            u"The dictation key \"%1\" is not valid: %2"_s.arg(keys.dictateText, keys.dictate.error().message);
        problem(message);
        setStatus(u"dictate"_s, keys.dictateText, message);
    } else if (const Status grabbed = m_hotkeys->registerHotkey(u"dictate"_s, keys.dictate.value()); !grabbed.ok()) {
        problem(grabbed.error().message);
        setStatus(u"dictate"_s, keys.dictateText, grabbed.error().message);
    } else {
        qCInfo(lcHotkey).noquote() << "dictation key" << keys.dictate.value().toString() << "on"
                                   << m_hotkeys->backendName();
        setStatus(u"dictate"_s, keys.dictateText, {});
    }
    if (!keys.cancel) {
        setStatus(u"cancel"_s, {}, {});
    } else if (!keys.cancel->ok()) {
        const QString message =
            u"The cancel key \"%1\" is not valid: %2"_s.arg(keys.cancelText, keys.cancel->error().message);
        problem(message);
        setStatus(u"cancel"_s, keys.cancelText, message);
    } else if (const Status grabbed = m_hotkeys->registerHotkey(u"cancel"_s, keys.cancel->value()); !grabbed.ok()) {
        problem(grabbed.error().message);
        setStatus(u"cancel"_s, keys.cancelText, grabbed.error().message);
    } else {
        setStatus(u"cancel"_s, keys.cancelText, {});
    }
}

void DesktopIntegration::setStatus(const QString& id, const QString& key, const QString& error)
{
    const HotkeyStatus old = m_status.value(id);
    if (m_status.contains(id) && old.key == key && old.error == error)
        return;
    m_status.insert(id, HotkeyStatus{key, error});
    emit hotkeyStatusChanged(id);
}

void DesktopIntegration::problem(const QString& message)
{
    qCWarning(lcHotkey).noquote() << message;
    if (!m_problems.contains(message)) // a chain or a key built again says the same thing again
        m_problems.append(message);
}

} // namespace utter
