#pragma once

#include "platform/textoutput.h"
#include "targetwindow.h"

#include <QDebug>
#include <QElapsedTimer>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QTest>

#include <algorithm>
#include <functional>
#include <optional>

// What the real-portal tests (testportaloutput on GNOME, testkdeportals on KDE) share.
namespace utter::test
{

// The typing target runs as a Wayland client of the test's compositor.
inline QProcessEnvironment waylandEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("wayland"));
    return env;
}

// Milliseconds from `clock`'s start until the window shows `expected` (waiting up to 5 s), or -1 when the
// insertion's result was not the portal's or the text never arrived.
inline double portalTypedAfterMs(const std::optional<InsertResult>& result, TargetWindow& window,
                                 const QString& expected, const QElapsedTimer& clock)
{
    if (!result || !result->ok() || result->method != QStringLiteral("portal")) {
        qWarning() << "not typed by the portal:"
                   << (result ? result->method + QStringLiteral(": ") + result->error.message
                              : QStringLiteral("no result"));
        return -1;
    }
    while (window.text() != expected && clock.elapsed() < 5000)
        QTest::qWait(1);
    return window.text() == expected ? double(clock.nsecsElapsed()) / 1e6 : -1;
}

inline double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// Release → text fully inserted on an open session, as the portal tests print it: medians over `rounds` rounds of
// 12 and of 100 characters, each typed through typedAfterMs (milliseconds until the window shows all of it; < 0
// when it never did). nullopt as soon as one insertion never arrived.
struct TypingLatency
{
    double chars12Ms = 0;
    double chars100Ms = 0;
};

inline std::optional<TypingLatency> measureTyping(const std::function<double(const QString&)>& typedAfterMs,
                                                  int rounds = 8)
{
    const QString sentence = QStringLiteral(" The quick brown fox jumps over the lazy dog, 0123456789 times; "
                                            "(a+b)*c = d/e - f! ~`@#$%^&_{}|[]:\"'<>?.\\");
    const QString hundred = sentence.left(100);
    QList<double> short12, long100;
    for (int round = 0; round < rounds; ++round) {
        const double a = typedAfterMs(QStringLiteral(" Hello world"));
        const double b = a >= 0 ? typedAfterMs(hundred) : -1;
        if (a < 0 || b < 0)
            return std::nullopt;
        short12 << a;
        long100 << b;
    }
    return TypingLatency{median(short12), median(long100)};
}

} // namespace utter::test
