#include "recordingoverlay.h"

#include "levelmeterwidget.h"
#include "pipeline/dictationcontrol.h"
#include "platform/textoutput.h"
#include "queuednotice.h"
#include "theme.h"

#include <QApplication>
#include <QCursor>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPropertyAnimation>
#include <QScreen>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

constexpr int Width = 420;
constexpr int Margin = 48; // from the screen edge

} // namespace

RecordingOverlay::RecordingOverlay(QWidget* parent)
    : QWidget(parent, Qt::Tool | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint | Qt::WindowDoesNotAcceptFocus |
                          Qt::X11BypassWindowManagerHint)
{
    setObjectName(u"recordingOverlay"_s);
    setAttribute(Qt::WA_ShowWithoutActivating);
    setAttribute(Qt::WA_TranslucentBackground);
    setAttribute(Qt::WA_X11DoNotAcceptFocus);
    setFocusPolicy(Qt::NoFocus);
    setAccessibleName(tr("Dictation overlay"));
    setFixedWidth(Width);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 12, 18, 14);
    layout->setSpacing(8);
    auto* header = new QHBoxLayout;
    header->setSpacing(8);
    m_dot = new QLabel(this);
    m_dot->setFixedSize(10, 10);
    m_state = new QLabel(this);
    QFont bold = m_state->font();
    bold.setBold(true);
    m_state->setFont(bold);
    m_elapsed = new QLabel(u"0:00"_s, this);
    m_elapsed->setAccessibleName(tr("Elapsed time"));
    // Digits of equal width keep the time from jittering while it counts.
    m_elapsed->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_meter = new LevelMeterWidget(this);
    m_meter->setFixedHeight(6);
    header->addWidget(m_dot, 0, Qt::AlignVCenter);
    header->addWidget(m_state);
    header->addStretch();
    header->addWidget(m_elapsed);
    layout->addLayout(header);
    layout->addWidget(m_meter);
    m_body = new QLabel(this);
    m_body->setObjectName(u"overlayBody"_s);
    m_body->setWordWrap(true);
    m_body->setTextFormat(Qt::RichText); // the moving tail is dimmed
    // Top-aligned: were the text ever taller than the label, it would be cut at the bottom only, never by half a
    // line at both ends.
    m_body->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_body->setMinimumHeight(m_body->fontMetrics().lineSpacing());
    // Screen readers read the transcript as the label's accessible name (plain text, not the dimming markup); its
    // description says what it is. Each change is announced (NameChanged) without the overlay taking focus.
    m_body->setAccessibleDescription(tr("Live transcript"));
    layout->addWidget(m_body);
    for (QWidget* child : findChildren<QWidget*>())
        child->setFocusPolicy(Qt::NoFocus);

    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, &RecordingOverlay::updateElapsed);
    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, [this] {
        if (m_reducedMotion || !m_fade) {
            hide();
            return;
        }
        m_fade->stop();
        m_fade->setStartValue(windowOpacity());
        m_fade->setEndValue(0.0);
        m_fade->start();
    });
    m_fade = new QPropertyAnimation(this, "windowOpacity", this);
    m_fade->setDuration(220);
    connect(m_fade, &QPropertyAnimation::finished, this, [this] {
        if (m_fade->endValue().toDouble() == 0.0) {
            hide();
            setWindowOpacity(1.0);
        }
    });
    m_reducedMotion = qEnvironmentVariableIntValue("UTTER_REDUCED_MOTION") == 1 ||
                      style()->styleHint(QStyle::SH_Widget_Animation_Duration, nullptr, this) == 0;
    setServiceState(u"idle"_s);
    hide();
}

RecordingOverlay::~RecordingOverlay() = default;

RecordingOverlay::Position RecordingOverlay::positionFromSetting(const QString& value)
{
    if (value == u"top"_s)
        return Position::Top;
    if (value == u"off"_s)
        return Position::Off;
    return Position::Bottom;
}

void RecordingOverlay::setPosition(Position position)
{
    m_position = position;
    if (m_position == Position::Off)
        hide();
    else if (isVisible())
        placeOnScreen();
}

void RecordingOverlay::attach(DictationControl* dictation)
{
    if (m_dictation)
        disconnect(m_dictation, nullptr, this, nullptr);
    m_dictation = dictation;
    if (!dictation)
        return;
    connect(dictation, &DictationControl::stateChanged, this,
            [this](const QString& state, const QString&) { setServiceState(state); });
    connect(dictation, &DictationControl::partialTranscript, this,
            [this](const QString&, int sequence, const QString& text) { setPartial(sequence, text); });
    connect(dictation, &DictationControl::finalTranscript, this,
            [this](const QString&, const QString& text) { setFinal(text); });
    connect(dictation, &DictationControl::transformDelta, this,
            [this](const QString&, const QString& delta) { appendStyled(delta); });
    connect(dictation, &DictationControl::errorOccurred, this,
            [this](const QString&, const QJsonObject& error) { showError(error.value(u"message"_s).toString()); });
    connect(dictation, &DictationControl::levelChanged, this, [this](float rmsDbfs, float) { setLevel(rmsDbfs); });
}

