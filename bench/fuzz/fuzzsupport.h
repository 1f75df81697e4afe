#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

// Shared by the fuzz targets in bench/fuzz (libFuzzer's entry points; see CMakeLists.txt there).
namespace utter::fuzz
{

// The input as bytes (no copy: valid during one LLVMFuzzerTestOneInput call).
inline QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

// A QCoreApplication for targets that need one (settings, SQLite, event loop); created once per process.
void ensureApplication();

// Writes bytes to one reused file in a private temporary folder and returns its path (targets whose parser
// reads a path: WAV, settings file).
QString writeScratchFile(const QByteArray& bytes, const QString& suffix);

// Stops the process with a message (a property of the parser did not hold) — the fuzzer records the input.
[[noreturn]] void fail(const char* what, const QByteArray& detail = {});

// Splits the input at the first occurrence of separator: {before, after}; {input, {}} when absent.
std::pair<QByteArray, QByteArray> splitOnce(const QByteArray& input, const QByteArray& separator);

} // namespace utter::fuzz
