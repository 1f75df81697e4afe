#include "devicescommand.h"

#include "appcontext.h"
#include "audio/audiodevices.h"
#include "console.h"
#include "exitcode.h"
#include "settings/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

void DevicesCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"List audio inputs. \"default\" marks the system's default input (PulseAudio's default source on Linux), "
        "\"configured\" the one in audio/device. Select one with `utter config set audio/device ID`."_s);
    parser.addOption({u"json"_s, u"Print a JSON array."_s});
}

int DevicesCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const QString configured = context.settings().stringValue(SettingKey::AudioDevice);
    const QList<AudioInput> inputs = AudioDevices::inputs();
    QString configuredId;
    if (!configured.isEmpty()) {
        Result<AudioInput> match = AudioDevices::select(configured);
        if (match)
            configuredId = match->id;
    }
    if (parser.isSet(u"json"_s)) {
        QJsonArray array;
        for (const AudioInput& input : inputs) {
            array.append(QJsonObject{{u"id"_s, input.id},
                                     {u"description"_s, input.description},
                                     {u"default"_s, input.isDefault},
                                     {u"configured"_s, !configuredId.isEmpty() && input.id == configuredId}});
        }
        console::outRaw(QJsonDocument(array).toJson(QJsonDocument::Indented));
    } else {
        if (inputs.isEmpty())
            console::err(u"utter devices: no audio input found. Plug in a microphone, or check that PulseAudio or "
                         "PipeWire is running (`pactl info`)."_s);
        for (const AudioInput& input : inputs) {
            QStringList marks;
            if (input.isDefault)
                marks << u"default"_s;
            if (!configuredId.isEmpty() && input.id == configuredId)
                marks << u"configured"_s;
            const QString mark = input.isDefault || input.id == configuredId ? u"* "_s : u"  "_s;
            console::out(mark + input.id + u"\n    "_s + input.description +
                         (marks.isEmpty() ? QString() : u"  ["_s + marks.join(u", "_s) + u']'));
        }
    }
    if (!configured.isEmpty() && configuredId.isEmpty()) {
        console::err(u"utter devices: the configured input \"%1\" is not connected; Utter will not record until it "
                     "is back or you choose another (`utter config set audio/device ID`)."_s.arg(configured));
        return ExitFailed;
    }
    return inputs.isEmpty() ? ExitFailed : ExitOk;
}

} // namespace utter
