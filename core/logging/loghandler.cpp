#include "loghandler.h"

#include "logcontext.h"
#include "redactor.h"
#include "rotatingfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>

#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

struct HandlerState
{
    QMutex mutex;
    LogConfig config;
    std::unique_ptr<RotatingFile> file;
    std::deque<QString> ring;
    QtMessageHandler previous = nullptr;
    bool installed = false;
};

HandlerState& state()
{
    static HandlerState s;
    return s;
}

int severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

void handleMessage(QtMsgType originalType, const QMessageLogContext& context, const QString& rawMessage)
{
    HandlerState& s = state();
    const char* category = context.category ? context.category : "default";
    const QtMsgType type = LogHandler::effectiveType(originalType, category);
    QString message = redact(rawMessage);
    if (type != originalType) // Qt's own warning, kept in the log with the level Qt gave it
        message = u"(Qt %1) "_s.arg(LogHandler::levelName(originalType)) + message;
    const QString session = LogScope::currentSession();

    QString human = QDateTime::currentDateTime().toString(u"HH:mm:ss.zzz"_s) + u' ' + LogHandler::levelName(type) +
                    u' ' + QString::fromLatin1(category);
    if (!session.isEmpty())
        human += u" [" + session + u']';
    human += u": " + message;

    QMutexLocker lock(&s.mutex);
    if (s.config.toStderr && severity(type) >= severity(s.config.stderrMinimum)) {
        const QByteArray bytes = human.toUtf8() + '\n';
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fflush(stderr);
    }
    if (s.file)
        s.file->append(LogHandler::formatJsonLine(type, category, session, message));
    if (s.config.ringLines > 0) {
        s.ring.push_back(human);
        while (s.ring.size() > size_t(s.config.ringLines))
            s.ring.pop_front();
    }
    if (type == QtFatalMsg) {
        lock.unlock();
        std::abort();
    }
}

} // namespace

QtMsgType LogHandler::effectiveType(QtMsgType type, const char* category)
{
    // Utter's own categories are "utter.*"; everything else ("default", "qt.network.*", ...) comes from Qt or a
    // library and is Utter's business to report in its own words, not the user's to read on the terminal.
    if (type == QtFatalMsg || (category && std::strncmp(category, "utter", 5) == 0))
        return type;
    return QtDebugMsg;
}

QString LogHandler::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return u"debug"_s;
    case QtInfoMsg:
        return u"info"_s;
    case QtWarningMsg:
        return u"warning"_s;
    case QtCriticalMsg:
        return u"critical"_s;
    case QtFatalMsg:
        return u"fatal"_s;
    }
    return u"info"_s;
}

QByteArray LogHandler::formatJsonLine(QtMsgType type, const char* category, const QString& session,
                                      const QString& message)
{
    QJsonObject line{
        {u"ts"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"level"_s, levelName(type)},
        {u"category"_s, QString::fromLatin1(category)},
        {u"pid"_s, QCoreApplication::applicationPid()},
        {u"msg"_s, message},
    };
    if (!session.isEmpty())
        line.insert(u"session"_s, session);
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
}

void LogHandler::install(const LogConfig& config)
{
    HandlerState& s = state();
    {
        QMutexLocker lock(&s.mutex);
        s.config = config;
        s.file = config.filePath.isEmpty()
                     ? nullptr
                     : std::make_unique<RotatingFile>(config.filePath, config.maxFileBytes, config.keepFiles);
    }
    if (!s.installed) {
        s.previous = qInstallMessageHandler(handleMessage);
        s.installed = true;
    }
}

void LogHandler::uninstall()
{
    HandlerState& s = state();
    if (!s.installed)
        return;
    qInstallMessageHandler(s.previous);
    s.installed = false;
    QMutexLocker lock(&s.mutex);
    s.file.reset();
}

QStringList LogHandler::recentLines()
{
    HandlerState& s = state();
    QMutexLocker lock(&s.mutex);
    return QStringList(s.ring.begin(), s.ring.end());
}

} // namespace utter
