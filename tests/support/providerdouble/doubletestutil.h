#pragma once

#include "fixtureclips.h"
#include "oggopus.h"
#include "providerdouble.h"

#include <QTest>

#include <optional>

namespace utter::test
{

// The fixture clips for tests. Missing espeak-ng is a failure under the test services script
// (UTTER_TEST_SERVICES=1) and a skip otherwise; check `clips` after the macro.
inline const FixtureClips* testFixtureClips(QString* why)
{
    static std::optional<FixtureClips> clips;
    static QString error;
    static bool tried = false;
    if (!tried) {
        tried = true;
        clips = FixtureClips::synthesize(FixtureClips::defaultTexts(), QStringLiteral(UTTER_FIXTURE_CACHE), &error);
    }
    if (why)
        *why = error;
    return clips ? &*clips : nullptr;
}

#define UTTER_REQUIRE_FIXTURES(clipsVar)                                                                               \
    QString fixtureWhy_;                                                                                               \
    const utter::test::FixtureClips* clipsVar = utter::test::testFixtureClips(&fixtureWhy_);                           \
    if (!clipsVar) {                                                                                                   \
        if (qEnvironmentVariable("UTTER_TEST_SERVICES") == QLatin1String("1"))                                         \
            QFAIL(qPrintable(QStringLiteral("fixture clips unavailable: ") + fixtureWhy_));                            \
        QSKIP(qPrintable(QStringLiteral("fixture clips unavailable: ") + fixtureWhy_));                                \
    }

} // namespace utter::test
