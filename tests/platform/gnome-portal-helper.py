#!/usr/bin/python3
# Helpers for testportaloutput (run by run-under-mutter.sh), on the real GNOME stack:
#   keyboard          keeps a keyboard on the headless Mutter's seat: a session of Mutter's own
#                     org.gnome.Mutter.RemoteDesktop API (what a physical keyboard would be). Without any keyboard
#                     the seat has no keyboard capability, and the first key of the first portal session only
#                     makes clients bind one (it arrives in wl_keyboard.enter, not as a key). Runs until killed.
#   consent allow|deny [SECONDS]
#                     answers xdg-desktop-portal-gnome's remote-desktop dialog through AT-SPI as a user would:
#                     allow turns on "Allow remote interaction" (off by default in 43.1; Share stays insensitive
#                     until then) and presses Share; deny presses Cancel. Prints "dialog at T" and "answered
#                     allow|deny at T" (T: CLOCK_MONOTONIC in seconds, QElapsedTimer's clock); exit 1 if no dialog
#                     appeared in time (default 60 s).
import sys
import time


def keyboard():
    from gi.repository import Gio, GLib

    bus = Gio.bus_get_sync(Gio.BusType.SESSION)
    name, iface = "org.gnome.Mutter.RemoteDesktop", "org.gnome.Mutter.RemoteDesktop"
    (path,) = bus.call_sync(name, "/org/gnome/Mutter/RemoteDesktop", iface, "CreateSession", None,
                            GLib.VariantType("(o)"), 0, 10000, None).unpack()
    bus.call_sync(name, path, iface + ".Session", "Start", None, None, 0, 10000, None)
    # A Shift tap (no text) makes the seat grow its keyboard now, before any client starts.
    for pressed in (True, False):
        bus.call_sync(name, path, iface + ".Session", "NotifyKeyboardKeysym", GLib.Variant("(ub)", (0xFFE1, pressed)),
                      None, 0, 10000, None)
    print("keyboard", path, flush=True)
    GLib.MainLoop().run()


def consent(answer, seconds):
    import pyatspi

    def walk(accessible, depth=0):
        yield accessible
        if depth < 16:
            for child in accessible:
                if child is not None:
                    yield from walk(child, depth + 1)

    def dialog():
        for app in pyatspi.Registry.getDesktop(0):
            if app is None or app.name != "xdg-desktop-portal-gnome":
                continue
            for window in app:
                if window is not None and window.getState().contains(pyatspi.STATE_SHOWING):
                    return window
        return None

    def button(window, label):
        for accessible in walk(window):
            if accessible.getRoleName() == "push button" and any(
                    child is not None and child.name == label for child in accessible):
                return accessible
        return None

    start = time.monotonic()
    seen = None
    toggled = None
    while time.monotonic() - start < seconds:
        window = dialog()
        if window is None:
            time.sleep(0.02)
            continue
        if seen is None:
            seen = time.monotonic()
            print(f"dialog at {seen:.4f}", flush=True)
        if answer == "allow":
            # Share only once the switch reports itself on: GTK applies the toggle in its own time, and a Share
            # pressed before that starts a session without the keyboard. A toggle that did not take is
            # repeated after a second (never sooner, which could switch it back off).
            switch = next((a for a in walk(window) if a.getRoleName() == "check box"
                           and a.name == "Allow remote interaction"), None)
            if switch is not None and not switch.getState().contains(pyatspi.STATE_CHECKED):
                if toggled is None or time.monotonic() - toggled > 1.0:
                    switch.queryAction().doAction(0)
                    toggled = time.monotonic()
                time.sleep(0.02)
                continue
            target = button(window, "Share")
        else:
            target = button(window, "Cancel")
        if target is None or not target.getState().contains(pyatspi.STATE_SENSITIVE):
            time.sleep(0.02)
            continue
        if not target.queryAction().doAction(0):
            print("the button refused the click", flush=True)
            return 1
        print(f"answered {answer} at {time.monotonic():.4f}", flush=True)
        return 0
    print("no dialog" if seen is None else "the dialog could not be answered", flush=True)
    return 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["keyboard"]:
        keyboard()
    elif sys.argv[1:2] == ["consent"] and sys.argv[2:3] in (["allow"], ["deny"]):
        sys.exit(consent(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 60))
    else:
        print(__doc__ or "usage: gnome-portal-helper.py keyboard | consent allow|deny [SECONDS]", file=sys.stderr)
        sys.exit(2)
