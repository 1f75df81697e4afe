// Desktop app idle memory (issue 18, defect 10; goal ≤ 60 MB RSS after 100 dictations and every window opened).
// Starts the real `utter` desktop app under the test X server with the provider double and the PulseAudio virtual
// microphone, opens and closes every window (settings, history, doctor, setup wizard; the status window stands in
// for the tray under Xvfb and stays open), runs N dictations over IPC (dictation.begin, the microphone fed a
// fixture clip in real time, dictation.end, back to idle), then opens every window again, and prints the app's
// VmRSS / RssAnon (heap and other private memory) / RssFile at each step. The baseline, measured in the same run,
// is this program's --baseline mode: a bare QApplication with a tray icon (or, without a tray, a small window).
//
//   tests/with-services.sh build/bench/ui/bench_memory [--dictations N (100)] [--utter PATH] [--by-mapping]
// --by-mapping also lists which mappings (libraries, heap, anonymous) grew resident: by the windows, and after.
#include "doubletestutil.h"
#include "ipc/ipcclient.h"
#include "paths/locations.h"
#include "realtimefeeder.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QMap>
#include <QProcess>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTest>

#include <xcb/xcb.h>

#include <cstdio>
#include <memory>
#include <set>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

struct Memory
{
    double rssMb = -1;
    double anonMb = -1;
    double fileMb = -1;
};

Memory memoryOf(qint64 pid)
{
    Memory m;
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return m;
    for (const QByteArray& line : status.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() < 2)
            continue;
        const double mb = parts.at(1).toDouble() / 1024.0;
        if (parts.at(0) == "VmRSS:")
            m.rssMb = mb;
        else if (parts.at(0) == "RssAnon:")
            m.anonMb = mb;
        else if (parts.at(0) == "RssFile:")
            m.fileMb = mb;
    }
    return m;
}

// Resident KB per mapping (file path, [heap], [anon], ...) from /proc/PID/smaps: what grew, with --by-mapping.
QMap<QByteArray, qint64> residentByMapping(qint64 pid)
{
    QMap<QByteArray, qint64> kb;
    QFile smaps(u"/proc/%1/smaps"_s.arg(pid));
    if (!smaps.open(QIODevice::ReadOnly))
        return kb;
    QByteArray name;
    for (const QByteArray& line : smaps.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.isEmpty() || parts.at(0).isEmpty())
            continue;
        if (parts.at(0).contains('-') && !parts.at(0).endsWith(':')) { // a mapping's header line
            name = parts.size() >= 6 ? parts.at(5) : QByteArray("[anon]");
            if (name.startsWith("/memfd:"))
                name = "[memfd]";
        } else if (parts.at(0) == "Rss:" && parts.size() >= 2) {
            kb[name] += parts.at(1).toLongLong();
        }
    }
    return kb;
}

void printGrowth(const char* what, const QMap<QByteArray, qint64>& before, const QMap<QByteArray, qint64>& after)
{
    QList<std::pair<qint64, QByteArray>> growth;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (const qint64 grew = it.value() - before.value(it.key()); grew >= 64)
            growth.append({grew, it.key()});
    }
    std::sort(growth.begin(), growth.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::printf("  resident growth by mapping, %s (≥ 64 KB):\n", what);
    for (const auto& [grew, name] : growth)
        std::printf("    %+7lld KB  %s\n", static_cast<long long>(grew), name.constData());
}

// The app's mapped top-level windows, found on the X server by _NET_WM_PID (no window manager under Xvfb: the
// top levels are the root's children).
class XWindows final
{
public:
    XWindows()
        : m_conn(xcb_connect(nullptr, nullptr))
    {
        if (xcb_connection_has_error(m_conn))
            return;
        m_root = xcb_setup_roots_iterator(xcb_get_setup(m_conn)).data->root;
        m_pidAtom = atom("_NET_WM_PID");
        m_protocols = atom("WM_PROTOCOLS");
        m_delete = atom("WM_DELETE_WINDOW");
    }
    ~XWindows() { xcb_disconnect(m_conn); }
    bool ok() const { return m_root != 0; }

