#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace utter
{

struct ChatRequestSpec
{
    QString model;
    QString systemPrompt;
    QString userText;
    std::optional<double> temperature;
    bool stream = false;
    bool disableThinking = false; // DeepSeek: thinking is on by default; never send reasoning_effort "none"
};

// The JSON body of a /chat/completions request.
QByteArray buildChatBody(const ChatRequestSpec& spec);

// The assistant's text of a non-streamed answer (leading keep-alive blank lines are fine).
Result<QString> parseChatCompletion(const QByteArray& body);

// One "data:" payload of a streamed answer.
struct ChatChunk
{
    QString content;              // choices[0].delta.content (reasoning_content is ignored)
    QString finishReason;         // set on the last chunk
    bool done = false;            // the [DONE] sentinel
    std::optional<QString> error; // an {"error":...} object inside the stream
};
Result<ChatChunk> parseChatChunk(const QString& data);

} // namespace utter
