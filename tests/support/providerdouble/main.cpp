// utter-provider-double: the provider test double as a standalone server (benchmarks, manual runs, scripts).
#include "fixtureclips.h"
#include "providerdouble.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"utter-provider-double"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Local stand-in for Groq, DeepSeek, OpenAI speech and hal0. Prints \"listening on PORT\" when ready.\n"
        "Control: POST /_double/faults {json fault}, GET /_double/requests, POST /_double/reset."_s);
    parser.addHelpOption();
    parser.addOption({u"port"_s, u"Port (0 = any free one)."_s, u"PORT"_s, u"0"_s});
    parser.addOption({u"hal0"_s, u"Behave like a hal0 front door (no auth, hal0 error envelope, /api/*)."_s});
    parser.addOption({u"no-auth"_s, u"Accept requests without an API key."_s});
    parser.addOption({u"groq-latency"_s, u"Model Groq's latency: round trip + audio seconds / 216."_s});
    parser.addOption({u"fixtures"_s, u"Cache directory for the espeak-ng fixture clips."_s, u"DIR"_s,
                      QDir::temp().filePath(u"utter-fixture-clips"_s)});
    parser.addOption({u"no-fixtures"_s, u"Do not synthesise fixture clips (transcripts stay unrecognised)."_s});
    parser.process(app);

    utter::test::ProviderDouble server;
    server.options().hal0 = parser.isSet(u"hal0"_s);
    if (parser.isSet(u"no-auth"_s))
        server.options().keys.clear();
    server.options().groqLatency = parser.isSet(u"groq-latency"_s);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.isSet(u"no-fixtures"_s)) {
        QString error;
        const auto clips = utter::test::FixtureClips::synthesize(utter::test::FixtureClips::defaultTexts(),
                                                                 parser.value(u"fixtures"_s), &error);
        if (clips)
            server.setFixtures(*clips);
        else
            err << "utter-provider-double: no fixture clips (" << error << ")\n";
    }
    const quint16 port = server.start(quint16(parser.value(u"port"_s).toUInt()));
    if (port == 0) {
        err << "utter-provider-double: cannot listen on 127.0.0.1:" << parser.value(u"port"_s) << '\n';
        return 1;
    }
    out << "listening on " << port << Qt::endl;
    return QCoreApplication::exec();
}
