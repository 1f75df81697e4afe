// ThreadSanitizer builds only (UTTER_SANITIZE=thread; linked into every executable, never instrumented itself).
//
// Qt 6.4's QProcess starts a child with vfork semantics: forkfd calls clone(CLONE_VM | CLONE_VFORK | ...), so
// child and parent share memory until the exec. ThreadSanitizer's clone interceptor (clang 14 and 16 alike) treats
// every clone as a fork: the child re-attaches TSan's thread state, which it shares with the parent, and the parent
// then dies in `CHECK failed: tsan_rtl.cpp "((!thr->slot)) != (0)"` (ForkAfter) — every QProcess of a TSan process
// fails. Qt only avoids vfork when Qt itself is built with TSan.
//
// This clone sits behind the interceptor (its REAL(clone) is the next definition after the executable: this
// library, then glibc) and turns a vfork-like clone into a fork-like one — what the interceptor assumes and what Qt
// does anyway where vfork is unavailable (FFD_USE_FORK): the child execs or reports its failure through QProcess's
// pipe, nothing of it is shared. Thread clones (CLONE_THREAD) and processes without TSan pass unchanged.
#include <dlfcn.h>
#include <sched.h>

#include <cstdarg>

namespace
{

using CloneFunction = int (*)(int (*)(void*), void*, int, void*, ...);

CloneFunction realClone = nullptr;
bool underTsan = false;

__attribute__((constructor)) void resolve()
{
    realClone = reinterpret_cast<CloneFunction>(dlsym(RTLD_NEXT, "clone"));
    underTsan = dlsym(RTLD_DEFAULT, "__tsan_init") != nullptr;
}

} // namespace

extern "C" int clone(int (*fn)(void*), void* stack, int flags, void* arg, ...) noexcept
{
    va_list rest;
    va_start(rest, arg);
    void* parentTid = va_arg(rest, void*);
    void* tls = va_arg(rest, void*);
    void* childTid = va_arg(rest, void*);
    va_end(rest);
    constexpr int kVforkLike = CLONE_VM | CLONE_VFORK;
    if (underTsan && (flags & kVforkLike) == kVforkLike && (flags & CLONE_THREAD) == 0)
        flags &= ~kVforkLike;
    return realClone(fn, stack, flags, arg, parentTid, tls, childTid);
}
