#include "desktopintegration.h"

#include "dictationservice.h"
#include "logging/logging.h"
#include "platform/platformfactory.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

DesktopIntegration::DesktopIntegration(DictationService& service, const Settings& settings, QObject* parent)
    : QObject(parent)
{
    const DesktopSession session = PlatformFactory::currentSession();

    QStringList unknown;
    m_output = PlatformFactory::createOutputChain(OutputConfig::fromSettings(settings), session, &unknown);
    for (const QString& name : std::as_const(unknown))
        problem(u"The output method \"%1\" is not known to this build; it is skipped."_s.arg(name));
    if (m_output) {
        for (const OutputChain::MethodStatus& method : m_output->probeAll()) {
            if (!method.status.ok())
                qCInfo(lcInject).noquote() << method.name << "unavailable:" << method.status.error().message;
        }
        service.setOutputChain(m_output.get());
    }

    QString whyNot;
    m_hotkeys = PlatformFactory::createHotkeys(session, &whyNot);
    if (!m_hotkeys) {
        problem(whyNot);
        return;
    }
    const HotkeyConfig keys = HotkeyConfig::fromSettings(settings);
    if (!keys.dictate.ok()) {
        problem(u"The dictation key \"%1\" is not valid: %2"_s.arg(keys.dictateText, keys.dictate.error().message));
    } else if (const Status grabbed = m_hotkeys->registerHotkey(u"dictate"_s, keys.dictate.value()); !grabbed.ok()) {
        problem(grabbed.error().message);
    } else {
        qCInfo(lcHotkey).noquote() << "dictation key" << keys.dictate.value().toString() << "on"
                                   << m_hotkeys->backendName();
    }
    if (keys.cancel) {
        if (!keys.cancel->ok())
            problem(u"The cancel key \"%1\" is not valid: %2"_s.arg(keys.cancelText, keys.cancel->error().message));
        else if (const Status grabbed = m_hotkeys->registerHotkey(u"cancel"_s, keys.cancel->value()); !grabbed.ok())
            problem(grabbed.error().message);
    }
    connect(m_hotkeys.get(), &GlobalHotkeys::registrationFailed, this,
            [this](const QString&, const Error& error) { problem(error.message); });
    service.bindHotkeys(m_hotkeys.get());
}

DesktopIntegration::~DesktopIntegration() = default;

void DesktopIntegration::problem(const QString& message)
{
    qCWarning(lcHotkey).noquote() << message;
    m_problems.append(message);
}

} // namespace utter
