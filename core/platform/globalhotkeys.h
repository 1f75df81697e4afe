#pragma once

#include "common/result.h"
#include "keyspec.h"

#include <QObject>
#include <QString>

namespace utter
{

// Global hotkeys of one desktop: reports press and release of registered keys, whatever window has focus.
// Deciding what a press means (push-to-talk, toggle, hands-free) is the dictation service's job; a backend
// delivers each physical press once (auto-repeat filtered) and its release, and says clearly when a key
// cannot be had. Ids are chosen by the caller ("dictate", "cancel").
class GlobalHotkeys : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GlobalHotkeys)

public:
    explicit GlobalHotkeys(QObject* parent = nullptr)
        : QObject(parent)
    {}
    ~GlobalHotkeys() override = default;

    // "x11", "portal", "windows", "macos", "fake", "none".
    virtual QString backendName() const = 0;
    // Whether release events arrive (push-to-talk possible). False means only toggle works.
    virtual bool supportsRelease() const = 0;

    // Grabs the key. An error that is known at once (taken by another app, unsupported key) is returned;
    // one that only arrives later (portal dialog refused) is emitted as registrationFailed().
    virtual Status registerHotkey(const QString& id, const KeySpec& spec) = 0;
    virtual void unregisterHotkey(const QString& id) = 0;

signals:
    void pressed(const QString& id);
    void released(const QString& id);
    void registrationFailed(const QString& id, const utter::Error& error);
};

} // namespace utter
