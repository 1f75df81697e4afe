#include "theme.h"

namespace utter::ui
{

ColorScheme colorSchemeOf(const QPalette& palette)
{
    const QColor window = palette.color(QPalette::Window);
    const QColor text = palette.color(QPalette::WindowText);
    return window.lightness() < text.lightness() ? ColorScheme::Dark : ColorScheme::Light;
}

} // namespace utter::ui
