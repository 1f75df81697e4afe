#pragma once

#include "common/result.h"
#include "style.h"

#include <QString>

namespace utter
{

// Writes user styles as the Markdown files StyleLibrary::load() reads (docs/providers.md, "Style files"): front
// matter with the options that are set, then the prompt. A written file parses back to the same style.
class StyleWriter final
{
public:
    // Empty when name can be a style file name (what StyleLibrary::load accepts), else the reason.
    static QString nameProblem(const QString& name);

    // The file's text: description, model, temperature, timeout and min-words when set, then the prompt.
    static QString toMarkdown(const Style& style);

    // Writes <dir>/<style.name>.md atomically (a temporary file renamed over the old one), creating dir.
    // Refuses an invalid name, a temperature outside 0–2, a timeout outside (0, 600] s and an empty prompt, so a
    // half-valid style never reaches the disk. Returns the file's path.
    static Result<QString> save(const QString& dir, const Style& style);

    // Deletes <dir>/<name>.md (a built-in of that name applies again). NotFound when there is no such file.
    static Status remove(const QString& dir, const QString& name);

    static QString filePath(const QString& dir, const QString& name);
};

} // namespace utter
