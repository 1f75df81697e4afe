#pragma once

#include "speechcorpus.h"

#include <QProcess>
#include <QTest>

// espeak-ng and sox are test tools, installed by the test setup like the services: under
// UTTER_TEST_SERVICES=1 their absence fails the test, otherwise it is skipped.
#define UTTER_REQUIRE_SPEECH_TOOLS()                                                                                   \
    do {                                                                                                               \
        const QString missing = utter::test::SpeechCorpus::missingTools();                                             \
        if (!missing.isEmpty()) {                                                                                      \
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)                                              \
                QFAIL(qPrintable(QStringLiteral("speech tools ") + missing));                                          \
            QSKIP(qPrintable(QStringLiteral("speech tools ") + missing));                                              \
        }                                                                                                              \
    } while (false)

namespace utter::test
{

// PulseAudio's recording streams (what the desktop's "microphone in use" indicator shows); -1 when pactl fails.
inline int recordingStreams()
{
    QProcess pactl;
    pactl.start(QStringLiteral("pactl"),
                {QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("source-outputs")});
    if (!pactl.waitForFinished(5000) || pactl.exitCode() != 0)
        return -1;
    int streams = 0;
    for (const QByteArray& line : pactl.readAllStandardOutput().split('\n'))
        streams += line.trimmed().isEmpty() ? 0 : 1;
    return streams;
}

} // namespace utter::test
