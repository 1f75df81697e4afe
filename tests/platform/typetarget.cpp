// A tiny X11/Wayland client that records the text it receives, for the output tests: typed keys, and pastes
// (it reads the clipboard on Ctrl+V / Ctrl+Shift+V and the primary selection on Shift+Insert, as apps and
// terminals do). It prints "READY" once it has keyboard focus, then one line per input:
//   K <hex utf-8>          typed text
//   P <chord> <hex utf-8>  pasted text
// Options: --class NAME (WM_CLASS class / Wayland app id), --ignore-paste (acts like a window that ignores
// the paste chord).
#include <QClipboard>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QPainter>
#include <QRasterWindow>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace
{

void emitLine(const QByteArray& line)
{
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

class TargetWindow final : public QRasterWindow
{
public:
    explicit TargetWindow(bool ignorePaste)
        : m_ignorePaste(ignorePaste)
    {}

protected:
    void paintEvent(QPaintEvent*) override { QPainter(this).fillRect(QRect(QPoint(), size()), Qt::white); }

    void focusInEvent(QFocusEvent*) override
    {
        if (!m_ready) {
            m_ready = true;
            emitLine("READY");
        }
    }

    void keyPressEvent(QKeyEvent* event) override
    {
        const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
        if (event->key() == Qt::Key_V && (mods & Qt::ControlModifier)) {
            if (m_ignorePaste)
                return;
            const bool shift = mods & Qt::ShiftModifier;
            paste(shift ? "Ctrl+Shift+V" : "Ctrl+V", QClipboard::Clipboard);
            return;
        }
        if (event->key() == Qt::Key_Insert && mods == Qt::ShiftModifier) {
            if (!m_ignorePaste)
                paste("Shift+Insert", QClipboard::Selection);
            return;
        }
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
            emitLine("K " + QByteArray("\n").toHex());
            return;
        }
        if (mods & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
            return;
        const QString text = event->text();
        if (!text.isEmpty() && !text.front().isNull() && text.front().unicode() >= 0x20)
            emitLine("K " + text.toUtf8().toHex());
    }

private:
    void paste(const char* chord, QClipboard::Mode mode)
    {
        emitLine("P " + QByteArray(chord) + ' ' + QGuiApplication::clipboard()->text(mode).toUtf8().toHex());
    }

    bool m_ignorePaste;
    bool m_ready = false;
};

} // namespace

int main(int argc, char** argv)
{
    QString klass = u"UtterTarget"_s;
    bool ignorePaste = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--class" && i + 1 < argc)
            klass = QString::fromLocal8Bit(argv[++i]);
        else if (arg == "--ignore-paste")
            ignorePaste = true;
    }
    QGuiApplication::setDesktopFileName(klass); // Wayland app id
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(klass); // X11 WM_CLASS class
    TargetWindow window(ignorePaste);
    window.setTitle(u"Utter type target"_s);
    window.resize(400, 200);
    window.show();
    window.requestActivate();
    return app.exec();
}
