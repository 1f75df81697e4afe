#include "providercommands.h"

#include "appcontext.h"
#include "audio/audiodoctor.h"
#include "console.h"
#include "doctor/doctorcheck.h"
#include "doctor/secretservicedoctor.h"
#include "exitcode.h"
#include "history/historystore.h"
#include "ipc/ipcclient.h"
#include "platform/platformdoctor.h"
#include "providers/audioplayback.h"
#include "providers/httpclient.h"
#include "providers/providersdoctor.h"
#include "providers/speechclient.h"
#include "providers/style.h"
#include "providers/transformer.h"
#include "secrets/secretsdoctor.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// TEXT, "-" or nothing with stdin piped in.
std::optional<QString> inputText(const QCommandLineParser& parser, const QString& verb)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        console::err(u"utter %1: give the text as one argument (quote it) or pipe it in with -."_s.arg(verb));
        return std::nullopt;
    }
    if (positional.isEmpty() || positional.first() == u"-"_s) {
        if (positional.isEmpty() && console::stdinIsTerminal()) {
            console::err(u"utter %1: give the text as an argument, or pipe it in: echo hello | utter %1 -"_s.arg(verb));
            return std::nullopt;
        }
        QString text = console::readAllStdin();
        while (text.endsWith(u'\n') || text.endsWith(u'\r'))
            text.chop(1);
        return text;
    }
    return positional.first();
}

} // namespace

int providerExitCode(const Error& error)
{
    switch (error.code) {
    case ErrorCode::Cancelled:
        return ExitFailed;
    case ErrorCode::Io:
    case ErrorCode::DeviceLost:
        return ExitFailed;
    default:
        return ExitProvider;
    }
}

void TransformCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Apply a style to text and print the result as it streams in.\n\n"
        "Built-in styles: raw, clean, formal, email, bullets, translate-en. Your own styles are Markdown files in\n"
        "the styles folder of the config directory (see docs/providers.md). Texts shorter than the style's\n"
        "minimum (3 words by default) are printed unchanged without a call.\n"
        "If the style endpoint fails or times out, the unchanged text is printed, the reason goes to stderr and\n"
        "the exit code is 4."_s);
    parser.addPositionalArgument(u"text"_s, u"The text, or - to read stdin."_s, u"[TEXT|-]"_s);
    parser.addOption({u"style"_s, u"Style to apply (default: general/style, or clean when that is raw)."_s, u"S"_s});
    parser.addOption({u"list"_s, u"List the available styles."_s});
    parser.addOption({u"no-stream"_s, u"Wait for the whole answer instead of streaming."_s});
}

int TransformCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const StyleLibrary library = StyleLibrary::load(context.locations().stylesDir());
    for (const StyleProblem& problem : library.problems())
        console::err(u"utter transform: %1%2: %3"_s.arg(
            problem.file, problem.line > 0 ? u":"_s + QString::number(problem.line) : QString(), problem.message));
    if (parser.isSet(u"list"_s)) {
        for (const Style& style : library.styles())
            console::out(u"%1  %2"_s.arg(style.name.leftJustified(14), style.description));
        return ExitOk;
    }
    QString styleName = parser.value(u"style"_s);
    if (styleName.isEmpty()) {
        styleName = context.settings().stringValue(SettingKey::GeneralStyle);
        if (styleName == u"raw"_s)
            styleName = u"clean"_s;
    }
    const std::optional<Style> style = library.find(styleName);
    if (!style) {
        console::err(u"utter transform: there is no style \"%1\"; choose one of: %2."_s.arg(
            styleName, library.names().join(u", "_s)));
        return ExitUsage;
    }
    const std::optional<QString> text = inputText(parser, u"transform"_s);
    if (!text)
        return ExitUsage;
    if (text->trimmed().isEmpty()) {
        console::err(u"utter transform: the text is empty; nothing to do."_s);
        return ExitNothingToDo;
    }

    HttpClient http;
    SystemClock clock;
    Transformer transformer(
        TransformerConfig::fromSettings(context.settings(), context.secrets(), context.locations().stylesDir()), http,
        clock);
    QEventLoop loop;
    int exitCode = ExitOk;
    bool printedDelta = false;
    transformer.transform(
        *text, *style, &loop,
        [&printedDelta](const QString& delta) {
            printedDelta = true;
            console::outRaw(delta.toUtf8());
        },
        [&](const TransformResult& result) {
            if (result.transformed) {
                if (!printedDelta)
                    console::outRaw(result.text.toUtf8());
                console::outRaw("\n");
            } else {
                if (result.partialDeltasSent)
                    console::outRaw("\n");
                if (result.error) {
                    console::err(
                        u"utter transform: %1 The unchanged text follows on stdout."_s.arg(result.error->message));
                    exitCode = providerExitCode(*result.error);
                }
                console::outRaw(result.text.toUtf8() + "\n");
            }
            loop.quit();
        },
        !parser.isSet(u"no-stream"_s));
    loop.exec();
    return exitCode;
}

void SpeakCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Read text aloud through the read-back endpoint (/v1/audio/speech: hal0, speaches, OpenAI, ...), trying\n"
        "the fallback endpoint when the primary fails. Configure it with speech/url, speech/model and\n"
        "speech/voice (and speech/fallbackUrl for a second server)."_s);
    parser.addPositionalArgument(u"text"_s, u"The text, or - to read stdin."_s, u"TEXT|-"_s);
    parser.addOption({u"last"_s, u"Read back the last dictation (what `utter last` prints)."_s});
    parser.addOption({{u"o"_s, u"output"_s}, u"Save the audio to FILE instead of playing it."_s, u"FILE"_s});
    parser.addOption({u"voice"_s, u"Voice for this call (overrides speech/voice)."_s, u"V"_s});
}

int SpeakCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    SpeechConfig config = SpeechConfig::fromSettings(context.settings(), context.secrets());
    if (config.endpoints.isEmpty()) {
        console::err(u"utter speak: no read-back endpoint is configured; set one with `utter config set speech/url "
                     "http://HOST:8080/v1` (hal0, speaches or any /v1/audio/speech server)."_s);
        return ExitUsage;
    }
    if (parser.isSet(u"voice"_s)) {
        for (Endpoint& e : config.endpoints)
            e.voice = parser.value(u"voice"_s);
    }
    std::optional<QString> text;
    if (parser.isSet(u"last"_s)) {
        if (!parser.positionalArguments().isEmpty()) {
            console::err(u"utter speak: give either --last or a TEXT, not both."_s);
            return ExitUsage;
        }
        Result<HistoryStore*> store = context.history();
        if (!store) {
            console::err(u"utter speak: "_s + store.error().message);
            return ExitFailed;
        }
        const Result<std::optional<HistoryEntry>> latest = store.value()->latest();
        if (!latest) {
            console::err(u"utter speak: "_s + latest.error().message);
            return ExitFailed;
        }
        if (!latest.value()) {
            console::err(u"utter speak: the history is empty, so there is no last result to read back."_s);
            return ExitNothingToDo;
        }
        text = latest.value()->text();
    } else {
        text = inputText(parser, u"speak"_s);
    }
    if (!text)
        return ExitUsage;
    if (text->trimmed().isEmpty()) {
        console::err(u"utter speak: the text is empty; nothing to say."_s);
        return ExitNothingToDo;
    }
    HttpClient http;
    SystemClock clock;
    SpeechClient client(config, http, clock);
    QEventLoop loop;
    int exitCode = ExitOk;
    AudioPlayback playback;
    QObject::connect(&playback, &AudioPlayback::finished, &loop, [&](bool ok, const QString& message) {
        if (!ok) {
            console::err(u"utter speak: playback failed: %1"_s.arg(message));
            exitCode = ExitFailed;
        }
        loop.quit();
    });
    client.synthesize(*text, &loop, [&](const Result<SpeechResult>& result) {
        if (!result) {
            console::err(u"utter speak: %1"_s.arg(result.error().message));
            exitCode = providerExitCode(result.error());
            loop.quit();
            return;
        }
        if (parser.isSet(u"output"_s)) {
            QFile file(parser.value(u"output"_s));
            if (!file.open(QIODevice::WriteOnly) || file.write(result->audio) != result->audio.size()) {
                console::err(u"utter speak: cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
                exitCode = ExitFailed;
            }
            loop.quit();
            return;
        }
        const Status started = playback.play(result->audio, result->mimeType);
        if (!started) {
            console::err(u"utter speak: %1"_s.arg(started.error().message));
            exitCode = ExitFailed;
            loop.quit();
        }
    });
    loop.exec();
    return exitCode;
}

void DoctorCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Check that Utter can work here and say how to fix what is wrong: audio inputs, hotkeys, text output and\n"
        "the providers. Exit code 4 when a provider check failed (key, balance, endpoint), 1 when another did."_s);
    parser.addOption({u"json"_s, u"Machine-readable report."_s});
}

int DoctorCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    HttpClient http;
    Doctor doctor;
    // One contributor per part, in the order a user reads them; audio and keychain add theirs here.
    doctor.add(AudioDoctor::fromSettings(context.settings()));
    doctor.add(PlatformDoctor::fromSettings(context.settings()));
    const StyleLibrary styles = StyleLibrary::load(context.locations().stylesDir());
    doctor.add(std::make_unique<ProvidersDoctor>(
        TranscriberConfig::fromSettings(context.settings(), context.secrets()),
        TransformerConfig::fromSettings(context.settings(), context.secrets(), context.locations().stylesDir()),
        SpeechConfig::fromSettings(context.settings(), context.secrets()), styles.problems(), http));
    // The keychain, and what a running service does about its HTTP API token (ready, file fallback, waiting).
    QJsonObject serviceStatus;
    IpcClient service(ipcEndpointName(context.locations()));
    if (service.connectToServer(500).ok()) {
        if (const Result<QJsonValue> status = service.call(u"status.get"_s, {}, 3000); status.ok())
            serviceStatus = status.value().toObject();
    }
    // The Secret Service itself (running, answering, a default keyring, locked), then a read through it.
    doctor.add(std::make_unique<SecretServiceDoctor>());
    doctor.add(std::make_unique<SecretsDoctor>(
        context.secrets().keychain(), context.settings().stringValue(SettingKey::TranscribeKeyName), serviceStatus));
    QEventLoop loop;
    QList<DoctorCheck> checks;
    doctor.run([&](const QList<DoctorCheck>& all) {
        checks = all;
        loop.quit();
    });
    loop.exec();
    if (parser.isSet(u"json"_s))
        console::outRaw(QJsonDocument(Doctor::toJson(checks)).toJson(QJsonDocument::Indented));
    else
        console::outRaw(Doctor::toText(checks).toUtf8());
    // A provider problem (key, balance, endpoint) is exit 4 like every provider error; anything else failing is 1.
    const bool providerFailed = std::any_of(checks.cbegin(), checks.cend(), [](const DoctorCheck& check) {
        return check.status == CheckStatus::Fail && check.section == u"providers"_s;
    });
    return providerFailed ? ExitProvider : Doctor::anyFailed(checks) ? ExitFailed : ExitOk;
}

} // namespace utter
