#pragma once

#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace utter
{

// A transformation "style": how an LLM rewrites dictated text. Built-ins ship with Utter; users add or override
// styles as Markdown files with front matter in $UTTER_CONFIG_DIR/styles/ (see docs/providers.md).
struct Style
{
    QString name;         // "clean"; the file stem for user styles
    QString description;  // one line for `utter transform --list`
    QString systemPrompt; // empty for raw
    QString model;        // empty = the configured transform/model
    std::optional<double> temperature;
    std::optional<std::chrono::milliseconds> timeout; // empty = transform/timeoutSeconds
    std::optional<int> minimumWords;                  // empty = the configured minimum (3)
    QString source;                                   // "built-in" or the file's path

    bool isRaw() const { return systemPrompt.trimmed().isEmpty(); }
};

// The limits of a style, one set for the loader (StyleLibrary::parse/load), StyleWriter::save and the desktop
// app's style editor (docs/providers.md, "Style files").
namespace stylelimits
{
inline constexpr int MaxNameLength = 64; // the file name without .md
inline constexpr double MinTemperature = 0.0;
inline constexpr double MaxTemperature = 2.0;
inline constexpr double MaxTimeoutSeconds = 600.0; // and more than 0
inline constexpr int MinMinimumWords = 1;
inline constexpr int MaxMinimumWords = 1000;
} // namespace stylelimits

enum class StyleField
{
    Name,
    Temperature,
    Timeout,
    MinimumWords,
    Prompt,
};

struct StyleIssue
{
    StyleField field;
    QString message; // one sentence, translated when the UI has a translator installed
};

// Each field's rule: one sentence saying what is wrong, or an empty string.
QString styleNameProblem(const QString& name);
QString styleTemperatureProblem(double temperature);
QString styleTimeoutProblem(double seconds);
QString styleMinimumWordsProblem(int words);
QString stylePromptProblem(const QString& prompt);
// Every problem of a style, in field order; empty when it can be saved.
QList<StyleIssue> validateStyle(const Style& style);

struct StyleProblem
{
    QString file;
    int line = 0;
    QString message;
};

// The built-in styles and the user's style files.
class StyleLibrary final
{
public:
    static QList<Style> builtins();

    // Built-ins, then every *.md file in dir (a user file with a built-in's name replaces it).
    static StyleLibrary load(const QString& dir);

    // Parses one style file; problems are appended (the style is still returned when it is usable).
    static std::optional<Style> parse(const QString& name, const QString& text, const QString& source,
                                      QList<StyleProblem>& problems);

    const QList<Style>& styles() const { return m_styles; }
    const QList<StyleProblem>& problems() const { return m_problems; }
    std::optional<Style> find(const QString& name) const;
    QStringList names() const;

private:
    QList<Style> m_styles;
    QList<StyleProblem> m_problems;
};

} // namespace utter
