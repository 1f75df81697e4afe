#pragma once

#include <QByteArray>
#include <QClipboard>
#include <QList>
#include <QMimeData>
#include <QString>

#include <memory>

namespace utter
{

// A deep copy of every format on the clipboard (text, HTML, images, file lists, app-private formats), taken
// before Utter pastes and put back afterwards (platform.md §3). QClipboard::mimeData() is owned by the
// clipboard and dies when it changes, so each format's bytes are copied out. Needs a QGuiApplication.
class ClipboardSnapshot final
{
public:
    static ClipboardSnapshot take(QClipboard::Mode mode = QClipboard::Clipboard);

    bool isEmpty() const { return m_formats.isEmpty(); }
    QStringList formats() const;
    QByteArray data(const QString& format) const;
    std::unique_ptr<QMimeData> toMimeData() const;
    // Puts the snapshot back on the clipboard (an empty snapshot clears it).
    void restore(QClipboard::Mode mode = QClipboard::Clipboard) const;

private:
    QList<std::pair<QString, QByteArray>> m_formats;
};

// The text Utter puts on the clipboard for a paste, marked so clipboard managers skip it (KDE Klipper's
// password-manager hint; others ignore unknown formats).
std::unique_ptr<QMimeData> transientTextMimeData(const QString& text);

// True while the clipboard still holds exactly what Utter put there (then it may be restored).
bool clipboardHoldsText(const QString& text, QClipboard::Mode mode = QClipboard::Clipboard);

} // namespace utter
