#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Drives the utter-typetarget helper: starts it, waits until it has focus, and collects what it received.
class TargetWindow final
{
public:
    explicit TargetWindow(QStringList args = {},
                          const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
    ~TargetWindow();
    TargetWindow(const TargetWindow&) = delete;
    TargetWindow& operator=(const TargetWindow&) = delete;

    bool waitReady(int timeoutMs = 10000);
    // Everything typed or pasted so far, in order.
    QString text();
    // The chords used for pastes, in order ("Ctrl+V", "Ctrl+Shift+V", "Shift+Insert").
    QStringList pasteChords();
    QString errors() const { return m_errors; }

private:
    void read();

    QProcess m_process;
    QByteArray m_buffer;
    QString m_text;
    QStringList m_chords;
    QString m_errors;
    bool m_ready = false;
};
