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
    // The file's text: description, model, temperature, timeout and min-words when set, then the prompt.
    static QString toMarkdown(const Style& style);

    // Writes <dir>/<style.name>.md atomically (a temporary file renamed over the old one), creating dir.
    // Refuses whatever validateStyle() finds (style.h: the name, temperature, timeout, minimum words and prompt
    // limits the loader and the editor share), so a half-valid style never reaches the disk. Returns the file's
    // path.
    static Result<QString> save(const QString& dir, const Style& style);

    // Deletes <dir>/<name>.md (a built-in of that name applies again). NotFound when there is no such file.
    static Status remove(const QString& dir, const QString& name);

    static QString filePath(const QString& dir, const QString& name);
};

} // namespace utter
