#pragma once

#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QLabel;
class QPushButton;

namespace utter
{
class AudioCapture;
class HttpClient;
class SecretStore;
class Settings;
class SystemClock;
class Transcriber;
} // namespace utter

namespace utter::ui
{

class LevelMeterWidget;

// "Test microphone": a live level meter for the chosen input, and a button that records a few seconds, sends
// them to the configured transcription endpoint and shows what Utter heard (or the exact error). Used by the
// settings' Audio page and the first-run assistant. The device is opened only while this widget is visible.
class MicrophoneTest final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MicrophoneTest)

public:
    MicrophoneTest(Settings& settings, SecretStore* secrets, QWidget* parent = nullptr);
    ~MicrophoneTest() override;

    // The input to test (id or name; empty = system default). Reopens the device when shown.
    void setDevice(const QString& device);
    QString heardText() const;
    // The device is open (the level meter is live).
    bool isListening() const;

signals:
    void heard(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void openDevice();
    void closeDevice();
    void record();
    void transcribe();

    Settings& m_settings;
    SecretStore* m_secrets = nullptr;
    QString m_device;
    AudioCapture* m_capture = nullptr;
    bool m_opening = false;
    LevelMeterWidget* m_meter = nullptr;
    QPushButton* m_record = nullptr;
    QLabel* m_result = nullptr;
    std::vector<std::int16_t> m_samples;
    HttpClient* m_http = nullptr;
    std::unique_ptr<SystemClock> m_clock;
    Transcriber* m_transcriber = nullptr;
};

} // namespace utter::ui
