#include "testenv.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace utter::test
{

TestHome::TestHome()
{
    m_dir.setAutoRemove(true);
}

QProcessEnvironment TestHome::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList keys = env.keys();
    for (const QString& key : keys) {
        if (key.endsWith(u"_API_KEY"_s) || (key.startsWith(u"UTTER_"_s) && key.endsWith(u"_URL"_s)))
            env.remove(key);
    }
    env.insert(u"UTTER_CONFIG_DIR"_s, configDir());
    env.insert(u"UTTER_DATA_DIR"_s, dataDir());
    env.insert(u"UTTER_RUNTIME_DIR"_s, runtimeDir());
    env.insert(u"UTTER_LOG_DIR"_s, logDir());
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    return env;
}

void TestHome::applyToCurrentProcess() const
{
    qputenv("UTTER_CONFIG_DIR", configDir().toLocal8Bit());
    qputenv("UTTER_DATA_DIR", dataDir().toLocal8Bit());
    qputenv("UTTER_RUNTIME_DIR", runtimeDir().toLocal8Bit());
    qputenv("UTTER_LOG_DIR", logDir().toLocal8Bit());
}

QByteArray TestHome::allFileContents() const
{
    QByteArray all;
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

QString virtualMicrophoneFifo()
{
    const QString fifo = qEnvironmentVariable("UTTER_TEST_MIC_FIFO");
    if (!fifo.isEmpty() && !qEnvironmentVariableIsEmpty("PULSE_SERVER"))
        return fifo;
    if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
        QTest::qFail("UTTER_TEST_SERVICES=1 but there is no virtual microphone", __FILE__, __LINE__);
    else
        QTest::qSkip("needs tests/with-services.sh (virtual microphone)", __FILE__, __LINE__);
    return {};
}

} // namespace utter::test
