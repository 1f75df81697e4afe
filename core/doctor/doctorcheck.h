#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace utter
{

enum class CheckStatus
{
    Ok,
    Warn,
    Fail,
    Skip,
};
QString checkStatusName(CheckStatus status); // "ok", "warn", "fail", "skip"

// One finding of `utter doctor`: what was checked, how it went, and what to do about it.
struct DoctorCheck
{
    QString section; // "providers", "audio", "hotkeys", "output", "keychain"
    QString name;    // "transcription primary (api.groq.com)"
    CheckStatus status = CheckStatus::Ok;
    QString detail; // what was found
    QString fix;    // what to do, when not ok
    std::optional<qint64> latencyMs;
    // A fix Utter can carry out itself, for the Doctor window's button (empty when the fix is the user's):
    // "keychain.unlock", "keychain.setup" (SecretServiceFix), "install" (fix names the package to install).
    QString action = {};

    QJsonObject toJson() const;
};

// A part of Utter that can diagnose itself. Each part (providers, audio, hotkeys, output, keychain) adds one
// contributor; `utter doctor` runs them in order and prints every check.
class DoctorContributor
{
public:
    virtual ~DoctorContributor() = default;
    virtual QString section() const = 0;
    // Runs the checks (asynchronously if needed) and calls done once, on context's thread.
    virtual void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) = 0;

    // While run() waits for an answer (a probe of another process), the checks done so far and the names of those
    // still waiting, for a window that shows them as they come (Doctor::progress). A contributor that reports none
    // shows as its whole section still checking until done.
    using Progress = std::function<void(const QList<DoctorCheck>& done, const QStringList& pending)>;
    void setProgress(Progress progress) { m_progress = std::move(progress); }

protected:
    void reportProgress(const QList<DoctorCheck>& done, const QStringList& pending) const
    {
        if (m_progress)
            m_progress(done, pending);
    }

private:
    Progress m_progress;
};

// Runs contributors one after the other.
class Doctor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Doctor)

public:
    explicit Doctor(QObject* parent = nullptr);
    ~Doctor() override;

    void add(std::unique_ptr<DoctorContributor> contributor);
    void run(std::function<void(QList<DoctorCheck>)> done);

signals:
    // During run(): every check done so far, and what is still being checked (a check's name, or the section of a
    // contributor that has not said more), in order. Not emitted after done.
    void progress(const QList<utter::DoctorCheck>& done, const QStringList& pending);

public:
    static QString toText(const QList<DoctorCheck>& checks);
    static QJsonObject toJson(const QList<DoctorCheck>& checks);
    static bool anyFailed(const QList<DoctorCheck>& checks);

private:
    void runNext();

    std::vector<std::unique_ptr<DoctorContributor>> m_contributors;
    size_t m_next = 0;
    QList<DoctorCheck> m_checks;
    std::function<void(QList<DoctorCheck>)> m_done;
};

} // namespace utter
