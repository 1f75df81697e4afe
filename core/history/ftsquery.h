#pragma once

#include <QString>

namespace utter
{

// Turns what a user typed into a safe FTS5 MATCH expression for search-as-you-type: every word becomes a quoted
// phrase with a prefix star ("meet"* "tom"*), all words must match, and nothing the user types — quotes, '*',
// '-', ':', AND/OR/NOT, parentheses — can change the query's syntax. Words without any letter or digit are
// dropped; an empty result means "no searchable words" (the store then falls back to a substring scan).
QString ftsMatchExpression(const QString& userInput);

// Escapes a LIKE pattern's wildcards with '\' (use with ESCAPE '\') and wraps it in %...%.
QString likeContainsPattern(const QString& userInput);

} // namespace utter
