#include "keysymplan.h"

#include <QStringView>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

Result<QList<KeysymEvent>> keysymPlan(const QString& text, bool pressEnter)
{
    QList<KeysymEvent> events;
    events.reserve(text.size() * 2 + 2);
    const auto add = [&events](quint32 keysym) {
        events.append({keysym, true});
        events.append({keysym, false});
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t cp = text.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
        } else if (cp == U'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            ++i; // "\r\n" is one line break
        }
        const quint32 keysym = keysymForCodePoint(cp);
        if (keysym == 0)
            return Error(ErrorCode::Unsupported,
                         u"U+%1 cannot be typed as a key (a control character or an invalid code point)"_s.arg(
                             QString::number(quint32(cp), 16).toUpper().rightJustified(4, u'0')));
        add(keysym);
    }
    if (pressEnter)
        add(keysyms::Return);
    return events;
}

} // namespace utter
