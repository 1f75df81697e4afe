// Style files written by StyleWriter read back through StyleLibrary as the same style; nothing half-valid is
// written, and a save replaces the old file whole.
#include "providers/style.h"
#include "providers/stylewriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

class TestStyleWriter final : public QObject
{
    Q_OBJECT

private:
    static Style sample()
    {
        Style s;
        s.name = u"chat-reply"_s;
        s.description = u"  \"Short\" replies: for chat # apps  "_s;
        s.model = u"deepseek-v4-pro"_s;
        s.temperature = 0.45;
        s.timeout = 8500ms;
        s.minimumWords = 2;
        s.systemPrompt = u"Rewrite as a short chat message.\n\n---\nKeep names: exactly.\n# not a comment"_s;
        return s;
    }

private slots:
    void roundTripsThroughTheParser()
    {
        QTemporaryDir dir;
        const Style written = sample();
        const Result<QString> path = StyleWriter::save(dir.path(), written);
        QVERIFY2(path.ok(), qPrintable(path.ok() ? QString() : path.error().message));
        QCOMPARE(path.value(), dir.filePath(u"chat-reply.md"_s));

        const StyleLibrary library = StyleLibrary::load(dir.path());
        QVERIFY2(library.problems().isEmpty(), qPrintable(library.problems().value(0).message));
        const std::optional<Style> read = library.find(u"chat-reply"_s);
        QVERIFY(read);
        QCOMPARE(read->name, written.name);
        QCOMPARE(read->description, written.description);
        QCOMPARE(read->model, written.model);
        QVERIFY(read->temperature && read->timeout && read->minimumWords);
        QCOMPARE(*read->temperature, *written.temperature);
        QCOMPARE(read->timeout->count(), written.timeout->count());
        QCOMPARE(*read->minimumWords, *written.minimumWords);
        QCOMPARE(read->systemPrompt, written.systemPrompt);
        QCOMPARE(read->source, path.value());
    }

    void unsetOptionsStayUnset()
    {
        QTemporaryDir dir;
        Style s;
        s.name = u"plain"_s;
        s.systemPrompt = u"Fix the punctuation."_s;
        QVERIFY(StyleWriter::save(dir.path(), s).ok());
        const std::optional<Style> read = StyleLibrary::load(dir.path()).find(u"plain"_s);
        QVERIFY(read);
        QVERIFY(!read->temperature);
        QVERIFY(!read->timeout);
        QVERIFY(!read->minimumWords);
        QVERIFY(read->model.isEmpty());
        QCOMPARE(read->systemPrompt, s.systemPrompt);
        QVERIFY(StyleLibrary::load(dir.path()).problems().isEmpty());
    }

    void aUserCopyReplacesTheBuiltinAndRemovingRestoresIt()
    {
        QTemporaryDir dir;
        Style email = *StyleLibrary::load({}).find(u"email"_s);
        email.systemPrompt = u"Write it as a very short email."_s;
        QVERIFY(StyleWriter::save(dir.path(), email).ok());
        QCOMPARE(StyleLibrary::load(dir.path()).find(u"email"_s)->systemPrompt, email.systemPrompt);
        QCOMPARE(StyleLibrary::load(dir.path()).names(), StyleLibrary::load({}).names()); // replaced, not added

        QVERIFY(StyleWriter::remove(dir.path(), u"email"_s).ok());
        QCOMPARE(StyleLibrary::load(dir.path()).find(u"email"_s)->source, u"built-in"_s);
        QCOMPARE(StyleWriter::remove(dir.path(), u"email"_s).error().code, ErrorCode::NotFound);
    }