void RecordingOverlay::setServiceState(const QString& state)
{
    QColor dot(0x9a, 0x99, 0x96);
    QString text;
    bool finished = false;
    if (state == u"listening"_s) {
        text = tr("Listening");
        dot = QColor(0xe0, 0x1b, 0x24);
        m_partials.clear();
        m_final.clear();
        m_styled.clear();
        m_clock.start();
        m_tick.start();
        appear();
    } else if (state == u"finishing"_s) {
        text = tr("Transcribing…");
        dot = QColor(0x35, 0x84, 0xe4);
        m_tick.stop();
    } else if (state == u"transforming"_s) {
        text = tr("Applying style…");
        dot = QColor(0x91, 0x41, 0xac);
        m_tick.stop();
    } else if (state == u"delivering"_s) {
        text = tr("Typing…");
        dot = QColor(0x35, 0x84, 0xe4);
    } else if (state == u"queued"_s) {
        text = m_dictation ? queuedNotice(m_dictation->statusJson()).overlay
                           : tr("Queued — will finish when the provider answers");
        dot = QColor(0xe5, 0xa5, 0x0a);
        m_tick.stop();
        finished = true;
    } else if (state == u"error"_s) {
        text = tr("Failed");
        dot = QColor(0xe0, 0x1b, 0x24);
        m_tick.stop();
        finished = true;
    } else {
        text = tr("Done");
        dot = QColor(0x2e, 0xc2, 0x7e);
        m_tick.stop();
        finished = true;
    }
    m_state->setText(text);
    m_meter->setVisible(state == u"listening"_s);
    m_dot->setStyleSheet(u"background:%1;border-radius:5px;"_s.arg(dot.name()));
    refreshBody();
    if (finished && isVisible())
        finishLater(state == u"idle"_s ? 1200 : 4000);
    else
        m_hideTimer.stop();
}

void RecordingOverlay::setLevel(float dbfs)
{
    m_meter->setLevel(dbfs);
}

float RecordingOverlay::level() const
{
    return m_meter->level();
}

void RecordingOverlay::setPartial(int sequence, const QString& text)
{
    m_partials.insert(sequence, text);
    refreshBody();
}

void RecordingOverlay::setFinal(const QString& text)
{
    m_final = text;
    refreshBody();
}

void RecordingOverlay::appendStyled(const QString& delta)
{
    m_styled += delta;
    refreshBody();
}

void RecordingOverlay::showError(const QString& message)
{
    m_state->setText(tr("Failed"));
    m_bodyPlain = message;
    m_body->setText(message.toHtmlEscaped());
    exposeBody();
    m_body->setVisible(!message.isEmpty());
    appear();
    finishLater(5000);
}

QString RecordingOverlay::stateText() const
{
    return m_state->text();
}

QString RecordingOverlay::bodyText() const
{
    return m_bodyPlain;
}

void RecordingOverlay::refreshBody()
{
    QString text = m_styled;
    if (text.isEmpty())
        text = m_final;
    QString tail; // the part still moving: the newest chunk's partial text, shown dimmed
    if (text.isEmpty()) {
        QStringList parts;
        for (const QString& part : std::as_const(m_partials)) {
            if (!part.trimmed().isEmpty())
                parts << part.trimmed();
        }
        if (!parts.isEmpty() && !m_partials.isEmpty() && m_partials.last().trimmed() == parts.last())
            tail = parts.takeLast();
        text = parts.join(u' ');
        if (!tail.isEmpty())
            text += (text.isEmpty() ? QString() : u" "_s) + tail;
    }
    // Keep the overlay small: the end of a long dictation is what the user is looking at.
    constexpr int MaxChars = 280;
    if (text.size() > MaxChars)
        text = u'…' + text.right(MaxChars - 1);
    tail = tail.right(text.size());
    m_bodyPlain = text;
    const QString stable = text.left(text.size() - tail.size());
    QString html = stable.toHtmlEscaped();
    if (!tail.isEmpty()) {
        // Blended towards the background rather than with alpha: Qt's rich text has no rgba().
        const QColor fg = palette().color(QPalette::WindowText);
        const QColor bg = palette().color(QPalette::Window);
        const QColor dim =
            QColor::fromRgbF(0.55f * fg.redF() + 0.45f * bg.redF(), 0.55f * fg.greenF() + 0.45f * bg.greenF(),
                             0.55f * fg.blueF() + 0.45f * bg.blueF());
        html += u"<span style=\"color:%1\">%2</span>"_s.arg(dim.name(), tail.toHtmlEscaped());
    }
    m_body->setText(html);
    exposeBody();
    m_body->setVisible(!text.isEmpty());
    fitToText();
    if (isVisible())
        placeOnScreen();
}

void RecordingOverlay::exposeBody()
{
    // QWidget::setAccessibleName announces QAccessible::NameChanged (AT-SPI: the accessible-name property change
    // Orca reads); only on a real change, so a repeated refresh of the same text is not read twice. The empty body
    // keeps a name for the tree.
    const QString name = m_bodyPlain.isEmpty() ? tr("Transcript") : m_bodyPlain;
    if (m_body->accessibleName() != name)
        m_body->setAccessibleName(name);
}