    std::set<xcb_window_t> visibleOf(qint64 pid) const
    {
        std::set<xcb_window_t> found;
        std::unique_ptr<xcb_query_tree_reply_t, decltype(&free)> tree(
            xcb_query_tree_reply(m_conn, xcb_query_tree(m_conn, m_root), nullptr), &free);
        if (!tree)
            return found;
        const xcb_window_t* children = xcb_query_tree_children(tree.get());
        for (int i = 0; i < xcb_query_tree_children_length(tree.get()); ++i) {
            std::unique_ptr<xcb_get_window_attributes_reply_t, decltype(&free)> attributes(
                xcb_get_window_attributes_reply(m_conn, xcb_get_window_attributes(m_conn, children[i]), nullptr),
                &free);
            if (!attributes || attributes->map_state != XCB_MAP_STATE_VIEWABLE)
                continue;
            std::unique_ptr<xcb_get_property_reply_t, decltype(&free)> property(
                xcb_get_property_reply(
                    m_conn, xcb_get_property(m_conn, 0, children[i], m_pidAtom, XCB_ATOM_CARDINAL, 0, 1), nullptr),
                &free);
            if (property && xcb_get_property_value_length(property.get()) == 4 &&
                *static_cast<const quint32*>(xcb_get_property_value(property.get())) == quint32(pid))
                found.insert(children[i]);
        }
        return found;
    }

    // What a window manager's close button sends.
    void close(xcb_window_t window) const
    {
        xcb_client_message_event_t event{};
        event.response_type = XCB_CLIENT_MESSAGE;
        event.format = 32;
        event.window = window;
        event.type = m_protocols;
        event.data.data32[0] = m_delete;
        event.data.data32[1] = XCB_CURRENT_TIME;
        xcb_send_event(m_conn, 0, window, XCB_EVENT_MASK_NO_EVENT, reinterpret_cast<const char*>(&event));
        xcb_flush(m_conn);
    }

private:
    xcb_atom_t atom(const char* name) const
    {
        std::unique_ptr<xcb_intern_atom_reply_t, decltype(&free)> reply(
            xcb_intern_atom_reply(m_conn, xcb_intern_atom(m_conn, 0, quint16(strlen(name)), name), nullptr), &free);
        return reply ? reply->atom : 0;
    }

    xcb_connection_t* m_conn;
    xcb_window_t m_root = 0;
    xcb_atom_t m_pidAtom = 0;
    xcb_atom_t m_protocols = 0;
    xcb_atom_t m_delete = 0;
};

int fail(const char* why, const QByteArray& log = {})
{
    std::fprintf(stderr, "bench_memory: %s\n%s\n", why, log.right(4000).constData());
    return 1;
}

int runBaseline(int argc, char** argv)
{
    QApplication app(argc, argv);
    QSystemTrayIcon tray(app.style()->standardIcon(QStyle::SP_ComputerIcon));
    QLabel window(u"baseline"_s);
    if (QSystemTrayIcon::isSystemTrayAvailable())
        tray.show();
    else
        window.show();
    return app.exec();
}

