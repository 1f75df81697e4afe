#include "clipboardsnapshot.h"

#include "logging/logging.h"

#include <QGuiApplication>
#include <QMimeData>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{
const QString kPasswordHint = u"x-kde-passwordManagerHint"_s;
} // namespace

ClipboardSnapshot ClipboardSnapshot::take(QClipboard::Mode mode)
{
    ClipboardSnapshot snapshot;
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData(mode);
    if (!mime)
        return snapshot;
    for (const QString& format : mime->formats()) {
        // Qt's in-process image format is derived from image/png and friends; copying it adds nothing.
        if (format == u"application/x-qt-image"_s)
            continue;
        snapshot.m_formats.append({format, mime->data(format)});
    }
    qCDebug(lcInject) << "clipboard snapshot:" << snapshot.formats();
    return snapshot;
}

QStringList ClipboardSnapshot::formats() const
{
    QStringList names;
    for (const auto& [format, bytes] : m_formats)
        names << format;
    return names;
}

QByteArray ClipboardSnapshot::data(const QString& format) const
{
    for (const auto& [name, bytes] : m_formats) {
        if (name == format)
            return bytes;
    }
    return {};
}

std::unique_ptr<QMimeData> ClipboardSnapshot::toMimeData() const
{
    auto mime = std::make_unique<QMimeData>();
    for (const auto& [format, bytes] : m_formats)
        mime->setData(format, bytes);
    return mime;
}

void ClipboardSnapshot::restore(QClipboard::Mode mode) const
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (m_formats.isEmpty()) {
        clipboard->clear(mode);
        return;
    }
    clipboard->setMimeData(toMimeData().release(), mode); // the clipboard takes ownership
}

std::unique_ptr<QMimeData> transientTextMimeData(const QString& text)
{
    auto mime = std::make_unique<QMimeData>();
    mime->setText(text);
    mime->setData(kPasswordHint, "secret");
    return mime;
}

bool clipboardHoldsText(const QString& text, QClipboard::Mode mode)
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData(mode);
    return mime && mime->hasText() && mime->text() == text;
}

} // namespace utter
