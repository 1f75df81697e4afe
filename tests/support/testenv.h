#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

namespace utter::test
{

// A private set of Utter folders (config, data, runtime, logs) in a temporary directory, plus the environment
// that points a child `utter` process at them.
class TestHome final
{
public:
    TestHome();

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString configDir() const { return m_dir.filePath(QStringLiteral("config")); }
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    QString runtimeDir() const { return m_dir.filePath(QStringLiteral("runtime")); }
    QString logDir() const { return m_dir.filePath(QStringLiteral("logs")); }

    // The environment for a child process: the current one, minus provider keys and URL overrides from the
    // developer's shell, plus UTTER_*_DIR pointing here.
    QProcessEnvironment environment() const;
    // Sets UTTER_*_DIR in this process (for in-process tests of Locations-based code).
    void applyToCurrentProcess() const;

    // Every file under the home, read whole — for asserting that a secret never reached the disk.
    QByteArray allFileContents() const;

private:
    QTemporaryDir m_dir;
};

// The virtual microphone of tests/with-services.sh: its FIFO. Without it, empty, and the current test is skipped
// (failed when UTTER_TEST_SERVICES=1 promised the services): the caller returns.
QString virtualMicrophoneFifo();

} // namespace utter::test