struct Row
{
    QByteArray step;
    Memory app;
};

} // namespace

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--baseline") == 0)
            return runBaseline(argc, argv);
    }
    QCoreApplication app(argc, argv);
    int dictations = 100;
    bool byMapping = false;
    QString utter = QStringLiteral(UTTER_BINARY_PATH);
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == u"--by-mapping"_s)
            byMapping = true;
        else if (i + 1 == args.size())
            break;
        else if (args.at(i) == u"--dictations"_s)
            dictations = std::max(0, args.at(++i).toInt());
        else if (args.at(i) == u"--utter"_s)
            utter = args.at(++i);
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY") || qEnvironmentVariableIsEmpty("UTTER_TEST_MIC_FIFO"))
        return fail("needs an X server and the virtual microphone: run it under tests/with-services.sh");
    if (qEnvironmentVariableIsEmpty("UTTER_BINARY"))
        qputenv("UTTER_BINARY", utter.toUtf8());
    XWindows x;
    if (!x.ok())
        return fail("cannot connect to the X server");

    QString why;
    const test::FixtureClips* clips = test::testFixtureClips(&why);
    if (!clips)
        return fail(qPrintable(u"fixture clips unavailable: "_s + why));
    test::ProviderDouble server;
    if (!server.start())
        return fail("the provider double did not start");
    server.setFixtures(*clips);
    test::TestHome home;
    home.applyToCurrentProcess();
    QProcessEnvironment env = home.environment();
    env.insert(u"UTTER_TRANSCRIBE_URL"_s, server.baseUrl() + u"/openai/v1"_s);
    env.insert(u"GROQ_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    for (const auto& [key, value] :
         {std::pair{u"ui/onboardingDone"_s, u"true"_s}, std::pair{u"output/methods"_s, u"xtest"_s}}) {
        if (test::runUtter({u"config"_s, u"set"_s, key, value}, env).exitCode != 0)
            return fail("utter config set failed");
    }

    // The baseline: a bare Qt application with a tray icon, idle.
    QProcess baseline;
    baseline.setProcessEnvironment(env);
    baseline.start(QCoreApplication::applicationFilePath(), {u"--baseline"_s});
    if (!baseline.waitForStarted(10000))
        return fail("the baseline did not start");
    QTest::qWait(2000);
    const Memory base = memoryOf(baseline.processId());
    baseline.kill();
    baseline.waitForFinished(5000);

    QProcess desktop;
    desktop.setProcessEnvironment(env);
    desktop.setProcessChannelMode(QProcess::SeparateChannels);
    QByteArray log;
    QObject::connect(&desktop, &QProcess::readyReadStandardError, [&] { log += desktop.readAllStandardError(); });
    desktop.start(utter, {});
    if (!desktop.waitForStarted(10000))
        return fail("utter did not start");
    const qint64 pid = desktop.processId();
    const QString socket = ipcEndpointName(Locations::fromEnvironment());
    const auto call = [&](const QString& method, const QJsonObject& params = {}) -> Result<QJsonValue> {
        IpcClient client(socket);
        if (Status connected = client.connectToServer(2000); !connected.ok())
            return connected.error();
        return client.call(method, params, 10000);
    };
    const auto state = [&] {
        const Result<QJsonValue> status = call(u"status.get"_s);
        return status.ok() ? status.value().toObject().value(u"state"_s).toString() : QString();
    };
    if (!QTest::qWaitFor([&] { return !state().isEmpty(); }, 30000))
        return fail("the desktop app did not answer on its socket", log);
    QTest::qWait(2000); // settle: deferred start work, the first paint
    QList<Row> rows;
    rows.append({"fresh (2 s after IPC answers)", memoryOf(pid)});
    const QMap<QByteArray, qint64> freshMappings = residentByMapping(pid);
    const std::set<xcb_window_t> atStart = x.visibleOf(pid); // the status window when there is no tray

    const auto openEveryWindow = [&]() -> bool {
        for (const QString& window : {u"settings"_s, u"history"_s, u"doctor"_s, u"setup"_s}) {
            if (!call(u"ui.show"_s, QJsonObject{{u"window"_s, window}}).ok())
                return false;
            std::set<xcb_window_t> opened;
            const bool shown = QTest::qWaitFor(
                [&] {
                    opened.clear();
                    for (xcb_window_t w : x.visibleOf(pid)) {
                        if (!atStart.count(w))
                            opened.insert(w);
                    }
                    return !opened.empty();
                },
                10000);
            if (!shown) {
                std::fprintf(stderr, "bench_memory: the %s window did not show\n", qPrintable(window));
                return false;
            }
            QTest::qWait(window == u"doctor"_s ? 3000 : 800); // painted; the doctor's checks run
            for (xcb_window_t w : opened)
                x.close(w);
            const bool closed = QTest::qWaitFor(
                [&] {
                    for (xcb_window_t w : x.visibleOf(pid)) {
                        if (!atStart.count(w))
                            return false;
                    }
                    return true;
                },
                10000);
            if (!closed) {
                std::fprintf(stderr, "bench_memory: the %s window did not close\n", qPrintable(window));
                return false;
            }
        }
        QTest::qWait(500);
        return true;
    };
    if (!openEveryWindow())
        return fail("opening the windows failed", log);
    rows.append({"after every window opened and closed", memoryOf(pid)});
    const QMap<QByteArray, qint64> windowsMappings = residentByMapping(pid);

    const QString fifo = qEnvironmentVariable("UTTER_TEST_MIC_FIFO");
    QElapsedTimer dictating;
    dictating.start();
    for (int run = 1; run <= dictations; ++run) {
        const QList<int> order{run % 5};
        const QList<qint16> speech = clips->utterance(order, 300, 200);
        std::vector<std::int16_t> audio(speech.begin(), speech.end());
        audio.resize(audio.size() + 16000 / 5); // 200 ms of silence after the words
        if (Result<QJsonValue> begun = call(u"dictation.begin"_s); !begun.ok())
            return fail(qPrintable(u"dictation.begin: "_s + begun.error().message), log);
        if (!QTest::qWaitFor([&] { return state() == u"listening"_s; }, 10000))
            return fail("the app did not start listening", log);
        {
            test::RealTimeFeeder feeder(fifo, audio);
            if (!QTest::qWaitFor([&] { return feeder.done(); }, 30000) || feeder.failed())
                return fail("the microphone feed failed");
        }
        if (Result<QJsonValue> ended = call(u"dictation.end"_s); !ended.ok())
            return fail(qPrintable(u"dictation.end: "_s + ended.error().message), log);
        if (!QTest::qWaitFor([&] { return log.count("text inserted") >= run && state() == u"idle"_s; }, 30000))
            return fail(qPrintable(u"dictation %1 did not deliver text"_s.arg(run)), log);
        if (run % 25 == 0 || run == dictations) {
            QTest::qWait(1000);
            rows.append({"after " + QByteArray::number(run) + " dictations", memoryOf(pid)});
        }
    }
    const double perDictationMs = dictations ? double(dictating.elapsed()) / dictations : 0;
    if (!openEveryWindow())
        return fail("opening the windows again failed", log);
    rows.append({"after every window again", memoryOf(pid)});
    QTest::qWait(3000);
    rows.append({"3 s later, idle", memoryOf(pid)});
    const QMap<QByteArray, qint64> endMappings = residentByMapping(pid);

    (void)call(u"service.shutdown"_s);
    if (!desktop.waitForFinished(15000))
        desktop.kill();

    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) != 3)
        load[0] = load[1] = load[2] = -1;
    std::printf("desktop app memory, %d dictations (%.0f ms each, provider double, virtual microphone), load %.2f "
                "%.2f %.2f — %s\n",
                dictations, perDictationMs, load[0], load[1], load[2], qPrintable(utter));
    std::printf("  %-40s VmRSS %6.1f MB  RssAnon %6.1f MB  RssFile %6.1f MB\n", "baseline (bare QApplication + tray)",
                base.rssMb, base.anonMb, base.fileMb);
    for (const Row& row : rows)
        std::printf("  %-40s VmRSS %6.1f MB  RssAnon %6.1f MB  RssFile %6.1f MB  ratio to baseline %.2f\n",
                    row.step.constData(), row.app.rssMb, row.app.anonMb, row.app.fileMb,
                    base.rssMb > 0 ? row.app.rssMb / base.rssMb : 0);
    const Memory& last = rows.last().app;
    std::printf("  growth fresh → end: VmRSS %+.1f MB, RssAnon %+.1f MB; goal VmRSS ≤ 60 MB at the end: %s\n",
                last.rssMb - rows.first().app.rssMb, last.anonMb - rows.first().app.anonMb,
                last.rssMb <= 60 ? "met" : "MISSED");
    if (byMapping) {
        printGrowth("fresh → every window opened", freshMappings, windowsMappings);
        printGrowth("every window opened → the end (the dictations, the windows again)", windowsMappings, endMappings);
    }
    return 0;
}
