#!/usr/bin/python3
# A NetworkManager (org.freedesktop.NetworkManager) on the bus in DBUS_SYSTEM_BUS_ADDRESS, for the network-watcher
# tests: it owns the name and speaks only org.freedesktop.DBus.Properties.GetAll on /org/freedesktop/NetworkManager.
#
#   fakenetworkmanager.py MODE
#     silent     never answers (a hung NetworkManager: callers wait for D-Bus' own timeout)
#     connected  answers State 70 (connected, global) and Connectivity 4 (full)
#
# Prints "ready" once it owns the name and "call METHOD" for every call it receives, flushed.
import sys

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.freedesktop.DBus.Properties">
    <method name="GetAll"><arg direction="in" type="s"/><arg direction="out" type="a{sv}"/></method>
    <method name="Get"><arg direction="in" type="s"/><arg direction="in" type="s"/>
      <arg direction="out" type="v"/></method>
  </interface>
</node>
"""

mode = sys.argv[1] if len(sys.argv) > 1 else "silent"
pending = []  # invocations never answered stay referenced


def called(connection, sender, path, interface, method, parameters, invocation):
    print("call", method, flush=True)
    if mode == "silent":
        pending.append(invocation)
        return
    props = {"State": GLib.Variant("u", 70), "Connectivity": GLib.Variant("u", 4)}
    if method == "GetAll":
        invocation.return_value(GLib.Variant("(a{sv})", (props,)))
    elif parameters[1] in props:
        invocation.return_value(GLib.Variant("(v)", (props[parameters[1]],)))
    else:
        invocation.return_dbus_error("org.freedesktop.DBus.Error.InvalidArgs", "no such property")


bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
bus.register_object("/org/freedesktop/NetworkManager", Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0], called,
                    None, None)


def owned(*args):
    print("ready", flush=True)


Gio.bus_own_name_on_connection(bus, "org.freedesktop.NetworkManager", Gio.BusNameOwnerFlags.NONE, owned, None)
GLib.MainLoop().run()
