#include "x11output.h"

#include "logging/logging.h"
#include "platform/clipboardsnapshot.h"
#include "platform/guiapplication.h"
#include "xtestkeyboard.h"

#include <QAbstractNativeEventFilter>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QTimer>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace x11
{

// Counts the selection requests Qt's clipboard receives: proof that the target really read what Utter put
// on the clipboard (X11 clipboards are served by their owner on request).
class SelectionRequestWatcher final : public QAbstractNativeEventFilter
{
public:
    explicit SelectionRequestWatcher(xcb_atom_t targetsAtom)
        : m_targets(targetsAtom)
    {
        guiApplication()->installNativeEventFilter(this);
    }
    ~SelectionRequestWatcher() override
    {
        if (QGuiApplication* app = guiApplication())
            app->removeNativeEventFilter(this);
    }
    SelectionRequestWatcher(const SelectionRequestWatcher&) = delete;
    SelectionRequestWatcher& operator=(const SelectionRequestWatcher&) = delete;

    bool nativeEventFilter(const QByteArray& eventType, void* message, qintptr*) override
    {
        if (eventType != "xcb_generic_event_t")
            return false;
        const auto* event = static_cast<const xcb_generic_event_t*>(message);
        if ((event->response_type & 0x7f) == XCB_SELECTION_REQUEST) {
            const auto* request = static_cast<const xcb_selection_request_event_t*>(message);
            if (request->target != m_targets) // TARGETS only asks which formats exist
                ++m_dataRequests;
        }
        return false;
    }
    void reset() { m_dataRequests = 0; }
    int dataRequests() const { return m_dataRequests; }

private:
    xcb_atom_t m_targets;
    int m_dataRequests = 0;
};

} // namespace x11

namespace
{

constexpr std::uint32_t kControlL = 0xffe3;
constexpr std::uint32_t kShiftL = 0xffe1;
constexpr std::uint32_t kLowerV = 0x76;
constexpr std::uint32_t kInsert = 0xff63;
constexpr std::uint32_t kReturn = 0xff0d;

bool isXtermLike(const QString& appId)
{
    const QString id = appId.toLower();
    return id == u"xterm"_s || id == u"uxterm"_s || id == u"urxvt"_s || id == u"rxvt"_s || id.startsWith(u"xterm-"_s);
}

xcb_atom_t internAtom(xcb_connection_t* c, const char* name)
{
    x11::Reply<xcb_intern_atom_reply_t> reply(
        xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, std::uint16_t(std::strlen(name)), name), nullptr));
    return reply ? reply->atom : XCB_NONE;
}

} // namespace

// ---------------------------------------------------------------------------------------------------- XTest

XTestOutput::XTestOutput()
{
    m_restoreTimer.setSingleShot(true);
    m_restoreTimer.setInterval(2000);
    m_restoreTimer.callOnTimeout([this] {
        if (m_keyboard)
            m_keyboard->restoreIdleMappings();
    });
}

XTestOutput::~XTestOutput() = default;

Status XTestOutput::probe()
{
    if (m_keyboard && !xcb_connection_has_error(m_keyboard->connection()))
        return {};
    QString error;
    m_keyboard = x11::XTestKeyboard::open(&error);
    if (!m_keyboard)
        return Error(ErrorCode::Unsupported, error);
    return {};
}

void XTestOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                         InsertCallback done)
{
    Q_UNUSED(target)
    if (Status status = probe(); !status.ok()) {
        done(InsertResult::retry(name(), status.error()));
        return;
    }
    if (!m_keyboard->waitForModifiersReleased(400))
        qCInfo(lcInject) << "modifier keys still held after 400 ms; released them synthetically";
    const x11::XTestKeyboard::TypeStats stats = m_keyboard->type(options.pressEnter ? text + u'\n' : text);
    if (m_keyboard->hasTemporaryMappings())
        m_restoreTimer.start();
    if (xcb_connection_has_error(m_keyboard->connection())) {
        m_keyboard.reset();
        done(InsertResult::retry(name(), Error(ErrorCode::Failed, u"Lost the connection to the X server."_s)));
        return;
    }
    if (stats.characters == 0 && !text.isEmpty()) {
        done(InsertResult::failed(name(), Error(ErrorCode::InjectionBlocked,
                                                u"None of the characters has a key, even through a temporary "
                                                "mapping; the X server offers no spare keycodes."_s)));
        return;
    }
    done(InsertResult::success(
        name(), u"typed %1 characters (%2 through temporary keysyms)"_s.arg(stats.characters).arg(stats.remapped)));
}

