#pragma once

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

} // namespace utter::test
