#pragma once

#include <QString>

class QCoreApplication;

namespace utter::ui
{

// Loads Utter's and Qt's translations for the UI language: the GeneralUiLanguage override ("de", "fr", "es",
// "en"), or the system's language when it is empty. English needs no file. Returns the language in use.
QString installTranslations(const QString& override, QCoreApplication* app);

} // namespace utter::ui
