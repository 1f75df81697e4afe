#include "waylandpaste.h"

#include "logging/logging.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QByteArray runSync(const QString& program, const QStringList& args, bool* ok = nullptr)
{
    QProcess p;
    p.start(program, args);
    const bool finished = p.waitForFinished(2000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (ok)
        *ok = finished;
    return finished ? p.readAllStandardOutput() : QByteArray();
}

} // namespace

WaylandPasteOutput::WaylandPasteOutput(QObject* parent)
    : QObject(parent)
{}

Status WaylandPasteOutput::probe()
{
    if (qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return Error(ErrorCode::Unsupported, u"Not a Wayland session (WAYLAND_DISPLAY is unset)."_s);
    m_copy = QStandardPaths::findExecutable(u"wl-copy"_s);
    m_paste = QStandardPaths::findExecutable(u"wl-paste"_s);
    m_wtype = QStandardPaths::findExecutable(u"wtype"_s);
    if (m_copy.isEmpty() || m_paste.isEmpty())
        return Error(ErrorCode::Unsupported,
                     u"wl-clipboard is not installed; install it (apt install wl-clipboard)."_s);
    if (m_wtype.isEmpty())
        return Error(ErrorCode::Unsupported, u"The paste chord needs wtype; install it (apt install wtype)."_s);
    return {};
}

void WaylandPasteOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                                InsertCallback done)
{
    if (m_copy.isEmpty()) {
        if (Status s = probe(); !s.ok()) {
            done(InsertResult::failed(name(), s.error()));
            return;
        }
    }
    // Snapshot the richest format the user's clipboard offers.
    QString savedType;
    QByteArray saved;
    if (options.restoreClipboard) {
        const QStringList types =
            QString::fromUtf8(runSync(m_paste, {u"--list-types"_s})).split(u'\n', Qt::SkipEmptyParts);
        for (const QString& preferred :
             {u"image/png"_s, u"text/html"_s, u"text/plain;charset=utf-8"_s, u"text/plain"_s, u"UTF8_STRING"_s}) {
            if (types.contains(preferred)) {
                savedType = preferred;
                saved = runSync(m_paste, {u"--no-newline"_s, u"--type"_s, preferred});
                break;
            }
        }
    }

    auto* copy = new QProcess(this); // parent-owned; deleted when done
    copy->start(m_copy, {u"--foreground"_s, u"--paste-once"_s, u"--type"_s, u"text/plain;charset=utf-8"_s});
    copy->write(text.toUtf8());
    copy->closeWriteChannel();

    QStringList chord{u"-s"_s, u"80"_s, u"-M"_s, u"ctrl"_s};
    QString chordName = u"Ctrl+V"_s;
    if (target.isTerminal) {
        chord << u"-M"_s << u"shift"_s;
        chordName = u"Ctrl+Shift+V"_s;
    }
    chord << u"-k"_s << u"v"_s << u"-m"_s << u"ctrl"_s;
    if (target.isTerminal)
        chord << u"-m"_s << u"shift"_s;
    if (options.pressEnter)
        chord << u"-s"_s << u"30"_s << u"-k"_s << u"Return"_s;

    auto* poll = new QTimer(this);
    poll->setInterval(10);
    auto clock = std::make_shared<QElapsedTimer>();
    auto chordSent = std::make_shared<bool>(false);
    const int limit = std::max(options.restoreDelayMs, 300) + 500;
    const QString method = name();
    connect(poll, &QTimer::timeout, this, [=, this] {
        if (!*chordSent) {
            if (clock->isValid() && clock->elapsed() < 30)
                return;
            if (!clock->isValid()) { // give wl-copy a moment to own the selection
                clock->start();
                return;
            }
            *chordSent = true;
            QProcess::startDetached(m_wtype, chord);
            clock->restart();
            return;
        }
        const bool served = copy->state() == QProcess::NotRunning;
        if (!served && clock->elapsed() < limit)
            return;
        poll->stop();
        poll->deleteLater();
        if (!served) {
            // Leave wl-copy serving the text so the user can still paste it by hand.
            done(InsertResult::failed(method, Error(ErrorCode::InjectionBlocked,
                                                    u"%1 was sent but the focused window did not read the clipboard "
                                                    "within %2 ms; the text is on the clipboard."_s.arg(chordName)
                                                        .arg(limit))));
            return;
        }
        copy->deleteLater();
        if (!savedType.isEmpty()) {
            QProcess restore;
            restore.start(m_copy, {u"--type"_s, savedType});
            restore.write(saved);
            restore.closeWriteChannel();
            restore.waitForFinished(2000); // wl-copy forks its server into the background
        }
        done(InsertResult::success(method, u"pasted with %1"_s.arg(chordName)));
    });
    poll->start();
}

} // namespace utter
