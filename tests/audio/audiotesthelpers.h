#pragma once

#include "speechcorpus.h"

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
