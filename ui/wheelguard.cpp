#include "wheelguard.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>

namespace utter::ui
{

namespace
{

QWidget* guardedField(QObject* object)
{
    if (auto* spin = qobject_cast<QAbstractSpinBox*>(object))
        return spin;
    if (auto* combo = qobject_cast<QComboBox*>(object))
        return combo;
    return nullptr;
}

} // namespace

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Wheel && event->type() != QEvent::Polish)
        return false;
    QWidget* field = guardedField(watched);
    if (!field)
        return false;
    if (event->type() == QEvent::Polish) {
        if (field->focusPolicy() == Qt::WheelFocus)
            field->setFocusPolicy(Qt::StrongFocus);
        return false;
    }
    if (field->hasFocus())
        return false;
    // Not handled here: QApplication offers an ignored wheel event to the parent widgets (the scroll area).
    event->ignore();
    return true;
}

} // namespace utter::ui
