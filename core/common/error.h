#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace utter
{

// What went wrong, in a form both code (the code) and a person (the message) can act on.
enum class ErrorCode
{
    Failed,            // anything without a more specific code
    InvalidArgument,   // bad input from the user or a caller
    NotFound,          // a file, key, device or entry that does not exist
    Io,                // reading or writing a file failed (includes a full disk)
    Corrupt,           // a file exists but its content cannot be trusted
    Unsupported,       // this build or platform cannot do it
    Network,           // connection refused, reset, DNS, TLS
    Timeout,           // connect, read or total timeout
    RateLimited,       // 429, and Groq's 498 (flex-tier capacity); retryAfter says when to try again
    AuthFailed,        // 401/403: the key is wrong or lacks permission
    OutOfCredit,       // 402: the account has no balance
    TooLarge,          // 413: the request must be split
    UnsupportedFormat, // 415 or the provider rejected the audio format
    ProviderError,     // 5xx or a malformed answer
    SlotLoading,       // hal0 503 slot.loading; retryAfter says when
    NoSpeech,          // the audio holds no speech
    MicDenied,         // the OS denied the microphone
    DeviceLost,        // the capture device vanished
    InjectionBlocked,  // the focused window refused synthetic input
    Cancelled,         // the user or the caller cancelled
    NotRunning,        // no running instance to talk to
    AlreadyRunning,    // a second instance was refused
};

struct Error
{
    ErrorCode code = ErrorCode::Failed;
    QString message; // one sentence a person understands, ideally with what to do next
    std::optional<std::chrono::milliseconds> retryAfter;

    Error() = default;
    Error(ErrorCode c, QString m, std::optional<std::chrono::milliseconds> retry = std::nullopt)
        : code(c)
        , message(std::move(m))
        , retryAfter(retry)
    {}
};

// Stable machine name of a code ("rate_limited"), used in JSON output and logs.
QString errorCodeName(ErrorCode code);

} // namespace utter
