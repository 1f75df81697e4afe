#pragma once

#include <QDeadlineTimer>
#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <type_traits>
#include <utility>

// Hand-offs between Utter's threads (docs/architecture.md, "Threads and hand-offs"). Work and data go from one thread
// to another only through these helpers, so that ThreadSanitizer sees every hand-off: Debian's QtCore is not built
// with TSan, and the queue behind a queued call (a QMutex on a futex) creates no happens-before edge TSan knows of.
// Without TSan the annotations compile to nothing and the helpers are plain queued calls.
#if defined(__SANITIZE_THREAD__)
#define UTTER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UTTER_TSAN 1
#endif
#endif

#ifdef UTTER_TSAN
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace utter
{

// Everything this thread did so far happens before whatever a later handOffAcquire(key) on another thread does.
inline void handOffRelease([[maybe_unused]] const void* key) noexcept
{
#ifdef UTTER_TSAN
    __tsan_release(const_cast<void*>(key));
#endif
}

inline void handOffAcquire([[maybe_unused]] const void* key) noexcept
{
#ifdef UTTER_TSAN
    __tsan_acquire(const_cast<void*>(key));
#endif
}

// The last member of a value that Qt carries to another thread: copying or moving the value into its final place
// (after every other member, declaration order) marks the hand-off; received() on the other thread, before the
// value is read, completes it. Destroying the value completes it too (a queued call that is dropped unrun, or
// destroyed by whichever thread drops Qt's last reference to it: see handBack()).
class HandOffMark
{
public:
    HandOffMark() = default;
    HandOffMark(const HandOffMark&) noexcept { handOffRelease(this); }
    HandOffMark(HandOffMark&&) noexcept { handOffRelease(this); }
    HandOffMark& operator=(const HandOffMark&) noexcept
    {
        handOffRelease(this);
        return *this;
    }
    HandOffMark& operator=(HandOffMark&&) noexcept
    {
        handOffRelease(this);
        return *this;
    }
    ~HandOffMark() { handOffAcquire(this); }

    void received() const noexcept { handOffAcquire(this); }
    // After the value was used on the receiving thread: whichever thread destroys it next (Qt may drop its last
    // reference to a queued call on the posting thread) sees what the use did.
    void handBack() const noexcept { handOffRelease(this); }
};

// A closure on its way to another thread: its captures are written on the posting thread, read on the other.
template<typename F>
class HandedOff
{
public:
    explicit HandedOff(F f)
        : m_f(std::move(f))
    {}

    auto operator()()
    {
        m_mark.received();
        const HandBack handBack{m_mark};
        return m_f();
    }

private:
    struct HandBack
    {
        const HandOffMark& mark;
        ~HandBack() { mark.handBack(); }
    };

    F m_f;
    HandOffMark m_mark; // last: see HandOffMark
};

// Runs f on receiver's thread from its event loop, after everything posted to it before (a queued call). Every
// cross-thread call of Utter's goes through here (or connectHandOff).
template<typename F>
void postTo(QObject* receiver, F&& f)
{
    QMetaObject::invokeMethod(receiver, HandedOff<std::decay_t<F>>(std::forward<F>(f)), Qt::QueuedConnection);
}

namespace detail
{

template<typename Slot>
struct HandOffForwarder
{
    QObject* context;
    Slot slot;

    // Only the arguments the slot takes (a slot may take fewer than the signal has).
    template<typename... Args>
    auto operator()(const Args&... args) const -> std::enable_if_t<std::is_invocable_v<Slot&, std::decay_t<Args>&...>>
    {
        postTo(context, [slot = slot, ... copies = std::decay_t<Args>(args)]() mutable { slot(copies...); });
    }
};

} // namespace detail

// A signal emitted on one thread, handled on context's thread: the arguments are copied on the emitting thread into
// a postTo() closure, so they are handed off like any other queued call (Qt's own queued signal copies them inside
// QtCore, where TSan cannot see it). The connection itself is direct; context must outlive the sender's emissions or
// be disconnected first (disconnect before stopping the sender's thread).
template<typename Sender, typename Signal, typename Slot>
QMetaObject::Connection connectHandOff(const Sender* sender, Signal signal, QObject* context, Slot slot)
{
    return QObject::connect(sender, signal, context, detail::HandOffForwarder<Slot>{context, std::move(slot)},
                            Qt::DirectConnection);
}

// Stops a worker thread: last runs on worker's thread after everything posted to it before, then the thread's loop
// quits; waits until the thread has finished (or the deadline passed: returns false). When it returns true,
// everything the thread did happens before what the caller does next (deleting the worker, say).
template<typename F>
bool stopWorkerThread(QThread* thread, QObject* worker, F last, QDeadlineTimer deadline = QDeadlineTimer::Forever)
{
    postTo(worker, [thread, last = std::move(last)]() mutable {
        last();
        handOffRelease(thread);
        thread->quit();
    });
    if (!thread->wait(deadline))
        return false;
    handOffAcquire(thread);
    return true;
}

} // namespace utter
