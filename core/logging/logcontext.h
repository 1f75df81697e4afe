#pragma once

#include <QString>

namespace utter
{

// The session (dictation, IPC client, request) a thread is working for, so that every log line written while
// the scope is alive carries it: `LogScope scope(sessionId); qCInfo(lcTranscribe) << ...;`
class LogScope final
{
public:
    explicit LogScope(const QString& session);
    ~LogScope();
    LogScope(const LogScope&) = delete;
    LogScope& operator=(const LogScope&) = delete;

    static QString currentSession();

private:
    QString m_previous;
};

} // namespace utter
