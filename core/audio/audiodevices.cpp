#include "audiodevices.h"

#include "logging/logging.h"

#include <QMediaDevices>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString runPactl(const QStringList& args)
{
    if (QStandardPaths::findExecutable(u"pactl"_s).isEmpty())
        return {};
    QProcess process;
    process.start(u"pactl"_s, args);
    if (!process.waitForFinished(3000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(1000);
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

QString AudioDevices::pulseDefaultSource()
{
    QString name = runPactl({u"get-default-source"_s}).trimmed();
    if (!name.isEmpty())
        return name;
    // pactl before 15 has no get-default-source.
    const QString info = runPactl({u"info"_s});
    for (const QString& line : info.split(u'\n')) {
        if (line.startsWith(u"Default Source:"_s))
            return line.section(u':', 1).trimmed();
    }
    return {};
}

QString AudioDevices::defaultInputId()
{
    const QList<QAudioDevice> devices = QMediaDevices::audioInputs();
#if defined(Q_OS_LINUX)
    const QString pulse = pulseDefaultSource();
    if (!pulse.isEmpty()) {
        for (const QAudioDevice& device : devices) {
            if (QString::fromUtf8(device.id()) == pulse)
                return pulse;
        }
        qCDebug(lcAudio) << "PulseAudio's default source" << pulse << "is not among Qt's inputs";
    }
#endif
    const QAudioDevice fallback = QMediaDevices::defaultAudioInput();
    return fallback.isNull() ? QString() : QString::fromUtf8(fallback.id());
}

QList<AudioInput> AudioDevices::inputs()
{
    const QString defaultId = defaultInputId();
    QList<AudioInput> result;
    for (const QAudioDevice& device : QMediaDevices::audioInputs()) {
        AudioInput input;
        input.id = QString::fromUtf8(device.id());
        input.description = device.description();
        input.isDefault = input.id == defaultId;
        input.device = device;
        result.append(input);
    }
    return result;
}

Result<AudioInput> AudioDevices::select(const QString& idOrName)
{
    const QList<AudioInput> all = inputs();
    if (all.isEmpty())
        return Error(ErrorCode::NotFound,
                     u"No audio input was found. Plug in a microphone, or check that PulseAudio or PipeWire is "
                     "running (`pactl info`)."_s);
    const QString wanted = idOrName.trimmed();
    if (wanted.isEmpty()) {
        for (const AudioInput& input : all) {
            if (input.isDefault)
                return input;
        }
        return all.first();
    }
    for (const AudioInput& input : all) {
        if (input.id == wanted)
            return input;
    }
    for (const AudioInput& input : all) {
        if (input.description == wanted)
            return input;
    }
    QList<AudioInput> partial;
    for (const AudioInput& input : all) {
        if (input.id.contains(wanted, Qt::CaseInsensitive) || input.description.contains(wanted, Qt::CaseInsensitive))
            partial.append(input);
    }
    if (partial.size() == 1)
        return partial.first();
    QStringList names;
    for (const AudioInput& input : (partial.isEmpty() ? all : partial))
        names << u"\"%1\""_s.arg(input.description);
    if (partial.size() > 1)
        return Error(ErrorCode::InvalidArgument,
                     u"The audio input \"%1\" matches several devices (%2); use its id from `utter devices`."_s.arg(
                         wanted, names.join(u", "_s)));
    return Error(ErrorCode::NotFound, u"The audio input \"%1\" is not connected (inputs: %2). Plug it in, or choose "
                                      "another with `utter config set audio/device ID` (see `utter devices`)."_s.arg(
                                          wanted, names.join(u", "_s)));
}

} // namespace utter
