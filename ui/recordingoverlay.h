#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QScreen>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPropertyAnimation;

namespace utter
{
class DictationControl;
class FocusProbe;
} // namespace utter

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

    // Finds the focused window, whose screen the overlay appears on (not owned; null = the pointer's screen).
    void setFocusProbe(FocusProbe* probe) { m_focusProbe = probe; }
    // The screen for a window at nativeRect (X11: native pixels) among screens given by their geometry (logical)
    // and device pixel ratio: the one holding the window's centre, else the one it overlaps most; -1 for none.
    static int screenIndexFor(const QRect& nativeRect, const QList<QRect>& screenGeometries,
                              const QList<qreal>& pixelRatios);
    // Where the overlay was last placed.
    QScreen* placedScreen() const { return m_screen; }

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
    QString bodyText() const; // plain text (the label shows it as rich text, the moving tail dimmed)
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
    // Picks m_screen as the overlay appears: the focused window's screen (asked without waiting), else the pointer's.
    void chooseScreen();
    static QScreen* screenOf(const QRect& window);
    static QScreen* pointerScreen();
    void updateElapsed();
    void refreshBody();
    void exposeBody(); // the body's plain text as its accessible name, announced on change
    void fitToText();  // the window's height for its text at its fixed width

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
    QString m_bodyPlain; // what the body shows, as plain text
    Position m_position = Position::Bottom;
    FocusProbe* m_focusProbe = nullptr;
    QPointer<QScreen> m_screen;  // chosen when the overlay appears; kept while it shows
    quint64 m_focusQuestion = 0; // the probe's answer to an older appearance is ignored
    bool m_reducedMotion = false;
    bool m_paintPending = false;
};

} // namespace utter::ui
