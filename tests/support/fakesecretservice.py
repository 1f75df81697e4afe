#!/usr/bin/python3
# A Secret Service (org.freedesktop.secrets) that misbehaves on demand, for the keychain fault tests: it owns the
# name on the session bus in DBUS_SESSION_BUS_ADDRESS and speaks enough of the protocol for libsecret (QtKeychain's
# backend): sessions ("plain" only), one collection (alias "default"), items with attributes, search, secrets,
# unlock, create/delete, and prompts.
#
#   fakesecretservice.py MODE [--delay SECONDS] [--seed JSON]
#     silent   owns the name and never answers anything (the caller waits for D-Bus' own timeout)
#     slow     answers nothing for --delay seconds after the first call arrives (a busy or waking keychain), then
#              answers everything, the calls that waited included
#   SIGUSR1 wakes a slow service and answers the prompts shown so far at once (a test's "now").
#     prompt   a locked collection: reading needs Unlock, which returns a prompt; storing into a missing default
#              collection needs CreateCollection, which prompts too (gnome-keyring's "choose a password for the
#              new keyring"). A prompt completes --delay seconds after Prompt() is called.
#     locked   like prompt, but there is nobody to ask (a headless session's gnome-keyring): every prompt is
#              dismissed at once, so the locked collection stays locked
#   --seed   items to hold from the start: [{"attributes": {...}, "secret": "..."}]
#
# Prints "ready" once it owns the name, one line per call it answers ("answered METHOD"), "created ATTRIBUTES" for
# every new item and "prompt completed", flushed, so a test can tell what was asked and when.
import argparse
import json
import signal
import sys

from gi.repository import Gio, GLib

BASE = "/org/freedesktop/secrets"
COLLECTION = BASE + "/collection/login"
ALIAS = BASE + "/aliases/default"

XML = """
<node>
  <interface name="org.freedesktop.Secret.Service">
    <method name="OpenSession"><arg direction="in" type="s"/><arg direction="in" type="v"/>
      <arg direction="out" type="v"/><arg direction="out" type="o"/></method>
    <method name="CreateCollection"><arg direction="in" type="a{sv}"/><arg direction="in" type="s"/>
      <arg direction="out" type="o"/><arg direction="out" type="o"/></method>
    <method name="SearchItems"><arg direction="in" type="a{ss}"/>
      <arg direction="out" type="ao"/><arg direction="out" type="ao"/></method>
    <method name="Unlock"><arg direction="in" type="ao"/><arg direction="out" type="ao"/><arg direction="out" type="o"/></method>
    <method name="Lock"><arg direction="in" type="ao"/><arg direction="out" type="ao"/><arg direction="out" type="o"/></method>
    <method name="GetSecrets"><arg direction="in" type="ao"/><arg direction="in" type="o"/>
      <arg direction="out" type="a{o(oayays)}"/></method>
    <method name="ReadAlias"><arg direction="in" type="s"/><arg direction="out" type="o"/></method>
    <method name="SetAlias"><arg direction="in" type="s"/><arg direction="in" type="o"/></method>
    <property name="Collections" type="ao" access="read"/>
  </interface>
  <interface name="org.freedesktop.Secret.Collection">
    <method name="Delete"><arg direction="out" type="o"/></method>
    <method name="SearchItems"><arg direction="in" type="a{ss}"/><arg direction="out" type="ao"/></method>
    <method name="CreateItem"><arg direction="in" type="a{sv}"/><arg direction="in" type="(oayays)"/>
      <arg direction="in" type="b"/><arg direction="out" type="o"/><arg direction="out" type="o"/></method>
    <signal name="ItemCreated"><arg type="o"/></signal>
    <signal name="ItemDeleted"><arg type="o"/></signal>
    <signal name="ItemChanged"><arg type="o"/></signal>
    <property name="Items" type="ao" access="read"/>
    <property name="Label" type="s" access="read"/>
    <property name="Locked" type="b" access="read"/>
    <property name="Created" type="t" access="read"/>
    <property name="Modified" type="t" access="read"/>
  </interface>
  <interface name="org.freedesktop.Secret.Item">
    <method name="Delete"><arg direction="out" type="o"/></method>
    <method name="GetSecret"><arg direction="in" type="o"/><arg direction="out" type="(oayays)"/></method>
    <method name="SetSecret"><arg direction="in" type="(oayays)"/></method>
    <property name="Locked" type="b" access="read"/>
    <property name="Attributes" type="a{ss}" access="read"/>
    <property name="Label" type="s" access="read"/>
    <property name="Created" type="t" access="read"/>
    <property name="Modified" type="t" access="read"/>
  </interface>
  <interface name="org.freedesktop.Secret.Prompt">
    <method name="Prompt"><arg direction="in" type="s"/></method>
    <method name="Dismiss"/>
    <signal name="Completed"><arg type="b"/><arg type="v"/></signal>
  </interface>
  <interface name="org.freedesktop.Secret.Session">
    <method name="Close"/>
  </interface>
</node>
"""
INFO = Gio.DBusNodeInfo.new_for_xml(XML)
IFACE = {i.name.rsplit(".", 1)[1]: i for i in INFO.interfaces}


