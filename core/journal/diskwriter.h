#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <utility>

class QThread;

namespace utter
{

// The disk writes of the upload side (docs/storage.md): a chunk's transcript stored in its job record, a session
// removed after delivery, the history's commit. With Mode::Thread they run on a thread of their own
// ("utter-disk"), so the main thread never waits for an fsync; each piece of work runs in the order it was posted,
// and its completion comes back on the poster's thread in the same order. Mode::Inline runs the work and its
// completion before post() returns (the CLI, `utter status`, tests of one part on its own).
//
// Work closures carry copies of what they write (paths, bytes): they share no state with the poster's thread.
// Destroying the writer runs every piece of work already posted (nothing accepted is dropped) and then stops the
// thread; completions not yet delivered then are dropped with it.
class DiskWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiskWriter)

public:
    enum class Mode
    {
        Inline,
        Thread,
    };

    // threadName names the thread (Mode::Thread): "utter-disk" for the journal's writes, "utter-recovery" for the
    // start-up scan (Journal::openInBackground).
    explicit DiskWriter(Mode mode = Mode::Inline, QObject* parent = nullptr,
                        const QString& threadName = QStringLiteral("utter-disk"));
    ~DiskWriter() override;

    bool threaded() const { return m_thread != nullptr; }

    // Runs work on the writer's thread after everything posted before; then done(result) on this object's thread,
    // unless context (when given) is gone by then.
    template<typename T>
    void post(std::function<T()> work, QObject* context, std::function<void(T)> done)
    {
        const QPointer<QObject> guard(context);
        const bool hasContext = context != nullptr;
        enqueue([this, work = std::move(work), done = std::move(done), guard, hasContext]() mutable {
            auto result = std::make_shared<T>(work());
            complete([done = std::move(done), guard, hasContext, result] {
                if (done && (!hasContext || guard))
                    done(std::move(*result));
            });
        });
    }
    // Work without a result.
    void post(std::function<void()> work);
    // done runs once every piece of work posted before this call has run.
    void afterWrites(QObject* context, std::function<void()> done);

private:
    // Runs fn on the writer's thread (or here, inline).
    void enqueue(std::function<void()> fn);
    // From the writer's thread: runs fn on this object's thread (or here, inline).
    void complete(std::function<void()> fn);

    QThread* m_thread = nullptr;
    QObject* m_worker = nullptr; // lives on m_thread
};

} // namespace utter
