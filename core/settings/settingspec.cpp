#include "settingspec.h"

#include <QCoreApplication>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// QSettings reads "a, b" from an INI file as a list; scalar settings want the text the user wrote.
QString scalarText(const QVariant& raw)
{
    if (raw.typeId() == QMetaType::QStringList)
        return raw.toStringList().join(u", "_s);
    return raw.toString();
}

} // namespace

QString SettingSpec::expected() const
{
    // Translated where the desktop app shows them under a field; the command line has no translator (English).
    if (accepts)
        return QCoreApplication::translate("utter::Settings", accepts);
    switch (type) {
    case SettingType::Bool:
        return QCoreApplication::translate("utter::Settings", "true or false");
    case SettingType::Int:
        return QCoreApplication::translate("utter::Settings", "a whole number from %1 to %2")
            .arg(qint64(minimum))
            .arg(qint64(maximum));
    case SettingType::Double:
        return QCoreApplication::translate("utter::Settings", "a number from %1 to %2").arg(minimum).arg(maximum);
    case SettingType::String:
        return allowEmpty ? QCoreApplication::translate("utter::Settings", "text")
                          : QCoreApplication::translate("utter::Settings", "non-empty text");
    case SettingType::Choice:
        return QCoreApplication::translate("utter::Settings", "one of: %1").arg(choices.join(u", "_s));
    case SettingType::Url:
        if (key == SettingKey::TranscribeUrl)
            return QCoreApplication::translate("utter::Settings", "an http://, https://, ws:// or wss:// URL");
        return allowEmpty ? QCoreApplication::translate("utter::Settings", "an http:// or https:// URL, or nothing")
                          : QCoreApplication::translate("utter::Settings", "an http:// or https:// URL");
    case SettingType::StringList:
        return QCoreApplication::translate("utter::Settings", "a comma-separated list");
    }
    return {};
}

QString SettingSpec::restartNotice() const
{
    return restartReason ? QCoreApplication::translate("utter::Settings", restartReason) : QString();
}

SettingSpec::Checked SettingSpec::check(const QVariant& raw) const
{
    Checked checked = checkType(raw);
    if (!checked.error.isEmpty() || !rule)
        return checked;
    if (QString error = rule(checked.value); !error.isEmpty())
        return {{}, error};
    return checked;
}

SettingSpec::Checked SettingSpec::checkType(const QVariant& raw) const
{
    const QString text = scalarText(raw).trimmed();
    const auto invalid = [&] {
        return Checked{
            {}, QCoreApplication::translate("utter::Settings", "expected %1, found \"%2\"").arg(expected(), text)};
    };

    switch (type) {
    case SettingType::Bool: {
        const QString lower = text.toLower();
        if (lower == u"true"_s || lower == u"1"_s || lower == u"yes"_s || lower == u"on"_s)
            return {true, {}};
        if (lower == u"false"_s || lower == u"0"_s || lower == u"no"_s || lower == u"off"_s)
            return {false, {}};
        return invalid();
    }
    case SettingType::Int: {
        bool ok = false;
        const qlonglong value = text.toLongLong(&ok);
        if (!ok || value < qlonglong(minimum) || value > qlonglong(maximum))
            return invalid();
        return {int(value), {}};
    }
    case SettingType::Double: {
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || value < minimum || value > maximum)
            return invalid();
        return {value, {}};
    }
    case SettingType::String:
        if (!allowEmpty && text.isEmpty())
            return invalid();
        return {text, {}};
    case SettingType::Choice:
        if (!choices.contains(text))
            return invalid();
        return {text, {}};
    case SettingType::Url: {
        if (text.isEmpty())
            return allowEmpty ? Checked{QString(), {}} : invalid();
        const QUrl url(text, QUrl::StrictMode);
        // The transcription URL may also name a realtime (streaming) server: ws:// or wss:// (docs/providers.md).
        const bool webSocket =
            key == SettingKey::TranscribeUrl && (url.scheme() == u"ws"_s || url.scheme() == u"wss"_s);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s && !webSocket) ||
            url.host().isEmpty())
            return invalid();
        return {text, {}};
    }
    case SettingType::StringList: {
        QStringList items = raw.typeId() == QMetaType::QStringList ? raw.toStringList() : text.split(u',');
        for (QString& item : items)
            item = item.trimmed();
        items.removeAll(QString());
        return {items, {}};
    }
    }
    return invalid();
}

} // namespace utter
