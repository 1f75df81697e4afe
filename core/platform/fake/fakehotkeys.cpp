#include "fakehotkeys.h"

namespace utter
{

FakeHotkeys::FakeHotkeys(QObject* parent)
    : GlobalHotkeys(parent)
{}

Status FakeHotkeys::registerHotkey(const QString& id, const KeySpec& spec)
{
    if (m_failure && m_failure->first == spec) {
        Error error = m_failure->second;
        m_failure.reset();
        return error;
    }
    m_registered.insert(id, spec);
    return {};
}

void FakeHotkeys::unregisterHotkey(const QString& id)
{
    m_registered.remove(id);
    m_down.removeAll(id);
}

void FakeHotkeys::failNextRegistration(const KeySpec& spec, Error error)
{
    m_failure = std::make_pair(spec, std::move(error));
}

void FakeHotkeys::press(const QString& id)
{
    if (!m_registered.contains(id) || m_down.contains(id))
        return;
    m_down << id;
    emit pressed(id);
}

void FakeHotkeys::release(const QString& id)
{
    if (!m_down.removeOne(id))
        return;
    emit released(id);
}

} // namespace utter
