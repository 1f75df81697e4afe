#pragma once

#include <QPushButton>
#include <QStringList>

namespace utter::ui
{

// Records a hotkey: click (or press Space/Enter on it), then press a chord ("Ctrl+Alt+Space") or a single key
// ("F9", "RightCtrl" — a modifier pressed and released alone). The result is validated and spelled canonically
// by the platform key-spec parser, so what is shown is what the hotkey backend will grab. Escape cancels,
// Backspace clears when clearing is allowed.
class KeyCaptureWidget final : public QPushButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyCaptureWidget)

public:
    explicit KeyCaptureWidget(QWidget* parent = nullptr);

    QString keySpec() const { return m_spec; }
    void setKeySpec(const QString& spec);
    void setAllowEmpty(bool allow) { m_allowEmpty = allow; }
    bool isRecording() const { return m_recording; }
    void startRecording();
    void cancelRecording();

    // An error for the last recorded key (unsupported key), empty when it is valid.
    QString error() const { return m_error; }

    // Converts one key event to a key-spec string, or empty when the key has no name Utter can grab.
    static QString specFor(int qtKey, Qt::KeyboardModifiers modifiers, quint32 nativeVirtualKey);

signals:
    void keySpecChanged(const QString& spec);
    void recordingChanged(bool recording);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    bool event(QEvent* event) override;

private:
    void finish(const QString& spec);
    void updateText();

    QString m_spec;
    QString m_error;
    QString m_pendingModifierKey; // a modifier pressed alone, committed on its release
    bool m_recording = false;
    bool m_allowEmpty = false;
};

} // namespace utter::ui
