#include "uilanguage.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

QString installTranslations(const QString& override, QCoreApplication* app)
{
    const QLocale locale = override.isEmpty() ? QLocale::system() : QLocale(override);
    if (!override.isEmpty())
        QLocale::setDefault(locale);
    auto* utter = new QTranslator(app);
    if (utter->load(locale, u"utter"_s, u"_"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(utter);
        qCInfo(lcUi).noquote() << "UI language" << utter->language();
    } else {
        delete utter;
    }
    // Qt's own strings (dialog buttons, context menus).
    auto* qt = new QTranslator(app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return locale.name();
}

} // namespace utter::ui