class Fake:
    def __init__(self, bus, mode, delay, seed):
        self.bus = bus
        self.mode = mode
        self.delay = delay
        self.items = {}  # path -> {"attributes", "secret", "label"}
        self.counter = 0
        # prompt mode: the collection is locked, and on a first run (no seed) there is no default collection yet.
        self.locked = mode in ("prompt", "locked")
        self.collection_exists = mode not in ("prompt", "locked") or bool(seed)
        self.registrations = []
        self.prompts = {}
        self.dismissed_results = {}
        self.awake = False  # slow: asleep until --delay seconds after the first call (or SIGUSR1)
        self.waiting = []
        self.wake_timer = None
        self.prompt_timers = set()
        self.register(BASE, "Service")
        self.register(COLLECTION, "Collection")
        self.register(ALIAS, "Collection")
        for entry in seed:
            self.add_item(entry["attributes"], entry["secret"].encode(), entry.get("label", ""))

    def next_path(self, kind):
        self.counter += 1
        return "%s/%s/%d" % (BASE, kind, self.counter)

    def register(self, path, iface):
        self.registrations.append(
            self.bus.register_object(path, IFACE[iface], self.on_call, self.on_property, None))

    def add_item(self, attributes, secret, label):
        self.counter += 1
        path = "%s/%d" % (COLLECTION, self.counter)
        self.items[path] = {"attributes": dict(attributes), "secret": secret, "label": label}
        self.register(path, "Item")
        return path

    def matching(self, attributes):
        return [p for p, item in self.items.items()
                if all(item["attributes"].get(k) == v for k, v in attributes.items())]

    def emit(self, path, iface, signal, value):
        self.bus.emit_signal(None, path, "org.freedesktop.Secret." + iface, signal, value)

    def on_property(self, bus, sender, path, iface, name):
        if iface.endswith("Service"):
            return GLib.Variant("ao", [COLLECTION] if self.collection_exists else [])
        if iface.endswith("Collection"):
            return {"Items": GLib.Variant("ao", list(self.items)), "Label": GLib.Variant("s", "Login"),
                    "Locked": GLib.Variant("b", self.locked), "Created": GLib.Variant("t", 0),
                    "Modified": GLib.Variant("t", 0)}[name]
        item = self.items.get(path, {"attributes": {}, "label": ""})
        return {"Locked": GLib.Variant("b", self.locked), "Attributes": GLib.Variant("a{ss}", item["attributes"]),
                "Label": GLib.Variant("s", item["label"]), "Created": GLib.Variant("t", 0),
                "Modified": GLib.Variant("t", 0)}[name]

    def on_call(self, bus, sender, path, iface, method, params, invocation):
        call = (path, iface, method, params.unpack(), invocation)
        if self.mode == "slow" and not self.awake:
            self.waiting.append(call)
            if self.wake_timer is None:
                self.wake_timer = GLib.timeout_add(int(self.delay * 1000), self.wake)
            return
        GLib.idle_add(self.answer, *call)

    def wake(self):
        """SIGUSR1, or --delay seconds after the first call: the slow service answers what waited, and the
        prompts shown so far are answered."""
        self.awake = True
        waiting, self.waiting = self.waiting, []
        for call in waiting:
            self.answer(*call)
        for done in list(self.prompt_timers):
            done()
        return False

    def new_prompt(self, on_complete, dismissed):
        """dismissed: the prompt's result when the user says no (an empty value of the result's type)."""
        path = self.next_path("prompt")
        self.register(path, "Prompt")
        self.prompts[path] = on_complete
        self.dismissed_results[path] = dismissed
        return path

    def answer(self, path, iface, method, args, invocation):
        short = iface.rsplit(".", 1)[1]
        result = getattr(self, short + "_" + method)(path, *args)
        if isinstance(result, Exception):
            invocation.return_dbus_error(result.args[0], result.args[1])
        else:
            invocation.return_value(result)
        print("answered", method, flush=True)
        return False

    # org.freedesktop.Secret.Service
    def Service_OpenSession(self, path, algorithm, _input):
        if algorithm != "plain":
            return Exception("org.freedesktop.DBus.Error.NotSupported", "only plain")
        return GLib.Variant("(vo)", (GLib.Variant("s", ""), self.next_path("session")))

    def Service_CreateCollection(self, path, properties, alias):
        def complete():
            self.collection_exists = True
            self.locked = False
            return GLib.Variant("o", COLLECTION)
        return GLib.Variant("(oo)", ("/", self.new_prompt(complete, GLib.Variant("o", "/"))))

    def Service_SearchItems(self, path, attributes):
        found = self.matching(attributes)
        return GLib.Variant("(aoao)", ([] if self.locked else found, found if self.locked else []))

    def Service_Unlock(self, path, objects):
        if not self.locked:
            return GLib.Variant("(aoo)", (objects, "/"))

        def complete():
            self.locked = False
            return GLib.Variant("ao", objects)
        return GLib.Variant("(aoo)", ([], self.new_prompt(complete, GLib.Variant("ao", []))))

    def Service_Lock(self, path, objects):
        self.locked = True
        return GLib.Variant("(aoo)", (objects, "/"))

    def Service_GetSecrets(self, path, items, session):
        secrets = {p: (session, b"", self.items[p]["secret"], "text/plain")
                   for p in items if p in self.items and not self.locked}
        return GLib.Variant("(a{o(oayays)})", (secrets,))

    def Service_ReadAlias(self, path, name):
        return GLib.Variant("(o)", (COLLECTION if name == "default" and self.collection_exists else "/",))

    def Service_SetAlias(self, path, name, collection):
        return None

    # org.freedesktop.Secret.Collection
    def Collection_CreateItem(self, path, properties, secret, replace):
        if not self.collection_exists:
            return Exception("org.freedesktop.Secret.Error.NoSuchObject", "no such collection")
        if self.locked:
            return Exception("org.freedesktop.Secret.Error.IsLocked", "the collection is locked")
        attributes = properties.get("org.freedesktop.Secret.Item.Attributes", {})
        label = properties.get("org.freedesktop.Secret.Item.Label", "")
        existing = self.matching(attributes) if replace else []
        if existing:
            self.items[existing[0]]["secret"] = bytes(secret[2])
            self.emit(COLLECTION, "Collection", "ItemChanged", GLib.Variant("(o)", (existing[0],)))
            return GLib.Variant("(oo)", (existing[0], "/"))
        print("created", json.dumps(attributes, sort_keys=True), flush=True)
        item = self.add_item(attributes, bytes(secret[2]), label)
        self.emit(COLLECTION, "Collection", "ItemCreated", GLib.Variant("(o)", (item,)))
        return GLib.Variant("(oo)", (item, "/"))

    def Collection_SearchItems(self, path, attributes):
        return GLib.Variant("(ao)", (self.matching(attributes),))

    def Collection_Delete(self, path):
        return GLib.Variant("(o)", ("/",))

    # org.freedesktop.Secret.Item
    def Item_GetSecret(self, path, session):
        if path not in self.items:
            return Exception("org.freedesktop.Secret.Error.NoSuchObject", "no such item")
        return GLib.Variant("((oayays))", ((session, b"", self.items[path]["secret"], "text/plain"),))

    def Item_SetSecret(self, path, secret):
        self.items[path]["secret"] = bytes(secret[2])
        return None

    def Item_Delete(self, path):
        self.items.pop(path, None)
        self.emit(COLLECTION, "Collection", "ItemDeleted", GLib.Variant("(o)", (path,)))
        return GLib.Variant("(o)", ("/",))

    # org.freedesktop.Secret.Prompt: completes after --delay seconds, as a user answering late would.
    def Prompt_Prompt(self, path, window_id):
        if self.mode == "locked":
            return self.Prompt_Dismiss(path)
        complete = self.prompts.pop(path, None)

        def done():
            if done not in self.prompt_timers:
                return False
            self.prompt_timers.discard(done)
            result = complete() if complete else GLib.Variant("s", "")
            self.bus.emit_signal(None, path, "org.freedesktop.Secret.Prompt", "Completed",
                                 GLib.Variant("(bv)", (False, result)))
            print("prompt completed", flush=True)
            return False
        self.prompt_timers.add(done)
        GLib.timeout_add(int(self.delay * 1000), done)
        return None

    def Prompt_Dismiss(self, path):
        self.prompts.pop(path, None)
        result = self.dismissed_results.pop(path, GLib.Variant("s", ""))
        self.bus.emit_signal(None, path, "org.freedesktop.Secret.Prompt", "Completed",
                             GLib.Variant("(bv)", (True, result)))
        print("prompt dismissed", flush=True)
        return None

    def Session_Close(self, path):
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["silent", "slow", "prompt", "locked"])
    parser.add_argument("--delay", type=float, default=15.0)
    parser.add_argument("--seed", default="[]")
    args = parser.parse_args()
    bus = Gio.bus_get_sync(Gio.BusType.SESSION)
    loop = GLib.MainLoop()
    if args.mode == "silent":
        # Every method call that reaches us is dropped before GDBus sees it: no reply, ever.
        bus.add_filter(lambda connection, message, incoming:
                       None if incoming and message.get_message_type() == Gio.DBusMessageType.METHOD_CALL
                       else message)
    else:
        fake = Fake(bus, args.mode, args.delay, json.loads(args.seed))
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGUSR1, lambda: fake.wake() or True)

    def acquired(connection, name):
        print("ready", flush=True)
    Gio.bus_own_name_on_connection(bus, "org.freedesktop.secrets", Gio.BusNameOwnerFlags.NONE, acquired, None)
    try:
        loop.run()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
