#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>
#include <sys/types.h>

namespace utter::test
{

// A private D-Bus session bus (its own dbus-daemon, no activatable services) with a Secret Service that misbehaves
// on demand: tests/support/fakesecretservice.py. Point a child process (or, before its first D-Bus call, this
// one) at address() and its keychain is the fake.
//   FakeKeychain keychain;
//   QVERIFY2(keychain.start(FakeKeychain::Mode::Slow, 15, {{"groq", key}}), keychain.errors());
class FakeKeychain final
{
public:
    enum class Mode
    {
        Silent, // owns org.freedesktop.secrets and never answers
        Slow,   // answers nothing for delaySeconds after the first call, then everything
        Prompt, // a locked (or, without seeds, missing) collection: every access needs a prompt, which the
                // "user" answers delaySeconds after it is shown
        Locked, // a locked collection and nobody to ask (headless): every prompt is dismissed at once
    };

    FakeKeychain() = default;
    ~FakeKeychain() { stop(); }
    FakeKeychain(const FakeKeychain&) = delete;
    FakeKeychain& operator=(const FakeKeychain&) = delete;

    static bool available(QString* why)
    {
        if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty()) {
            *why = QStringLiteral("dbus-daemon is not installed");
            return false;
        }
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import gi")});
        if (!probe.waitForFinished(10000) || probe.exitCode() != 0) {
            *why = QStringLiteral("python3-gi is not installed");
            return false;
        }
        return true;
    }

    // Starts the bus (once) and a fake in that mode (replacing a running one). seeds: key name → value, stored the
    // way QtKeychain stores them for the service `service`.
    bool start(Mode mode, double delaySeconds = 15, const QList<std::pair<QString, QString>>& seeds = {},
               const QString& service = QStringLiteral("utter"))
    {
        if (m_address.isEmpty() && !startBus())
            return false;
        stopFake();
        QJsonArray items;
        for (const auto& [name, value] : seeds)
            items.append(QJsonObject{{QStringLiteral("attributes"),
                                      QJsonObject{{QStringLiteral("user"), name},
                                                  {QStringLiteral("server"), service},
                                                  {QStringLiteral("type"), QStringLiteral("plaintext")},
                                                  {QStringLiteral("xdg:schema"), QStringLiteral("org.qt.keychain")}}},
                                     {QStringLiteral("secret"), value}});
        const QString modeName = mode == Mode::Silent   ? QStringLiteral("silent")
                                 : mode == Mode::Slow   ? QStringLiteral("slow")
                                 : mode == Mode::Prompt ? QStringLiteral("prompt")
                                                        : QStringLiteral("locked");
        m_fake = std::make_unique<QProcess>();
        m_fake->setProcessEnvironment(environment());
        m_fake->setProcessChannelMode(QProcess::SeparateChannels);
        m_output.clear();
        QObject::connect(m_fake.get(), &QProcess::readyReadStandardOutput, m_fake.get(),
                         [this] { m_output += m_fake->readAllStandardOutput(); });
        m_fake->start(QStringLiteral("/usr/bin/python3"),
                      {script(), modeName, QStringLiteral("--delay"), QString::number(delaySeconds),
                       QStringLiteral("--seed"),
                       QString::fromUtf8(QJsonDocument(items).toJson(QJsonDocument::Compact))});
        if (!m_fake->waitForStarted(10000))
            return fail(QStringLiteral("cannot start ") + script());
        if (!QTest::qWaitFor([this] { return output().contains("ready") || m_fake->state() != QProcess::Running; },
                             15000) ||
            !output().contains("ready"))
            return fail(QStringLiteral("the fake Secret Service did not come up: ") +
                        QString::fromUtf8(m_fake->readAllStandardError()));
        return true;
    }

    QString address() const { return m_address; }
    // The current environment with DBUS_SESSION_BUS_ADDRESS pointing at the private bus.
    QProcessEnvironment environment(QProcessEnvironment base = QProcessEnvironment::systemEnvironment()) const
    {
        base.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_address);
        return base;
    }
    // What the fake printed: "ready", "answered METHOD" per answered call, "prompt completed", "created ATTRS".
    QByteArray output()
    {
        if (m_fake)
            m_output += m_fake->readAllStandardOutput();
        return m_output;
    }
    bool answered(const char* method) { return output().contains(QByteArray("answered ").append(method)); }
    // A slow service answers what waits, and prompts shown so far are answered, now (SIGUSR1).
    void wake()
    {
        if (m_fake && m_fake->state() == QProcess::Running)
            ::kill(pid_t(m_fake->processId()), SIGUSR1);
    }
    QString errors() const { return m_errors; }

    void stopFake()
    {
        if (m_fake && m_fake->state() != QProcess::NotRunning) {
            m_fake->kill();
            m_fake->waitForFinished(5000);
        }
        m_fake.reset();
    }

    void stop()
    {
        stopFake();
        if (m_bus && m_bus->state() != QProcess::NotRunning) {
            m_bus->kill();
            m_bus->waitForFinished(5000);
        }
        m_bus.reset();
        m_address.clear();
    }

private:
    static QString script()
    {
        return qEnvironmentVariable("UTTER_SOURCE_DIR") + QStringLiteral("/tests/support/fakesecretservice.py");
    }

    bool fail(const QString& why)
    {
        m_errors = why;
        return false;
    }

    bool startBus()
    {
        if (!m_dir.isValid())
            return fail(QStringLiteral("no temporary directory"));
        QFile config(m_dir.filePath(QStringLiteral("session.conf")));
        if (!config.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("cannot write the bus configuration"));
        config.write(
            QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                           "<busconfig><type>session</type><keep_umask/>"
                           "<listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
                           "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                           "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
                .arg(m_dir.path())
                .toUtf8());
        config.close();
        m_bus = std::make_unique<QProcess>();
        m_bus->start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + config.fileName(),
                                                     QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
        if (!m_bus->waitForStarted(10000))
            return fail(QStringLiteral("cannot start dbus-daemon"));
        if (!QTest::qWaitFor([this] { return m_bus->canReadLine() || m_bus->state() != QProcess::Running; }, 10000) ||
            !m_bus->canReadLine())
            return fail(QStringLiteral("dbus-daemon printed no address: ") +
                        QString::fromUtf8(m_bus->readAllStandardError()));
        m_address = QString::fromUtf8(m_bus->readLine()).trimmed();
        return !m_address.isEmpty();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_bus;
    std::unique_ptr<QProcess> m_fake;
    QString m_address;
    QByteArray m_output;
    QString m_errors;
};

} // namespace utter::test
