#pragma once

#include <QString>

#include <optional>

namespace utter::console
{

// Text for the user: stdout for results, stderr for messages. Both go through the secret redactor.
void out(const QString& text); // adds a newline
void err(const QString& text); // adds a newline
void outRaw(const QByteArray& bytes);
void errRaw(const QByteArray& bytes); // progress lines: no newline, not redacted (never holds a secret)

bool stdinIsTerminal();
bool stderrIsTerminal();

// Reads one secret from stdin: on a terminal with echo off after printing prompt to stderr; from a pipe the
// whole input (trailing newline removed). std::nullopt when stdin is closed without data.
std::optional<QString> readSecret(const QString& prompt);

// Reads all of stdin as UTF-8 text.
QString readAllStdin();

} // namespace utter::console
