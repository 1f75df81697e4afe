#include "diskwriter.h"

#include "common/handoff.h"

#include <QThread>

namespace utter
{

DiskWriter::DiskWriter(Mode mode, QObject* parent, const QString& threadName)
    : QObject(parent)
{
    if (mode == Mode::Inline)
        return;
    m_thread = new QThread;
    m_thread->setObjectName(threadName);
    m_worker = new QObject;
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

DiskWriter::~DiskWriter()
{
    if (!m_thread)
        return;
    // Behind everything already posted: the queue runs dry, then the thread's loop ends.
    stopWorkerThread(m_thread, m_worker, [] {});
    delete m_thread; // the worker went with the thread's last events (deleteLater on finished)
}

void DiskWriter::enqueue(std::function<void()> fn)
{
    if (!m_thread) {
        fn();
        return;
    }
    postTo(m_worker, std::move(fn));
}

void DiskWriter::complete(std::function<void()> fn)
{
    if (!m_thread) {
        fn();
        return;
    }
    postTo(this, std::move(fn));
}

void DiskWriter::post(std::function<void()> work)
{
    enqueue(std::move(work));
}

void DiskWriter::afterWrites(QObject* context, std::function<void()> done)
{
    post<bool>([] { return true; }, context, [done = std::move(done)](bool) { done(); });
}

} // namespace utter
