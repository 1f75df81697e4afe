#pragma once

#include "platform/textoutput.h"

#include <QList>
#include <QStringList>

namespace utter
{

// A scripted output method for tests: records what it was asked to insert and answers with queued results
// (Ok when the queue is empty). probe() answers with probeStatus.
class FakeTextOutput final : public TextOutput
{
public:
    explicit FakeTextOutput(QString name = QStringLiteral("fake"));

    QString name() const override { return m_name; }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;

    void queueResult(InsertResult::Outcome outcome, const QString& message = {});
    void setProbeStatus(Status status) { m_probeStatus = std::move(status); }

    QStringList inserted; // texts that reached an Ok result
    QList<TargetApp> targets;
    int attempts = 0;
    int probes = 0;

private:
    QString m_name;
    Status m_probeStatus;
    QList<std::pair<InsertResult::Outcome, QString>> m_results;
};

// Focus probe returning a fixed app.
class FakeFocusProbe final : public ImmediateFocusProbe
{
public:
    explicit FakeFocusProbe(TargetApp app = {})
        : m_app(std::move(app))
    {}
    QString name() const override { return QStringLiteral("fake"); }
    TargetApp focusedApp() override { return m_app; }
    void setApp(TargetApp app) { m_app = std::move(app); }

private:
    TargetApp m_app;
};

} // namespace utter
