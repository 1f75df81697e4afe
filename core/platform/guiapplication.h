#pragma once

#include <QCoreApplication>
#include <QGuiApplication>

namespace utter
{

// The process's QGuiApplication, or null when it has none: no application object yet, or a QCoreApplication (the
// headless CLI and daemon, guiless tests). Qt's qGuiApp static_casts whatever QCoreApplication::instance() is —
// undefined behaviour when that is a plain QCoreApplication (UBSan: "downcast ... does not point to an object of
// type 'QGuiApplication'") — so core asks this instead.
inline QGuiApplication* guiApplication()
{
    return qobject_cast<QGuiApplication*>(QCoreApplication::instance());
}

} // namespace utter