// ---------------------------------------------------------------------------------------------------- paste

X11PasteOutput::X11PasteOutput(QObject* parent)
    : QObject(parent)
{}

X11PasteOutput::~X11PasteOutput() = default;

Status X11PasteOutput::probe()
{
    if (!guiApplication() || QGuiApplication::platformName() != u"xcb"_s)
        return Error(ErrorCode::Unsupported, u"The clipboard paste needs the desktop app or `utter serve` running "
                                             "on the X11 display (Qt platform xcb)."_s);
    if (!m_keyboard || xcb_connection_has_error(m_keyboard->connection())) {
        QString error;
        m_keyboard = x11::XTestKeyboard::open(&error);
        if (!m_keyboard)
            return Error(ErrorCode::Unsupported, error);
        m_watcher = std::make_unique<x11::SelectionRequestWatcher>(internAtom(m_keyboard->connection(), "TARGETS"));
    }
    return {};
}

void X11PasteOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                            InsertCallback done)
{
    if (Status status = probe(); !status.ok()) {
        done(InsertResult::failed(name(), status.error()));
        return;
    }
    const bool usePrimary = target.isTerminal && isXtermLike(target.appId);
    const QClipboard::Mode mode = usePrimary ? QClipboard::Selection : QClipboard::Clipboard;
    std::vector<std::uint32_t> chord = {kControlL, kLowerV};
    QString chordName = u"Ctrl+V"_s;
    if (usePrimary) {
        chord = {kShiftL, kInsert};
        chordName = u"Shift+Insert"_s;
    } else if (target.isTerminal) {
        chord = {kControlL, kShiftL, kLowerV};
        chordName = u"Ctrl+Shift+V"_s;
    }

    auto snapshot = std::make_shared<ClipboardSnapshot>();
    if (options.restoreClipboard)
        *snapshot = ClipboardSnapshot::take(mode);
    QGuiApplication::clipboard()->setMimeData(transientTextMimeData(text).release(), mode);
    if (!m_keyboard->waitForModifiersReleased(400))
        qCInfo(lcInject) << "modifier keys still held after 400 ms; released them synthetically";
    m_watcher->reset();
    if (!m_keyboard->chord(chord)) {
        done(InsertResult::failed(
            name(), Error(ErrorCode::InjectionBlocked, u"The keyboard layout has no key for %1."_s.arg(chordName))));
        return;
    }

    // Wait (with the event loop running, so Qt can serve the selection) until the target has read the text.
    auto* job = new QTimer(this); // parent-owned; deletes itself when done
    job->setInterval(5);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto seenAt = std::make_shared<qint64>(-1);
    const int limit = std::max(options.restoreDelayMs, 100);
    connect(job, &QTimer::timeout, this, [=, this] {
        if (*seenAt < 0 && m_watcher->dataRequests() > 0)
            *seenAt = timer->elapsed();
        const bool read = *seenAt >= 0;
        // After the first read, leave the target a moment for follow-up requests (other formats).
        if ((read && timer->elapsed() - *seenAt < 40) || (!read && timer->elapsed() < limit))
            return;
        job->stop();
        job->deleteLater();
        if (!read) {
            done(InsertResult::failed(
                name(),
                Error(ErrorCode::InjectionBlocked,
                      u"%1 was sent but the focused window did not read the clipboard within %2 ms"_s.arg(chordName)
                          .arg(limit))));
            return;
        }
        if (options.pressEnter)
            m_keyboard->chord({kReturn});
        if (options.restoreClipboard) {
            if (clipboardHoldsText(text, mode))
                snapshot->restore(mode);
            else
                qCInfo(lcInject) << "clipboard changed since the paste; not restoring it";
        }
        done(InsertResult::success(name(), u"pasted with %1"_s.arg(chordName)));
    });
    job->start();
}

// ---------------------------------------------------------------------------------------------------- focus

X11FocusProbe::X11FocusProbe()
{
    m_connection = x11::connectToDisplay(nullptr);
}

X11FocusProbe::~X11FocusProbe() = default;

