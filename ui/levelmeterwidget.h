#pragma once

#include <QWidget>

namespace utter::ui
{

// A horizontal input level bar in dBFS (−60 … 0), with a peak hold; used by the overlay, settings and onboarding.
class LevelMeterWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LevelMeterWidget)

public:
    explicit LevelMeterWidget(QWidget* parent = nullptr);

    void setLevel(float dbfs);
    float level() const { return m_level; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    float m_level = -120.0f;
    float m_peak = -120.0f;
};

} // namespace utter::ui
