#pragma once

#include "textoutput.h"

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace utter
{

// The ranked text-output chain (DESIGN §7): methods are probed at start and re-probed when they fail; an
// insertion walks the chain until one method reports Ok. When every method fails the text is put on the
// clipboard (when possible) and the result says so — it is never reported as inserted.
class OutputChain final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputChain)

public:
    struct MethodStatus
    {
        QString name;
        Status status;
    };

    explicit OutputChain(std::vector<std::unique_ptr<TextOutput>> methods, std::unique_ptr<FocusProbe> focus = {},
                         QObject* parent = nullptr);
    ~OutputChain() override;

    // Puts text on the clipboard when every method failed; returns false when it could not.
    void setClipboardFallback(std::function<bool(const QString&)> copy) { m_copyFallback = std::move(copy); }

    QStringList methodNames() const;
    // Probes every method now, waiting for each (`utter doctor`, tests).
    QList<MethodStatus> probeAll();
    // Probes every method without waiting (at start: the main thread never waits for a probe); done follows with
    // every method's status in chain order once all have answered, unless context is gone by then. Until a method
    // has answered it counts as available (an insertion meanwhile tries it, and re-probes it when it fails).
    void probeAllAsync(QObject* context, std::function<void(const QList<MethodStatus>&)> done);
    // Asks which application has focus, without waiting (FocusProbe::request); "unknown" without a probe.
    void requestFocus(QObject* context, FocusProbe::Answer done);
    QString focusProbeName() const;

    // Inserts into the application that has focus when the probe answers. done is called once with the final result.
    void insert(const QString& text, const InsertOptions& options, InsertCallback done);
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options, InsertCallback done);

    // Insertions and focus questions not answered yet. A chain replaced while busy (output/methods changed in a
    // running Utter) is kept until idle() so what it is typing finishes.
    int busy() const { return m_busy; }

signals:
    void inserted(const utter::InsertResult& result);
    void idle();

private:
    struct Attempt;
    void tryMethod(const std::shared_ptr<Attempt>& attempt);
    void finish(const std::shared_ptr<Attempt>& attempt, InsertResult result);
    // Counts as busy until the token is released (answered, or its callback dropped).
    std::shared_ptr<void> busyToken();

    std::vector<std::unique_ptr<TextOutput>> m_methods;
    std::vector<bool> m_available;
    std::unique_ptr<FocusProbe> m_focus;
    std::function<bool(const QString&)> m_copyFallback;
    int m_busy = 0;
};

} // namespace utter
