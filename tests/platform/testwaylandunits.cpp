#include "platform/linux/wayland/kglobalaccelhotkeys.h"
#include "platform/linux/wayland/portalhotkeys.h"
#include "platform/linux/wayland/waylandfocus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

// A compositor's IPC socket (sway's i3-ipc) in this process: it accepts, reads the request and answers only when
// told to — or never.
class FakeCompositor final : public QObject
{
public:
    explicit FakeCompositor(const QString& path)
    {
        QLocalServer::removeServer(path);
        listening = m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* client = m_server.nextPendingConnection()) {
                clients << client;
                connect(client, &QLocalSocket::readyRead, this, [this, client] { received += client->readAll(); });
            }
        });
    }

    // Answers every client with a get_tree reply whose focused window is appId.
    void answer(const QString& appId)
    {
        const QByteArray tree = QJsonDocument(QJsonObject{
                                                  {u"type"_s, u"root"_s},
                                                  {u"nodes"_s, QJsonArray{QJsonObject{{u"type"_s, u"con"_s},
                                                                                      {u"focused"_s, true},
                                                                                      {u"app_id"_s, appId},
                                                                                      {u"name"_s, u"Notes"_s},
                                                                                      {u"id"_s, 7}}}},
                                              })
                                    .toJson(QJsonDocument::Compact);
        for (QLocalSocket* client : std::as_const(clients)) {
            if (client->state() == QLocalSocket::ConnectedState)
                client->write(SwayFocusProbe::message(4, tree));
        }
    }

    bool stillWaiting() const { return !clients.isEmpty() && clients.last()->state() == QLocalSocket::ConnectedState; }

    bool listening = false;
    QList<QLocalSocket*> clients;
    QByteArray received;

private:
    QLocalServer m_server;
};

} // namespace