void RecordingOverlay::fitToText()
{
    // adjustSize() would size the window for the label's preferred width, wider than the overlay's fixed width:
    // fewer lines than the text really takes at 420 px, so a long transcript was cut (issue 18, defect 4). The
    // height is the layout's for the width the overlay really has.
    if (QLayout* l = layout()) {
        l->activate();
        resize(Width, std::max(l->totalHeightForWidth(Width), l->totalMinimumSize().height()));
    } else {
        adjustSize();
    }
}

void RecordingOverlay::appear()
{
    if (m_position == Position::Off)
        return;
    m_hideTimer.stop();
    m_fade->stop();
    setWindowOpacity(1.0);
    fitToText();
    if (!isVisible())
        chooseScreen();
    placeOnScreen();
    if (!isVisible()) {
        m_paintPending = true;
        show();
    }
}

void RecordingOverlay::finishLater(int delayMs)
{
    m_hideTimer.start(delayMs);
}

int RecordingOverlay::screenIndexFor(const QRect& nativeRect, const QList<QRect>& screenGeometries,
                                     const QList<qreal>& pixelRatios)
{
    if (!nativeRect.isValid())
        return -1;
    // Qt keeps each screen's origin in native pixels and divides its size by the scale factor.
    QList<QRect> native;
    for (qsizetype i = 0; i < screenGeometries.size(); ++i) {
        const QRect& g = screenGeometries.at(i);
        const qreal ratio = pixelRatios.value(i, 1.0);
        native << QRect(g.topLeft(), QSize(qRound(g.width() * ratio), qRound(g.height() * ratio)));
    }
    for (qsizetype i = 0; i < native.size(); ++i) {
        if (native.at(i).contains(nativeRect.center()))
            return int(i);
    }
    int best = -1;
    qint64 bestArea = 0;
    for (qsizetype i = 0; i < native.size(); ++i) {
        const QRect overlap = native.at(i).intersected(nativeRect);
        const qint64 area = qint64(overlap.width()) * overlap.height();
        if (!overlap.isEmpty() && area > bestArea) {
            best = int(i);
            bestArea = area;
        }
    }
    return best;
}

QScreen* RecordingOverlay::screenOf(const QRect& window)
{
    const QList<QScreen*> screens = QGuiApplication::screens();
    QList<QRect> geometries;
    QList<qreal> ratios;
    for (const QScreen* screen : screens) {
        geometries << screen->geometry();
        ratios << screen->devicePixelRatio();
    }
    const int index = screenIndexFor(window, geometries, ratios);
    return index >= 0 ? screens.at(index) : nullptr;
}

QScreen* RecordingOverlay::pointerScreen()
{
    if (QScreen* screen = QGuiApplication::screenAt(QCursor::pos()))
        return screen;
    return QGuiApplication::primaryScreen();
}

void RecordingOverlay::chooseScreen()
{
    // The focused window's screen, where the desktop tells (X11: _NET_ACTIVE_WINDOW's geometry). Wayland hides
    // other applications' windows; there the pointer's screen stands in, as dictation starts where the user works.
    // The probe never makes the overlay wait: where it answers later (a compositor's IPC), the overlay appears on
    // the pointer's screen and moves when the answer names another one.
    m_screen = nullptr;
    const quint64 asked = ++m_focusQuestion;
    if (m_focusProbe) {
        m_focusProbe->request(this, [this, asked](const TargetApp& app) {
            if (asked != m_focusQuestion)
                return; // a later appearance asked again
            QScreen* screen = screenOf(app.geometry);
            if (!screen || screen == m_screen)
                return;
            m_screen = screen;
            if (isVisible())
                placeOnScreen();
        });
    }
    if (!m_screen)
        m_screen = pointerScreen();
}

void RecordingOverlay::placeOnScreen()
{
    if (!m_screen)
        m_screen = pointerScreen();
    if (!m_screen)
        return;
    const QRect area = m_screen->availableGeometry();
    const int x = area.center().x() - width() / 2;
    const int y = m_position == Position::Top ? area.top() + Margin : area.bottom() - Margin - height();
    move(x, y);
}

void RecordingOverlay::updateElapsed()
{
    const qint64 seconds = m_clock.isValid() ? m_clock.elapsed() / 1000 : 0;
    m_elapsed->setText(u"%1:%2"_s.arg(seconds / 60).arg(int(seconds % 60), 2, 10, QChar(u'0')));
}

void RecordingOverlay::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateElapsed();
}

void RecordingOverlay::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QColor background = palette().color(QPalette::Window);
    QColor border = palette().color(QPalette::WindowText);
    border.setAlphaF(colorSchemeOf(palette()) == ColorScheme::Dark ? 0.25f : 0.18f);
    p.setPen(QPen(border, 1));
    p.setBrush(background);
    p.drawRoundedRect(r, 12, 12);
    if (m_paintPending) {
        m_paintPending = false;
        QMetaObject::invokeMethod(this, &RecordingOverlay::shownAndPainted, Qt::QueuedConnection);
    }
}

} // namespace utter::ui