    void refusesHalfValidStyles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("temperature");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QString>("prompt");
        QTest::newRow("empty name") << QString() << 0.2 << 5000 << u"p"_s;
        QTest::newRow("path in name") << u"../evil"_s << 0.2 << 5000 << u"p"_s;
        QTest::newRow("space in name") << u"my style"_s << 0.2 << 5000 << u"p"_s;
        QTest::newRow("temperature above 2") << u"ok"_s << 2.5 << 5000 << u"p"_s;
        QTest::newRow("negative temperature") << u"ok"_s << -0.1 << 5000 << u"p"_s;
        QTest::newRow("zero timeout") << u"ok"_s << 0.2 << 0 << u"p"_s;
        QTest::newRow("timeout above 600 s") << u"ok"_s << 0.2 << 601000 << u"p"_s;
        QTest::newRow("no prompt") << u"ok"_s << 0.2 << 5000 << u"  \n "_s;
    }

    void refusesHalfValidStyles()
    {
        QFETCH(QString, name);
        QFETCH(double, temperature);
        QFETCH(int, timeoutMs);
        QFETCH(QString, prompt);
        QTemporaryDir dir;
        // An earlier, valid version of the file stays as it was.
        Style good;
        good.name = u"ok"_s;
        good.systemPrompt = u"The good prompt."_s;
        QVERIFY(StyleWriter::save(dir.path(), good).ok());

        Style s;
        s.name = name;
        s.temperature = temperature;
        s.timeout = std::chrono::milliseconds(timeoutMs);
        s.systemPrompt = prompt;
        const Result<QString> saved = StyleWriter::save(dir.path(), s);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!saved.error().message.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"ok.md"_s});
        QCOMPARE(StyleLibrary::load(dir.path()).find(u"ok"_s)->systemPrompt, good.systemPrompt);
        QVERIFY(!QFile::exists(dir.path() + u"/../evil.md"_s));
    }

    // One set of limits (validateStyle): what the writer refuses, the loader reports with the same sentence.
    void loaderAndWriterShareTheLimits_data()
    {
        QTest::addColumn<QString>("frontMatter"); // the option as a file writes it
        QTest::addColumn<QString>("expected");    // the sentence both give
        QTest::newRow("temperature") << u"temperature: 2.5"_s << styleTemperatureProblem(2.5);
        QTest::newRow("temperature word") << u"temperature: warm"_s << styleTemperatureProblem(-1);
        QTest::newRow("zero timeout") << u"timeout: 0s"_s << styleTimeoutProblem(0);
        QTest::newRow("long timeout") << u"timeout: 601"_s << styleTimeoutProblem(601);
        QTest::newRow("zero min-words") << u"min-words: 0"_s << styleMinimumWordsProblem(0);
        QTest::newRow("too many min-words") << u"min-words: 1001"_s << styleMinimumWordsProblem(1001);
    }

    void loaderAndWriterShareTheLimits()
    {
        QFETCH(QString, frontMatter);
        QFETCH(QString, expected);
        QVERIFY(!expected.isEmpty());
        QList<StyleProblem> problems;
        const std::optional<Style> parsed =
            StyleLibrary::parse(u"s"_s, u"---\n"_s + frontMatter + u"\n---\nA prompt.\n"_s, u"s.md"_s, problems);
        QVERIFY(parsed);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().line, 2);
        QCOMPARE(problems.first().message, expected);
        QVERIFY(!parsed->temperature && !parsed->timeout && !parsed->minimumWords); // the default applies

        Style s;
        s.name = u"s"_s;
        s.systemPrompt = u"A prompt."_s;
        const QString key = frontMatter.section(u':', 0, 0);
        const double number = frontMatter.section(u':', 1).trimmed().remove(u's').toDouble();
        if (key == u"temperature"_s)
            s.temperature = frontMatter.contains(u"warm"_s) ? -1 : number;
        else if (key == u"timeout"_s)
            s.timeout = std::chrono::milliseconds(qRound64(number * 1000));
        else
            s.minimumWords = int(number);
        QTemporaryDir dir;
        const Result<QString> saved = StyleWriter::save(dir.path(), s);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().message, expected);
        QCOMPARE(validateStyle(s).size(), 1);
    }

    void namesFollowOneRule()
    {
        QVERIFY(styleNameProblem(QString(64, u'a')).isEmpty());
        QVERIFY(!styleNameProblem(QString(65, u'a')).isEmpty());
        QTemporaryDir dir;
        Style s;
        s.name = QString(65, u'a');
        s.systemPrompt = u"p"_s;
        QCOMPARE(StyleWriter::save(dir.path(), s).error().message, styleNameProblem(s.name));
        // A file the writer would refuse to create is skipped by the loader with the same reason.
        QFile file(dir.filePath(s.name + u".md"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("A prompt.\n");
        file.close();
        const StyleLibrary library = StyleLibrary::load(dir.path());
        QVERIFY(!library.find(s.name));
        QCOMPARE(library.problems().size(), 1);
        QCOMPARE(library.problems().first().message, styleNameProblem(s.name));
        QCOMPARE(validateStyle(Style{}).size(), 2); // no name, no prompt
    }

    void saveReplacesTheWholeFile()
    {
        QTemporaryDir dir;
        Style s = sample();
        QVERIFY(StyleWriter::save(dir.path(), s).ok());
        s.description.clear();
        s.model.clear();
        s.temperature.reset();
        s.systemPrompt = u"Shorter."_s;
        QVERIFY(StyleWriter::save(dir.path(), s).ok());
        QFile file(StyleWriter::filePath(dir.path(), s.name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY2(!text.contains(u"deepseek"_s) && !text.contains(u"temperature"_s), qPrintable(text));
        QVERIFY(text.endsWith(u"---\nShorter.\n"_s));
        // No temporary files are left next to it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void createsTheFolder()
    {
        QTemporaryDir dir;
        Style s;
        s.name = u"n"_s;
        s.systemPrompt = u"p"_s;
        QVERIFY(StyleWriter::save(dir.filePath(u"config/styles"_s), s).ok());
        QVERIFY(QFile::exists(dir.filePath(u"config/styles/n.md"_s)));
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestStyleWriter)
#include "teststylewriter.moc"
