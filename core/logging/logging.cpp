#include "logging.h"

#include <QStringList>

Q_LOGGING_CATEGORY(lcAudio, "utter.audio", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVad, "utter.vad", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTranscribe, "utter.transcribe", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransform, "utter.transform", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSpeech, "utter.speech", QtInfoMsg)
Q_LOGGING_CATEGORY(lcInject, "utter.inject", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHotkey, "utter.hotkey", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDaemon, "utter.daemon", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIpc, "utter.ipc", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "utter.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPipeline, "utter.pipeline", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJournal, "utter.journal", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHistory, "utter.history", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "utter.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "utter.ui", QtInfoMsg)

namespace utter
{

QStringList loggingCategoryNames()
{
    QStringList names;
    for (const auto category : {&lcAudio, &lcVad, &lcTranscribe, &lcTransform, &lcSpeech, &lcInject, &lcHotkey,
                                &lcDaemon, &lcIpc, &lcHttp, &lcPipeline, &lcJournal, &lcHistory, &lcSettings, &lcUi})
        names << QString::fromLatin1(category().categoryName());
    return names;
}

} // namespace utter
