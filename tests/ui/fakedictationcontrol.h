#pragma once

#include "pipeline/dictationcontrol.h"

#include <QJsonObject>

// A DictationControl for UI tests only (the seam between the widgets and the service): counts calls and lets
// the test emit the service's signals. The product never ships this.
class FakeDictationControl final : public utter::DictationControl
{
    Q_OBJECT

public:
    using DictationControl::DictationControl;

    utter::Status begin() override { return record(u"begin"); }
    utter::Status end() override { return record(u"end"); }
    utter::Status toggle() override { return record(u"toggle"); }
    utter::Status cancel() override { return record(u"cancel"); }
    utter::Status beginStream(const QJsonObject&) override { return record(u"beginStream"); }
    utter::Status pushStreamAudio(const QByteArray&) override { return {}; }
    QJsonObject statusJson() const override
    {
        QJsonObject status = extraStatus;
        status.insert(QStringLiteral("state"), m_state);
        return status;
    }
    int pendingJobs() const override { return 0; }
    void transcribeFile(const QString&, const QJsonObject&, QObject*, TranscribeCallback done) override
    {
        done(utter::Error(utter::ErrorCode::Unsupported, QStringLiteral("not in the fake")));
    }
    // Answers with restyleAnswer when set (screenshots), else as the base class does.
    void restyle(const QString& text, const QString& style, QObject* context, TranscribeCallback done) override
    {
        if (restyleAnswer.isEmpty())
            return DictationControl::restyle(text, style, context, done);
        done(QJsonObject{{QStringLiteral("text"), restyleAnswer},
                         {QStringLiteral("raw"), text},
                         {QStringLiteral("style"), style},
                         {QStringLiteral("transformed"), true}});
    }
    void prepareShutdown(std::function<void()> done) override { done(); }

    // Drives the state the way the service would.
    void setState(const QString& state, const QString& session = QStringLiteral("s1"))
    {
        m_state = state;
        emit stateChanged(state, session);
    }

    QStringList calls;
    QJsonObject extraStatus; // merged into statusJson() (network, jobs)
    QString restyleAnswer;
    utter::Status nextResult;

private:
    utter::Status record(const char16_t* name)
    {
        calls << QString::fromUtf16(name);
        return std::exchange(nextResult, utter::Status());
    }

    QString m_state = QStringLiteral("idle");
};
