#pragma once

#include "common/result.h"

#include <QAudioDevice>
#include <QList>
#include <QString>

namespace utter
{

// One audio input as Utter shows it.
struct AudioInput
{
    QString id;          // stable across restarts (the PulseAudio source name on Linux)
    QString description; // human name
    bool isDefault = false;
    QAudioDevice device;
};

// The system's audio inputs. On Linux, Qt 6.4's defaultAudioInput() is wrong (QTBUG-112219: it marks an input
// as default only when its name equals the default *sink*), so the default is PulseAudio's default source,
// asked through `pactl`, matched against the device ids. Elsewhere Qt's default is used.
class AudioDevices final
{
public:
    static QList<AudioInput> inputs();
    // The id of the system default input, or empty when there is none.
    static QString defaultInputId();
    // PulseAudio's default source name (`pactl get-default-source`, falling back to `pactl info`), or empty.
    static QString pulseDefaultSource();
    // Finds an input by exact id, then exact description, then a unique case-insensitive substring of either.
    // Empty selects the system default. Errors name the inputs that exist.
    static Result<AudioInput> select(const QString& idOrName);
};

} // namespace utter
