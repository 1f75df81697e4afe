#include "keycapturewidget.h"

#include "platform/keyspec.h"

#include <QKeyEvent>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

bool isModifierKey(int key)
{
    return key == Qt::Key_Control || key == Qt::Key_Alt || key == Qt::Key_Shift || key == Qt::Key_Meta ||
           key == Qt::Key_Super_L || key == Qt::Key_Super_R || key == Qt::Key_AltGr;
}

// A modifier key on its own, side from the X11 keysym when the platform gives one (left otherwise).
QString modifierKeyName(int key, quint32 keysym)
{
    switch (keysym) {
    case 0xffe3:
        return u"LeftCtrl"_s;
    case 0xffe4:
        return u"RightCtrl"_s;
    case 0xffe9:
        return u"LeftAlt"_s;
    case 0xffea:
    case 0xfe03:
        return u"RightAlt"_s;
    case 0xffe1:
        return u"LeftShift"_s;
    case 0xffe2:
        return u"RightShift"_s;
    case 0xffeb:
        return u"LeftMeta"_s;
    case 0xffec:
        return u"RightMeta"_s;
    default:
        break;
    }
    switch (key) {
    case Qt::Key_Control:
        return u"LeftCtrl"_s;
    case Qt::Key_Alt:
        return u"LeftAlt"_s;
    case Qt::Key_AltGr:
        return u"RightAlt"_s;
    case Qt::Key_Shift:
        return u"LeftShift"_s;
    case Qt::Key_Super_R:
        return u"RightMeta"_s;
    default:
        return u"LeftMeta"_s;
    }
}

} // namespace

KeyCaptureWidget::KeyCaptureWidget(QWidget* parent)
    : QPushButton(parent)
{
    setCheckable(false);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleDescription(tr("Activate, then press the key or key combination to use."));
    connect(this, &QPushButton::clicked, this, [this] {
        if (!m_recording)
            startRecording();
    });
    updateText();
}

void KeyCaptureWidget::setKeySpec(const QString& spec)
{
    m_spec = spec;
    m_error.clear();
    updateText();
}

void KeyCaptureWidget::startRecording()
{
    m_recording = true;
    m_pendingModifierKey.clear();
    setFocus(Qt::OtherFocusReason);
    grabKeyboard();
    updateText();
    emit recordingChanged(true);
}

void KeyCaptureWidget::cancelRecording()
{
    if (!m_recording)
        return;
    m_recording = false;
    releaseKeyboard();
    updateText();
    emit recordingChanged(false);
}

QString KeyCaptureWidget::specFor(int qtKey, Qt::KeyboardModifiers modifiers, quint32 nativeVirtualKey)
{
    if (qtKey == 0 || qtKey == Qt::Key_unknown)
        return {};
    if (isModifierKey(qtKey))
        return modifierKeyName(qtKey, nativeVirtualKey);
    QString spec;
    if (modifiers & Qt::ControlModifier)
        spec += u"Ctrl+"_s;
    if (modifiers & Qt::AltModifier)
        spec += u"Alt+"_s;
    if (modifiers & Qt::ShiftModifier)
        spec += u"Shift+"_s;
    if (modifiers & Qt::MetaModifier)
        spec += u"Meta+"_s;
    const QString name = KeySpec::nameForQtKey(qtKey);
    if (name.isEmpty())
        return {};
    return spec + name;
}

void KeyCaptureWidget::keyPressEvent(QKeyEvent* event)
{
    if (!m_recording) {
        if ((event->key() == Qt::Key_Backspace || event->key() == Qt::Key_Delete) && m_allowEmpty) {
            finish({});
            return;
        }
        QPushButton::keyPressEvent(event);
        return;
    }
    event->accept();
    if (event->isAutoRepeat())
        return;
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (event->key() == Qt::Key_Escape && mods == Qt::NoModifier) {
        cancelRecording();
        return;
    }
    if (isModifierKey(event->key())) {
        // Wait: this is either the start of a chord or a modifier used alone (committed on release).
        const Qt::KeyboardModifiers others = mods & ~(event->key() == Qt::Key_Control ? Qt::ControlModifier
                                                      : event->key() == Qt::Key_Shift ? Qt::ShiftModifier
                                                      : event->key() == Qt::Key_Alt   ? Qt::AltModifier
                                                                                      : Qt::MetaModifier);
        m_pendingModifierKey =
            others == Qt::NoModifier ? specFor(event->key(), Qt::NoModifier, event->nativeVirtualKey()) : QString();
        return;
    }
    m_pendingModifierKey.clear();
    finish(specFor(event->key(), mods, event->nativeVirtualKey()));
}

void KeyCaptureWidget::keyReleaseEvent(QKeyEvent* event)
{
    if (!m_recording) {
        QPushButton::keyReleaseEvent(event);
        return;
    }
    event->accept();
    if (event->isAutoRepeat())
        return;
    if (isModifierKey(event->key()) && !m_pendingModifierKey.isEmpty())
        finish(m_pendingModifierKey);
}

bool KeyCaptureWidget::event(QEvent* event)
{
    // While recording, Tab and Shift+Tab are keys to record, not focus moves.
    if (m_recording && event->type() == QEvent::KeyPress) {
        keyPressEvent(static_cast<QKeyEvent*>(event));
        return true;
    }
    return QPushButton::event(event);
}

void KeyCaptureWidget::focusOutEvent(QFocusEvent* event)
{
    cancelRecording();
    QPushButton::focusOutEvent(event);
}

void KeyCaptureWidget::finish(const QString& spec)
{
    m_recording = false;
    releaseKeyboard();
    emit recordingChanged(false);
    if (spec.isEmpty() && !m_allowEmpty) {
        m_error = tr("That key cannot be used as a hotkey; try a function key or a chord such as Ctrl+Alt+Space.");
        updateText();
        emit keySpecChanged(m_spec);
        return;
    }
    if (!spec.isEmpty()) {
        const Result<KeySpec> parsed = KeySpec::parse(spec);
        if (!parsed.ok()) {
            m_error = parsed.error().message;
            updateText();
            emit keySpecChanged(m_spec);
            return;
        }
        m_spec = parsed->toString();
    } else {
        m_spec.clear();
    }
    m_error.clear();
    updateText();
    emit keySpecChanged(m_spec);
}

void KeyCaptureWidget::updateText()
{
    if (m_recording)
        setText(tr("Press a key or combination… (Esc cancels)"));
    else if (m_spec.isEmpty())
        setText(tr("None — click to record"));
    else
        setText(m_spec);
    setAccessibleName(tr("Hotkey: %1").arg(m_spec.isEmpty() ? tr("none") : m_spec));
}

} // namespace utter::ui
