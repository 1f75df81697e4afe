#pragma once

#include <QString>
#include <QStringList>

#include <QtGlobal>

namespace utter
{

struct LogConfig
{
    QString filePath;                      // JSON-lines log; empty = no file
    qint64 maxFileBytes = 5 * 1024 * 1024; // roll over at this size
    int keepFiles = 3;                     // utter.log.1 .. utter.log.N
    bool toStderr = true;                  // human-readable lines on stderr
    QtMsgType stderrMinimum = QtDebugMsg;  // quieter stderr for short-lived CLI commands
    int ringLines = 500;                   // kept in memory for "copy diagnostics"
};

// The process's Qt message handler. It writes every message, with secrets redacted, as a human line to stderr
// and as a JSON object (ts, level, category, session, pid, msg) to a rotating file, and keeps the last lines
// in memory. install() is called once by the composition root; uninstall() restores Qt's handler.
class LogHandler final
{
public:
    static void install(const LogConfig& config);
    static void uninstall();

    // The most recent lines (already redacted), oldest first.
    static QStringList recentLines();

    // Formatting helpers, exposed for tests.
    static QByteArray formatJsonLine(QtMsgType type, const char* category, const QString& session,
                                     const QString& message);
    static QString levelName(QtMsgType type);
    // Messages of categories that are not Utter's own (Qt's internals: "default", "qt.*") are logged at debug
    // level, so they reach the log file (and stderr with --verbose) but never a user's terminal as warnings.
    static QtMsgType effectiveType(QtMsgType type, const char* category);
};

} // namespace utter
