#include "targetwindow.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

TargetWindow::TargetWindow(QStringList args, const QProcessEnvironment& env)
{
    m_process.setProcessEnvironment(env);
    m_process.start(qEnvironmentVariable("UTTER_TYPETARGET"), args);
}

TargetWindow::~TargetWindow()
{
    m_process.kill();
    m_process.waitForFinished(3000);
}

void TargetWindow::read()
{
    m_buffer += m_process.readAllStandardOutput();
    m_errors += QString::fromUtf8(m_process.readAllStandardError());
    qsizetype nl;
    while ((nl = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(nl);
        m_buffer.remove(0, nl + 1);
        if (line == "READY") {
            m_ready = true;
        } else if (line.startsWith("K ")) {
            m_text += QString::fromUtf8(QByteArray::fromHex(line.mid(2)));
        } else if (line.startsWith("P ")) {
            const QList<QByteArray> parts = line.split(' ');
            m_chords << QString::fromLatin1(parts.value(1));
            m_text += QString::fromUtf8(QByteArray::fromHex(parts.value(2)));
        }
    }
}

bool TargetWindow::waitReady(int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs && !m_ready; waited += 20) {
        if (m_process.state() == QProcess::NotRunning)
            break;
        QTest::qWait(20);
        read();
    }
    // A freshly mapped window may still be settling; give the server a round trip's worth of time.
    QTest::qWait(50);
    return m_ready;
}

QString TargetWindow::text()
{
    read();
    return m_text;
}

QStringList TargetWindow::pasteChords()
{
    read();
    return m_chords;
}
