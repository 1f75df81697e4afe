#include "levelmeterwidget.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace utter::ui
{

namespace
{

double fraction(float dbfs)
{
    return std::clamp((double(dbfs) + 60.0) / 60.0, 0.0, 1.0);
}

} // namespace

LevelMeterWidget::LevelMeterWidget(QWidget* parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Input level"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void LevelMeterWidget::setLevel(float dbfs)
{
    m_level = dbfs;
    // The peak falls back slowly so short syllables stay visible.
    m_peak = std::max(dbfs, m_peak - 1.5f);
    setAccessibleDescription(tr("%1 dB").arg(qRound(std::max(dbfs, -60.0f))));
    update();
}

QSize LevelMeterWidget::sizeHint() const
{
    return {200, 8};
}

QSize LevelMeterWidget::minimumSizeHint() const
{
    return {60, 6};
}

void LevelMeterWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const qreal radius = r.height() / 2;
    QColor track = palette().color(QPalette::WindowText);
    track.setAlphaF(0.15f);
    p.setPen(Qt::NoPen);
    p.setBrush(track);
    p.drawRoundedRect(r, radius, radius);

    const double f = fraction(m_level);
    if (f > 0) {
        QRectF bar = r;
        bar.setWidth(std::max(r.height(), r.width() * f));
        // Green while healthy, amber when loud, red near clipping.
        const QColor color = m_level > -3    ? QColor(0xe0, 0x1b, 0x24)
                             : m_level > -12 ? QColor(0xe5, 0xa5, 0x0a)
                                             : QColor(0x2e, 0xc2, 0x7e);
        p.setBrush(color);
        p.drawRoundedRect(bar, radius, radius);
    }
    const double peak = fraction(m_peak);
    if (peak > 0.02) {
        QColor mark = palette().color(QPalette::WindowText);
        mark.setAlphaF(0.6f);
        p.setBrush(mark);
        const qreal x = r.left() + r.width() * peak;
        p.drawRect(QRectF(std::min(x, r.right() - 2), r.top(), 2, r.height()));
    }
}

} // namespace utter::ui
