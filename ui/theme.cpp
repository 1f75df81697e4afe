#include "theme.h"

#include <QApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

ColorScheme colorSchemeOf(const QPalette& palette)
{
    const QColor window = palette.color(QPalette::Window);
    const QColor text = palette.color(QPalette::WindowText);
    return window.lightness() < text.lightness() ? ColorScheme::Dark : ColorScheme::Light;
}

QColor errorTextColor(const QPalette& palette)
{
    return colorSchemeOf(palette) == ColorScheme::Dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}

ColorScheme preferredColorScheme(const QPalette& platformPalette)
{
    const QByteArray forced = qgetenv("UTTER_COLOR_SCHEME");
    if (forced == "dark")
        return ColorScheme::Dark;
    if (forced == "light")
        return ColorScheme::Light;
    if (colorSchemeOf(platformPalette) == ColorScheme::Dark)
        return ColorScheme::Dark;
    if (qEnvironmentVariable("GTK_THEME").endsWith(u":dark"_s, Qt::CaseInsensitive))
        return ColorScheme::Dark;
    return ColorScheme::Light;
}

void askGnomeColorScheme(QObject* context, std::function<void(ColorScheme)> done)
{
#if defined(Q_OS_LINUX)
    const QString gsettings = QStandardPaths::findExecutable(u"gsettings"_s);
    if (gsettings.isEmpty())
        return;
    auto* process = new QProcess(context);
    QObject::connect(process, &QProcess::finished, context,
                     [process, done = std::move(done)](int code, QProcess::ExitStatus status) {
                         const bool dark = status == QProcess::NormalExit && code == 0 &&
                                           process->readAllStandardOutput().contains("prefer-dark");
                         process->deleteLater();
                         done(dark ? ColorScheme::Dark : ColorScheme::Light);
                     });
    QObject::connect(process, &QProcess::errorOccurred, process, [process](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            process->deleteLater();
    });
    // A gsettings that hangs (no D-Bus, a stuck dconf) is given up on; finished() then reports a crash exit.
    QTimer::singleShot(5000, process, &QProcess::kill);
    process->start(gsettings, {u"get"_s, u"org.gnome.desktop.interface"_s, u"color-scheme"_s});
#else
    Q_UNUSED(context);
    Q_UNUSED(done);
#endif
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xfa, 0xfa, 0xfa));
    p.setColor(QPalette::WindowText, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf2, 0xf2, 0xf2));
    p.setColor(QPalette::Text, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Button, QColor(0xf0, 0xf0, 0xf0));
    p.setColor(QPalette::ButtonText, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x6b, 0x6b));
    p.setColor(QPalette::Link, QColor(0x1c, 0x71, 0xd8));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9a, 0x9a, 0x9a));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x24, 0x24, 0x24));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x1b, 0x1b, 0x1b));
    p.setColor(QPalette::AlternateBase, QColor(0x2c, 0x2c, 0x2c));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Button, QColor(0x33, 0x33, 0x33));
    p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::ToolTipText, QColor(0xee, 0xee, 0xee));
    // Muted text still reaches 4.5:1 on the window colour.
    p.setColor(QPalette::PlaceholderText, QColor(0xa8, 0xa8, 0xa8));
    p.setColor(QPalette::Link, QColor(0x78, 0xae, 0xed));
    p.setColor(QPalette::Light, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Midlight, QColor(0x38, 0x38, 0x38));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2a, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x70, 0x70));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x70, 0x70));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x70, 0x70));
    return p;
}

void applyColorScheme(QApplication& app, ColorScheme scheme)
{
    if (colorSchemeOf(QApplication::palette()) == scheme && qgetenv("UTTER_COLOR_SCHEME").isEmpty())
        return;
    if (QStyle* fusion = QStyleFactory::create(u"Fusion"_s))
        QApplication::setStyle(fusion);
    app.setPalette(scheme == ColorScheme::Dark ? darkPalette() : lightPalette());
}

} // namespace utter::ui
