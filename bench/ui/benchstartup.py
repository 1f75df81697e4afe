#!/usr/bin/env python3
"""Desktop app start-up: process start -> tray (or status window) shown, and -> the control socket answering.

Runs the real `utter` (no verb: the desktop app) RUNS times, warm (one unmeasured run first fills the page cache),
each time in a fresh private home, and prints the median and range of

  tray shown     the app's own log line "tray icon shown N ms after process start" (or "status window shown";
                 measured from the kernel's process start time, /proc/self/stat)
  IPC answering  from spawning the process to the first answered `status.get` on its control socket (this script
                 polls the socket every 2 ms)

against a baseline measured in the same run: the same binary's `utter --version` (process start, Qt and library
load, exit), so the ratio says what the desktop app adds to starting the executable at all.

Needs a display (run it under tests/with-services.sh, which starts Xvfb, PulseAudio and gnome-keyring on a private
bus). The environment is inherited, so the keychain the app meets is whatever DBUS_SESSION_BUS_ADDRESS points at:
run it on a bus with a Secret Service that never answers to measure the start with an unresponsive keychain.

  tests/with-services.sh python3 bench/ui/benchstartup.py build/app/utter [RUNS]
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

GOAL_MS = 300  # DESIGN: tray visible and IPC answering within 300 ms, warm


def private_env(home):
    env = dict(os.environ)
    for key in list(env):
        if key.endswith("_API_KEY") or (key.startswith("UTTER_") and key.endswith("_URL")):
            del env[key]
    for name in ("config", "data", "runtime", "logs"):
        os.makedirs(os.path.join(home, name), mode=0o700, exist_ok=True)
    env.update(
        UTTER_CONFIG_DIR=os.path.join(home, "config"),
        UTTER_DATA_DIR=os.path.join(home, "data"),
        UTTER_RUNTIME_DIR=os.path.join(home, "runtime"),
        UTTER_LOG_DIR=os.path.join(home, "logs"),
        LANG="C.UTF-8",
    )
    env.setdefault("QT_QPA_PLATFORM", "xcb")
    # No first-run assistant: it is not part of start-up.
    with open(os.path.join(home, "config", "utter.ini"), "w", encoding="utf-8") as ini:
        ini.write("[ui]\nonboardingDone=true\n")
    return env


def status_answered(path):
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(1.0)
            s.connect(path)
            s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"status.get"}\n')
            data = b""
            while b"\n" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    return False
                data += chunk
            return "result" in json.loads(data.split(b"\n", 1)[0])
    except (OSError, ValueError):
        return False


def shown_ms(log_path, deadline):
    """The app's "... shown N ms after process start" log line, or None."""
    while time.monotonic() < deadline:
        try:
            with open(log_path, encoding="utf-8") as log:
                for line in log:
                    message = json.loads(line).get("msg", "") if line.startswith("{") else line
                    if " shown " in message and "ms after process start" in message:
                        words = message.split()
                        return float(words[words.index("after") - 2])
        except (OSError, ValueError):
            pass
        time.sleep(0.005)
    return None


def one_run(binary, timeout_s=30.0):
    with tempfile.TemporaryDirectory(prefix="utter-bench-") as home:
        env = private_env(home)
        sock = os.path.join(home, "runtime", "utter.sock")
        started = time.monotonic()
        app = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        ipc_ms = None
        try:
            deadline = started + timeout_s
            while time.monotonic() < deadline and app.poll() is None:
                if os.path.exists(sock) and status_answered(sock):
                    ipc_ms = (time.monotonic() - started) * 1000.0
                    break
                time.sleep(0.002)
            tray_ms = shown_ms(os.path.join(home, "logs", "utter.log"), started + timeout_s)
        finally:
            if app.poll() is None:
                app.terminate()  # the graceful shutdown (SIGTERM)
                try:
                    app.wait(15)
                except subprocess.TimeoutExpired:
                    app.kill()
                    app.wait()
        if ipc_ms is None or tray_ms is None:
            err = app.stderr.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"the desktop app did not come up (exit {app.returncode}):\n{err}")
        return tray_ms, ipc_ms


def baseline_run(binary):
    started = time.monotonic()
    subprocess.run([binary, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.monotonic() - started) * 1000.0


def describe(values):
    return f"median {statistics.median(values):7.1f} ms  (min {min(values):.1f}, max {max(values):.1f})"


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("benchstartup: no display; run it under tests/with-services.sh", file=sys.stderr)
        return 2
    one_run(binary)  # warm-up, not measured
    baseline_run(binary)
    tray, ipc, base = [], [], []
    for _ in range(runs):
        base.append(baseline_run(binary))
        t, i = one_run(binary)
        tray.append(t)
        ipc.append(i)
    load = os.getloadavg()
    print(f"desktop app start-up, warm, {runs} runs, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{os.cpu_count()} CPUs")
    print(f"  baseline `utter --version`  {describe(base)}")
    print(f"  tray shown                  {describe(tray)}  ratio {statistics.median(tray) / statistics.median(base):.2f}")
    print(f"  IPC answering               {describe(ipc)}  ratio {statistics.median(ipc) / statistics.median(base):.2f}")
    worst = max(statistics.median(tray), statistics.median(ipc))
    print(f"  goal <= {GOAL_MS} ms: {'met' if worst <= GOAL_MS else 'NOT met'} (median of the later of the two)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
