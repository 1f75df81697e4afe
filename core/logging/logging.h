#pragma once

#include <QLoggingCategory>

// One category per module (DESIGN §6). Users enable debug output with QT_LOGGING_RULES="utter.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcAudio)      // utter.audio: capture, devices
Q_DECLARE_LOGGING_CATEGORY(lcVad)        // utter.vad: VAD, segmentation
Q_DECLARE_LOGGING_CATEGORY(lcTranscribe) // utter.transcribe: speech-to-text providers
Q_DECLARE_LOGGING_CATEGORY(lcTransform)  // utter.transform: styles, chat calls
Q_DECLARE_LOGGING_CATEGORY(lcSpeech)     // utter.speech: read-back
Q_DECLARE_LOGGING_CATEGORY(lcInject)     // utter.inject: text output, clipboard
Q_DECLARE_LOGGING_CATEGORY(lcHotkey)     // utter.hotkey: global hotkeys
Q_DECLARE_LOGGING_CATEGORY(lcDaemon)     // utter.daemon: serve, lifecycle, supervisors
Q_DECLARE_LOGGING_CATEGORY(lcIpc)        // utter.ipc: local socket server and clients
Q_DECLARE_LOGGING_CATEGORY(lcHttp)       // utter.http: HTTP transport, retries, front door
Q_DECLARE_LOGGING_CATEGORY(lcPipeline)   // utter.pipeline: dictation state machine, assembly
Q_DECLARE_LOGGING_CATEGORY(lcJournal)    // utter.journal: on-disk job journal
Q_DECLARE_LOGGING_CATEGORY(lcHistory)    // utter.history: SQLite history
Q_DECLARE_LOGGING_CATEGORY(lcSettings)   // utter.settings: settings, secrets
Q_DECLARE_LOGGING_CATEGORY(lcUi)         // utter.ui: widgets

namespace utter
{

// Every category name above, for `utter doctor` and tests.
QStringList loggingCategoryNames();

} // namespace utter
