#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPropertyAnimation;

namespace utter
{
class DictationControl;
}

namespace utter::ui
{

class LevelMeterWidget;

// The small window shown while dictating: state, elapsed time, a live level meter, the partial transcript as
// chunks return and then the styled text as it streams. It must never take focus from the application being
// dictated into: it is a frameless tool window that does not accept focus, is shown without activation and, on
// X11, bypasses the window manager (override-redirect), so no WM can give it focus or decorate it.
class RecordingOverlay final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingOverlay)

public:
    enum class Position
    {
        Top,
        Bottom,
        Off,
    };

    explicit RecordingOverlay(QWidget* parent = nullptr);
    ~RecordingOverlay() override;

    // Follows a service: shows on listening, updates on partial/final/style deltas, fades out after delivery.
    void attach(DictationControl* dictation);

    void setPosition(Position position);
    static Position positionFromSetting(const QString& value);
    // No fade or pulse (also when the platform reports zero animation duration, or UTTER_REDUCED_MOTION=1).
    void setReducedMotion(bool reduced) { m_reducedMotion = reduced; }

    // Direct updates (also what attach() wires up).
    void setServiceState(const QString& state);
    void setLevel(float dbfs);
    void setPartial(int sequence, const QString& text);
    void setFinal(const QString& text);
    void appendStyled(const QString& delta);
    void showError(const QString& message);

    QString stateText() const;
    QString bodyText() const;
    float level() const;

signals:
    // The first frame after show() was painted: the hotkey → overlay latency ends here.
    void shownAndPainted();

protected:
    void paintEvent(QPaintEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void appear();
    void finishLater(int delayMs);
    void placeOnScreen();
    void updateElapsed();
    void refreshBody();

    QPointer<DictationControl> m_dictation;
    QLabel* m_dot = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_elapsed = nullptr;
    QLabel* m_body = nullptr;
    LevelMeterWidget* m_meter = nullptr;
    QPropertyAnimation* m_fade = nullptr;
    QTimer m_tick;
    QTimer m_hideTimer;
    QElapsedTimer m_clock;
    QMap<int, QString> m_partials;
    QString m_final;
    QString m_styled;
    Position m_position = Position::Bottom;
    bool m_reducedMotion = false;
    bool m_paintPending = false;
};

} // namespace utter::ui