class TestWaylandUnits : public QObject
{
    Q_OBJECT

private slots:
    // The key press asks and returns; a compositor that never answers costs the dictation its app, never a wait.
    void swayProbeNeverWaitsForAStalledCompositor()
    {
        QTemporaryDir dir;
        FakeCompositor compositor(dir.filePath(u"sway-ipc.sock"_s));
        QVERIFY(compositor.listening);
        qputenv("SWAYSOCK", dir.filePath(u"sway-ipc.sock"_s).toLocal8Bit());
        SwayFocusProbe probe;
        std::optional<TargetApp> answer;
        probe.request(this, [&answer](const TargetApp& app) { answer = app; });
        QVERIFY(!answer); // asked, not waited for
        // The request reaches the compositor and stays unanswered, the connection open: nothing gave up on it.
        QTRY_COMPARE(compositor.received, SwayFocusProbe::message(4, {}));
        QVERIFY(compositor.stillWaiting());
        QVERIFY(!answer);
        // At the probe's limit the answer is "unknown", and the connection is let go.
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), FocusProbe::answerLimitMs + 2000);
        QCOMPARE(answer->appId, u"unknown"_s);
        QTRY_VERIFY(!compositor.stillWaiting());
        qunsetenv("SWAYSOCK");
    }

    void swayProbeAnswersWhenTheCompositorDoes()
    {
        QTemporaryDir dir;
        FakeCompositor compositor(dir.filePath(u"sway-ipc.sock"_s));
        QVERIFY(compositor.listening);
        qputenv("SWAYSOCK", dir.filePath(u"sway-ipc.sock"_s).toLocal8Bit());
        SwayFocusProbe probe;
        std::optional<TargetApp> answer;
        probe.request(this, [&answer](const TargetApp& app) { answer = app; });
        QTRY_VERIFY(compositor.stillWaiting() && !compositor.received.isEmpty());
        compositor.answer(u"org.example.Notes"_s);
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(answer->appId, u"org.example.Notes"_s);
        QCOMPARE(answer->title, u"Notes"_s);
        QCOMPARE(answer->windowId, quint64(7));

        // A context destroyed before the answer takes the question along: no call into a dead object.
        bool called = false;
        {
            QObject context;
            probe.request(&context, [&called](const TargetApp&) { called = true; });
        }
        QTest::qWait(50);
        QVERIFY(!called);

        // No compositor at the path: "unknown" at once, through the event loop.
        qputenv("SWAYSOCK", dir.filePath(u"nobody.sock"_s).toLocal8Bit());
        std::optional<TargetApp> none;
        probe.request(this, [&none](const TargetApp& app) { none = app; });
        QTRY_VERIFY(none.has_value());
        QCOMPARE(none->appId, u"unknown"_s);
        qunsetenv("SWAYSOCK");
    }

    void i3ipcFraming()
    {
        const QByteArray message = SwayFocusProbe::message(4, "{}");
        QCOMPARE(message.left(6), QByteArray("i3-ipc"));
        QCOMPARE(message.size(), 6 + 8 + 2);
        QVERIFY(!SwayFocusProbe::replyPayload(message.left(10)));
        QVERIFY(!SwayFocusProbe::replyPayload(message.left(15)));
        QCOMPARE(SwayFocusProbe::replyPayload(message + "trailing").value(), QByteArray("{}"));
    }

    void portalTriggers()
    {
        QCOMPARE(PortalHotkeys::preferredTrigger(*KeySpec::parse(u"Ctrl+Alt+Space"_s)), u"CTRL+ALT+space"_s);
        QCOMPARE(PortalHotkeys::preferredTrigger(*KeySpec::parse(u"F9"_s)), u"F9"_s);
        QCOMPARE(PortalHotkeys::preferredTrigger(*KeySpec::parse(u"Meta+Shift+D"_s)), u"SHIFT+LOGO+d"_s);
        QCOMPARE(PortalHotkeys::preferredTrigger(*KeySpec::parse(u"RightCtrl"_s)), u"Control_R"_s);
    }

    void kglobalaccelKeyCodes()
    {
        // What KWin's kglobalaccel compares a pressed key against: Qt::Key | Qt modifier bits.
        const auto code = [](const QString& text) { return KGlobalAccelHotkeys::qtKeyCode(*KeySpec::parse(text)); };
        QCOMPARE(code(u"F9"_s), int(Qt::Key_F9));
        QCOMPARE(code(u"Ctrl+Alt+Space"_s), int(Qt::ControlModifier | Qt::AltModifier) | Qt::Key_Space);
        QCOMPARE(code(u"Ctrl+Alt+Space"_s), 0x0C000020);
        QCOMPARE(code(u"Meta+Shift+D"_s), int(Qt::MetaModifier | Qt::ShiftModifier) | Qt::Key_D);
        QCOMPARE(code(u"Ctrl+7"_s), int(Qt::ControlModifier) | Qt::Key_7);
        QCOMPARE(code(u"F24"_s), int(Qt::Key_F24));
        QCOMPARE(code(u"Alt+PrintScreen"_s), int(Qt::AltModifier) | Qt::Key_Print);
        QCOMPARE(code(u"Ctrl+Grave"_s), int(Qt::ControlModifier) | Qt::Key_QuoteLeft);
        QCOMPARE(code(u"RightCtrl"_s), 0); // a modifier key on its own: kglobalaccel cannot bind it
        // Every key Utter accepts (with a modifier) has a code.
        for (const QString& name : KeySpec::keyNames()) {
            const Result<KeySpec> spec = KeySpec::parse(u"Ctrl+Alt+"_s + name);
            if (spec.ok() && !spec->isModifierKey())
                QVERIFY2(KGlobalAccelHotkeys::qtKeyCode(*spec) != 0, qPrintable(name));
        }
    }

    void swayTree()
    {
        const QByteArray json = R"({"type":"root","nodes":[{"type":"output","nodes":[{"type":"workspace",
            "focused":false,"nodes":[{"type":"con","focused":false,"app_id":"firefox","name":"Mozilla"},
            {"type":"con","focused":true,"app_id":null,"name":"xterm","pid":1,
             "window_properties":{"class":"XTerm","instance":"xterm"}}]}]}]})";
        const TargetApp app = SwayFocusProbe::focusedFromTree(QJsonDocument::fromJson(json).object());
        QCOMPARE(app.appId, u"XTerm"_s); // XWayland window: class from window_properties
        QVERIFY(app.isTerminal);
        const QByteArray none = R"({"type":"root","nodes":[]})";
        QCOMPARE(SwayFocusProbe::focusedFromTree(QJsonDocument::fromJson(none).object()).appId, u"unknown"_s);
    }

    void hyprlandActiveWindow()
    {
        const QByteArray json = R"({"address":"0x55d1","class":"kitty","title":"~","pid":1})";
        const TargetApp app = HyprlandFocusProbe::fromActiveWindow(QJsonDocument::fromJson(json).object());
        QCOMPARE(app.appId, u"kitty"_s);
        QVERIFY(app.isTerminal);
        QCOMPARE(app.windowId, quint64(0x55d1));
    }
};

QTEST_GUILESS_MAIN(TestWaylandUnits)
#include "testwaylandunits.moc"
