#include "logcontext.h"

namespace utter
{

namespace
{
thread_local QString t_session;
}

LogScope::LogScope(const QString& session)
    : m_previous(t_session)
{
    t_session = session;
}

LogScope::~LogScope()
{
    t_session = m_previous;
}

QString LogScope::currentSession()
{
    return t_session;
}

} // namespace utter
