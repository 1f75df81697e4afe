#pragma once

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QString>
#include <QTest>

// A broken desktop portal for the tests that probe it: run with /usr/bin/python3 -c kHungPortal (python3-gi), it
// owns org.freedesktop.portal.Desktop on the session bus, prints "owned", then "call" for every method call and
// never replies.
namespace utter::test
{

inline constexpr const char* kHungPortal = R"(
import sys
from gi.repository import Gio, GLib
xml = ('<node><interface name="org.freedesktop.DBus.Properties"><method name="GetAll">'
       '<arg type="s" direction="in"/><arg type="a{sv}" direction="out"/></method></interface></node>')
bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
def called(*args):
    print("call", flush=True)
    pending.append(args[-1])  # keep the invocation: it is never answered
pending = []
bus.register_object("/org/freedesktop/portal/desktop", Gio.DBusNodeInfo.new_for_xml(xml).interfaces[0],
                    called, None, None)
def owned(*args):
    print("owned", flush=True)
Gio.bus_own_name_on_connection(bus, "org.freedesktop.portal.Desktop", Gio.BusNameOwnerFlags.NONE, owned, None)
GLib.MainLoop().run()
)";

// Why the hung portal cannot be played here: no session bus, or a real portal on it; empty when it can.
inline QString whyNoHungPortal()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return QStringLiteral("no D-Bus session bus; run under tests/with-services.sh");
    const QString portal = QStringLiteral("org.freedesktop.portal.Desktop");
    if (bus.interface()->isServiceRegistered(portal) ||
        bus.interface()->activatableServiceNames().value().contains(portal))
        return QStringLiteral("a desktop portal is on this bus; this test brings its own that never answers");
    return {};
}

// Starts the helper; true once it owns the portal's name (its "owned" line read).
inline bool startHungPortal(QProcess& hung)
{
    hung.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    hung.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(kHungPortal)});
    if (!hung.waitForReadyRead(10000)) {
        hung.kill();
        hung.waitForFinished();
        return false;
    }
    return hung.readLine().trimmed() == "owned";
}

} // namespace utter::test

// Skips the test when the hung portal cannot be played here (no bus, a real portal) — the bus missing under
// UTTER_TEST_SERVICES=1 fails it — and starts the helper in `process`, failing the test when it does not start.
#define UTTER_START_HUNG_PORTAL(process)                                                                               \
    do {                                                                                                               \
        const QString why = utter::test::whyNoHungPortal();                                                            \
        if (!why.isEmpty()) {                                                                                          \
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1 && why.startsWith(QLatin1String("no D-Bus"))) \
                QFAIL(qPrintable(why));                                                                                \
            QSKIP(qPrintable(why));                                                                                    \
        }                                                                                                              \
        if (!utter::test::startHungPortal(process)) {                                                                  \
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)                                              \
                QFAIL("the hung-portal helper did not start (apt-get install python3-gi)");                            \
            QSKIP("the hung-portal helper needs /usr/bin/python3 with python3-gi");                                    \
        }                                                                                                              \
    } while (false)
