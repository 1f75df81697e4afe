<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>utter::ui::AutoStart</name>
    <message>
        <source>Could not remove %1; delete it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1 (%2); check that the folder is writable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::DesktopApp</name>
    <message>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history window is not part of this build yet; use `utter history`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run `utter doctor` in a terminal for the checks.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::EndpointProbe</name>
    <message>
        <source>Connected in %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was refused (HTTP %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint answered HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the endpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::KeyCaptureWidget</name>
    <message>
        <source>Activate, then press the key or key combination to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That key cannot be used as a hotkey; try a function key or a chord such as Ctrl+Alt+Space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press a key or combination… (Esc cancels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None — click to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hotkey: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::LevelMeterWidget</name>
    <message>
        <source>Input level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::RecordingOverlay</name>
    <message>
        <source>Dictation overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying style…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued — will finish when the network is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::SettingsDialog</name>
    <message>
        <source>Utter Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation &amp;mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Spoken language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-letter code such as en, de or fr; leave empty to detect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a two-letter language code such as en, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect the next time Utter starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Utter when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overlay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play sounds when dictation starts, stops or fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound &amp;volume (%):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hotkeys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dictation key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click, then press a key (F9, RightCtrl) or a combination (Ctrl+Alt+Space).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discards the current dictation. Backspace clears it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel key must differ from the dictation key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is used by most applications; pick a key you do not type with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On Wayland, bind a key in your compositor to run `utter begin` and `utter end` (or `utter toggle`); `utter doctor` prints the exact lines for your desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice &amp;sensitivity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 = only loud speech counts, 1 = everything above the noise floor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pre-roll (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio kept from just before the key press, so the first word is never cut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hands-free stop after (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortest &amp;pause (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any OpenAI-compatible server works: Groq, a local whisper.cpp or speaches server, a hal0 box. Keys are stored in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription &amp;model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcription &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fallback URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used when the primary fails; leave empty for none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback m&amp;odel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fallback k&amp;ey:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read-back URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An /v1/audio/speech endpoint for &quot;Read back last result&quot;; empty turns it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-back &amp;voice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Styles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default style:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;raw&quot; types the transcript as spoken; a style rewrites it (e.g. email, notes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style &amp;model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout (s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this long the raw transcript is delivered instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-&amp;application styles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One rule per line as application=style, e.g. thunderbird=email. First match wins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not application=style.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Vocabulary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names and terms the transcriber should spell right, one per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Methods in order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line, tried top to bottom; &quot;auto&quot; uses the best chain for this desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore my clipboard after pasting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter after inserting the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replacements:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line as from=&gt;to, applied to every transcript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not from=&gt;to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;N:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days or dictations, for the &quot;last N&quot; choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the audio of each dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve the HTTP API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOST:PORT; loopback unless you allow remote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write HOST:PORT, e.g. 127.0.0.1:8765.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate API &amp;token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new token was created; clients need it from `utter secret status http-token`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard (keys are never included).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by the environment (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored — ends in …%1; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: fix the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::SettingsForm</name>
    <message>
        <source>Push to talk — hold the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle — press to start, press to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hands-free — stops when you pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top of the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bottom of the screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the last N days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the last N dictations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some settings are not valid; fix the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::StatusWindow</name>
    <message>
        <source>Utter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your desktop has no system tray (on GNOME, install the AppIndicator extension to get one). Utter keeps working through its hotkey, this window and the command line (&lt;code&gt;utter toggle&lt;/code&gt;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More actions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>utter::ui::TrayController</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued — waiting for the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push to talk (hold the key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle (press to start and stop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hands-free (stops when you pause)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued dictation delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy last result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read back last result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause hotkeys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Utter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (raw transcript)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider cannot be reached. Your recording is saved and will be transcribed when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dictation failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong; see the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop dictation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dictation pipeline is not part of this build.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