namespace
{

QByteArray property(xcb_connection_t* c, xcb_window_t window, xcb_atom_t atom, xcb_atom_t type)
{
    x11::Reply<xcb_get_property_reply_t> reply(
        xcb_get_property_reply(c, xcb_get_property(c, 0, window, atom, type, 0, 1024), nullptr));
    if (!reply || reply->format != 8)
        return {};
    return QByteArray(static_cast<const char*>(xcb_get_property_value(reply.get())),
                      xcb_get_property_value_length(reply.get()));
}

xcb_window_t windowProperty(xcb_connection_t* c, xcb_window_t window, xcb_atom_t atom)
{
    x11::Reply<xcb_get_property_reply_t> reply(
        xcb_get_property_reply(c, xcb_get_property(c, 0, window, atom, XCB_ATOM_WINDOW, 0, 1), nullptr));
    if (!reply || reply->format != 32 || xcb_get_property_value_length(reply.get()) < 4)
        return 0;
    return *static_cast<const xcb_window_t*>(xcb_get_property_value(reply.get()));
}

// The window carrying WM_CLASS: the window itself, an ancestor (focus on a child widget), or a child (focus
// on a window manager frame).
xcb_window_t clientWindow(xcb_connection_t* c, xcb_window_t window, xcb_window_t root, int depth = 0)
{
    if (!property(c, window, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING).isEmpty())
        return window;
    x11::Reply<xcb_query_tree_reply_t> tree(xcb_query_tree_reply(c, xcb_query_tree(c, window), nullptr));
    if (!tree)
        return 0;
    if (depth == 0) {
        for (xcb_window_t up = tree->parent; up && up != root;) {
            if (!property(c, up, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING).isEmpty())
                return up;
            x11::Reply<xcb_query_tree_reply_t> t(xcb_query_tree_reply(c, xcb_query_tree(c, up), nullptr));
            up = t ? t->parent : 0;
        }
    }
    if (depth >= 2)
        return 0;
    const xcb_window_t* children = xcb_query_tree_children(tree.get());
    for (int i = xcb_query_tree_children_length(tree.get()) - 1; i >= 0; --i) {
        if (xcb_window_t found = clientWindow(c, children[i], root, depth + 1))
            return found;
    }
    return 0;
}

} // namespace

TargetApp X11FocusProbe::focusedApp()
{
    TargetApp app;
    if (!m_connection || xcb_connection_has_error(m_connection.get()))
        m_connection = x11::connectToDisplay(nullptr);
    if (!m_connection)
        return app;
    xcb_connection_t* c = m_connection.get();
    const xcb_window_t root = xcb_setup_roots_iterator(xcb_get_setup(c)).data->root;
    xcb_window_t window = windowProperty(c, root, internAtom(c, "_NET_ACTIVE_WINDOW"));
    if (window == 0) {
        // No EWMH window manager: ask the server.
        x11::Reply<xcb_get_input_focus_reply_t> focus(xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
        window = focus ? focus->focus : 0;
        if (window == XCB_INPUT_FOCUS_POINTER_ROOT || window == root) {
            x11::Reply<xcb_query_pointer_reply_t> pointer(
                xcb_query_pointer_reply(c, xcb_query_pointer(c, root), nullptr));
            window = pointer ? pointer->child : 0;
        }
    }
    if (window == 0)
        return app;
    const xcb_window_t client = clientWindow(c, window, root);
    app.windowId = client ? client : window;
    // Where it is: its size, and its origin translated to the root (a window manager reparents it into a frame).
    x11::Reply<xcb_get_geometry_reply_t> geometry(
        xcb_get_geometry_reply(c, xcb_get_geometry(c, xcb_window_t(app.windowId)), nullptr));
    x11::Reply<xcb_translate_coordinates_reply_t> origin(xcb_translate_coordinates_reply(
        c, xcb_translate_coordinates(c, xcb_window_t(app.windowId), root, 0, 0), nullptr));
    if (geometry && origin)
        app.geometry = QRect(origin->dst_x, origin->dst_y, geometry->width, geometry->height);
    if (client) {
        // WM_CLASS is "instance\0class\0".
        const QList<QByteArray> parts = property(c, client, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING).split('\0');
        const QString instance = QString::fromLocal8Bit(parts.value(0));
        const QString klass = QString::fromLocal8Bit(parts.value(1));
        app.appId = !klass.isEmpty() ? klass : instance;
        app.isTerminal = isTerminalAppId(klass) || isTerminalAppId(instance);
        QByteArray title = property(c, client, internAtom(c, "_NET_WM_NAME"), internAtom(c, "UTF8_STRING"));
        if (title.isEmpty())
            title = property(c, client, XCB_ATOM_WM_NAME, XCB_ATOM_STRING);
        app.title = QString::fromUtf8(title);
    }
    return app;
}

} // namespace utter
