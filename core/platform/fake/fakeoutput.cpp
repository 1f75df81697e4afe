#include "fakeoutput.h"

namespace utter
{

FakeTextOutput::FakeTextOutput(QString name)
    : m_name(std::move(name))
{}

Status FakeTextOutput::probe()
{
    ++probes;
    return m_probeStatus;
}

void FakeTextOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                            InsertCallback done)
{
    ++attempts;
    targets << target;
    const auto [outcome, message] =
        m_results.isEmpty() ? std::make_pair(InsertResult::Ok, QString()) : m_results.takeFirst();
    if (outcome == InsertResult::Ok) {
        inserted << (options.pressEnter ? text + QLatin1Char('\n') : text);
        done(InsertResult::success(m_name));
        return;
    }
    Error error(ErrorCode::InjectionBlocked, message);
    done(outcome == InsertResult::Retry ? InsertResult::retry(m_name, error) : InsertResult::failed(m_name, error));
}

void FakeTextOutput::queueResult(InsertResult::Outcome outcome, const QString& message)
{
    m_results.append({outcome, message});
}

} // namespace utter
