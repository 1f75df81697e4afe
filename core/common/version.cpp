#include "version.h"

#include <opus.h>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString utterVersion()
{
    return QStringLiteral(UTTER_VERSION);
}

QString appId()
{
    return QStringLiteral(UTTER_APP_ID);
}

QString libraryVersions()
{
    return u"Qt %1 (built with %2), %3"_s.arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                                              QString::fromLatin1(opus_get_version_string()));
}

} // namespace utter
