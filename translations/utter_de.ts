<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>utter::EndpointHealth</name>
    <message>
        <source>Connected in %1 ms.</source>
        <translation>Verbunden in %1 ms.</translation>
    </message>
    <message>
        <source>The server does not list the model “%1”; check the model name.</source>
        <translation>Der Server führt das Modell „%1“ nicht auf; prüfen Sie den Modellnamen.</translation>
    </message>
    <message>
        <source>The hal0 slot is %1, so the first request waits for the model to load.</source>
        <translation>Der hal0-Slot ist %1, daher wartet die erste Anfrage, bis das Modell geladen ist.</translation>
    </message>
</context>
<context>
    <name>utter::HttpEndpoint</name>
    <message>
        <source>&quot;%1&quot; is not HOST:PORT; use e.g. 127.0.0.1:8765 or [::1]:8765.</source>
        <translation>„%1“ ist nicht HOST:PORT; verwenden Sie z. B. 127.0.0.1:8765 oder [::1]:8765.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address; use a numeric address (or localhost) to listen on.</source>
        <translation>„%1“ ist keine IP-Adresse; geben Sie eine numerische Adresse (oder localhost) zum Lauschen an.</translation>
    </message>
</context>
<context>
    <name>utter::KeySpec</name>
    <message>
        <source>No key given; write a key such as F9 or RightCtrl, or a chord such as Ctrl+Alt+Space.</source>
        <translation>Keine Taste angegeben; schreiben Sie eine Taste wie F9 oder RightCtrl oder eine Kombination wie Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has an empty part; separate keys with a single + as in Ctrl+Alt+Space.</source>
        <translation>„%1“ enthält einen leeren Teil; trennen Sie Tasten mit einem einzelnen + wie in Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names %2 twice; list each modifier once.</source>
        <translation>„%1“ nennt %2 zweimal; geben Sie jede Zusatztaste nur einmal an.</translation>
    </message>
    <message>
        <source>Unknown key &quot;%1&quot; in &quot;%2&quot;; use names such as Ctrl, Alt, Shift, Meta, Space, Enter, F1–F24, A–Z, 0–9, Insert, Pause or RightCtrl.</source>
        <translation>Unbekannte Taste „%1“ in „%2“; verwenden Sie Namen wie Ctrl, Alt, Shift, Meta, Space, Enter, F1–F24, A–Z, 0–9, Insert, Pause oder RightCtrl.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has two keys (%2 and %3); a chord is modifiers plus exactly one key.</source>
        <translation>„%1“ hat zwei Tasten (%2 und %3); eine Kombination besteht aus Zusatztasten und genau einer Taste.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has only modifiers; add a key (Ctrl+Alt+Space), or use one side-specific modifier key on its own such as RightCtrl or RightAlt.</source>
        <translation>„%1“ besteht nur aus Zusatztasten; fügen Sie eine Taste hinzu (Ctrl+Alt+Space) oder verwenden Sie eine seitenspezifische Zusatztaste allein, etwa RightCtrl oder RightAlt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a modifier key such as %2 works only on its own; write just %2, or pick a chord such as Ctrl+Alt+Space.</source>
        <translation>„%1“: eine Zusatztaste wie %2 funktioniert nur allein; schreiben Sie nur %2 oder wählen Sie eine Kombination wie Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; would take %2 away from typing in every application; add Ctrl, Alt or Meta (e.g. Ctrl+Alt+%2) or use a key such as F9, Pause or RightCtrl.</source>
        <translation>„%1“ würde %2 in jeder Anwendung dem Tippen entziehen; fügen Sie Ctrl, Alt oder Meta hinzu (z. B. Ctrl+Alt+%2) oder verwenden Sie eine Taste wie F9, Pause oder RightCtrl.</translation>
    </message>
</context>
<context>
    <name>utter::Settings</name>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>eine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>a number from %1 to %2</source>
        <translation>eine Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>non-empty text</source>
        <translation>nicht leeren Text</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>eines von: %1</translation>
    </message>
    <message>
        <source>an http:// or https:// URL, or nothing</source>
        <translation>eine http://- oder https://-URL oder nichts</translation>
    </message>
    <message>
        <source>an http://, https://, ws:// or wss:// URL</source>
        <translation>eine http://-, https://-, ws://- oder wss://-URL</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>eine http://- oder https://-URL</translation>
    </message>
    <message>
        <source>a comma-separated list</source>
        <translation>eine durch Kommas getrennte Liste</translation>
    </message>
    <message>
        <source>expected %1, found &quot;%2&quot;</source>
        <translation>erwartet: %1, gefunden: „%2“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a two-letter language code such as en, de or fr (leave it empty to detect the language)</source>
        <translation>„%1“ ist kein zweibuchstabiger Sprachcode wie en, de oder fr (leer lassen, um die Sprache zu erkennen)</translation>
    </message>
    <message>
        <source>%1 is used by most applications; pick a key you do not type with, such as F9, Pause, RightCtrl or Ctrl+Alt+Space</source>
        <translation>%1 wird von den meisten Anwendungen benutzt; wählen Sie eine Taste, mit der Sie nicht tippen, etwa F9, Pause, RightCtrl oder Ctrl+Alt+Space</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no fixed port; use a port from 1 to 65535, e.g. 127.0.0.1:8765</source>
        <translation>„%1“ hat keinen festen Port; verwenden Sie einen Port von 1 bis 65535, z. B. 127.0.0.1:8765</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not application=style (e.g. thunderbird=email)</source>
        <translation>„%1“ hat nicht die Form Anwendung=Stil (z. B. thunderbird=email)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not from=&gt;to (e.g. utter=&gt;Utter)</source>
        <translation>„%1“ hat nicht die Form von=&gt;nach (z. B. utter=&gt;Utter)</translation>
    </message>
    <message>
        <source>%1 is already %2; the two must differ</source>
        <translation>%1 ist bereits %2; die beiden müssen sich unterscheiden</translation>
    </message>
    <message>
        <source>a two-letter language code such as en, or nothing to detect it</source>
        <translation>ein zweibuchstabiger Sprachcode wie en oder nichts, um sie zu erkennen</translation>
    </message>
    <message>
        <source>a key such as F9 or RightCtrl, or a chord such as Ctrl+Alt+Space</source>
        <translation>eine Taste wie F9 oder RightCtrl oder eine Kombination wie Ctrl+Alt+Space</translation>
    </message>
    <message>
        <source>a key such as F10 or a chord such as Ctrl+Alt+Backspace, or nothing for none</source>
        <translation>eine Taste wie F10 oder eine Kombination wie Ctrl+Alt+Backspace, oder nichts für keine</translation>
    </message>
    <message>
        <source>a comma-separated list of application=style</source>
        <translation>eine durch Kommas getrennte Liste von Anwendung=Stil</translation>
    </message>
    <message>
        <source>a comma-separated list of from=&gt;to</source>
        <translation>eine durch Kommas getrennte Liste von von=&gt;nach</translation>
    </message>
    <message>
        <source>HOST:PORT with a numeric address or localhost, e.g. 127.0.0.1:8765</source>
        <translation>HOST:PORT mit numerischer Adresse oder localhost, z. B. 127.0.0.1:8765</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither auto nor a number of seconds from 0 to 600</source>
        <translation>„%1“ ist weder auto noch eine Zahl von Sekunden zwischen 0 und 600</translation>
    </message>
    <message>
        <source>auto, or a number of seconds from 0 to 600</source>
        <translation>auto oder eine Zahl von Sekunden zwischen 0 und 600</translation>
    </message>
    <message>
        <source>History is trimmed to this when Utter starts; a running Utter applies it at its next start.</source>
        <translation>Der Verlauf wird beim Start von Utter darauf gekürzt; ein laufendes Utter wendet es beim nächsten Start an.</translation>
    </message>
    <message>
        <source>The HTTP API is opened when the service starts: restart Utter (or `utter --headless serve`) to apply this.</source>
        <translation>Die HTTP-API wird beim Start des Dienstes geöffnet: Starten Sie Utter (oder `utter --headless serve`) neu, damit dies gilt.</translation>
    </message>
    <message>
        <source>The interface language changes when Utter is started again.</source>
        <translation>Die Sprache der Oberfläche wechselt beim nächsten Start von Utter.</translation>
    </message>
</context>
<context>
    <name>utter::Style</name>
    <message>
        <source>The style needs a name.</source>
        <translation>Der Stil braucht einen Namen.</translation>
    </message>
    <message>
        <source>Use letters, digits, “-”, “_” and “.” in a style&apos;s name (it is the file name), starting with a letter or digit.</source>
        <translation>Verwenden Sie im Namen eines Stils Buchstaben, Ziffern, „-“, „_“ und „.“ (er ist der Dateiname), beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>Use at most %1 characters for a style&apos;s name.</source>
        <translation>Der Name eines Stils darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The temperature must be a number from %1 to %2.</source>
        <translation>Die Temperatur muss eine Zahl von %1 bis %2 sein.</translation>
    </message>
    <message>
        <source>The timeout must be more than 0 and at most %1 seconds.</source>
        <translation>Das Zeitlimit muss größer als 0 und höchstens %1 Sekunden sein.</translation>
    </message>
    <message>
        <source>The minimum number of words must be a whole number from %1 to %2.</source>
        <translation>Die Mindestzahl an Wörtern muss eine ganze Zahl von %1 bis %2 sein.</translation>
    </message>
    <message>
        <source>The style needs a prompt; without one it works like raw.</source>
        <translation>Der Stil braucht einen Prompt; ohne ihn wirkt er wie „raw“.</translation>
    </message>
</context>
<context>
    <name>utter::ui::ArchiveTranscription</name>
    <message>
        <source>No speech was found in the recording.</source>
        <translation>In der Aufnahme wurde keine Sprache gefunden.</translation>
    </message>
</context>
<context>
    <name>utter::ui::AutoStart</name>
    <message>
        <source>Could not remove %1; delete it by hand.</source>
        <translation>%1 konnte nicht entfernt werden; bitte von Hand löschen.</translation>
    </message>
    <message>
        <source>Could not write %1 (%2); check that the folder is writable.</source>
        <translation>%1 konnte nicht geschrieben werden (%2); prüfen Sie, ob der Ordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>Utter runs as a Flatpak and cannot add itself to your login items; add Utter in your desktop&apos;s startup applications instead.</source>
        <translation>Utter läuft als Flatpak und kann sich nicht selbst zu Ihren Anmeldeobjekten hinzufügen; fügen Sie Utter stattdessen bei den Autostart-Programmen Ihrer Arbeitsumgebung hinzu.</translation>
    </message>
</context>
<context>
    <name>utter::ui::DesktopApp</name>
    <message>
        <source>Start at login</source>
        <translation>Beim Anmelden starten</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>History is not part of this build.</source>
        <translation>Der Verlauf ist in dieser Version nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>utter::ui::DoctorWindow</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Utter Doctor</source>
        <translation>Utter-Diagnose</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Lösung: %1</translation>
    </message>
    <message>
        <source>Fix…</source>
        <translation>Beheben …</translation>
    </message>
    <message>
        <source>Fix %1</source>
        <translation>%1 beheben</translation>
    </message>
    <message>
        <source>Everything Utter needs is in place.</source>
        <translation>Alles, was Utter braucht, ist vorhanden.</translation>
    </message>
    <message>
        <source>System tray</source>
        <translation>Infobereich</translation>
    </message>
    <message>
        <source>The tray icon is shown.</source>
        <translation>Das Symbol im Infobereich wird angezeigt.</translation>
    </message>
    <message>
        <source>This desktop has no system tray; Utter shows a small window instead.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich; Utter zeigt stattdessen ein kleines Fenster.</translation>
    </message>
    <message>
        <source>On GNOME, install and enable the “AppIndicator and KStatusNotifierItem Support” extension, then restart Utter.</source>
        <translation>Unter GNOME die Erweiterung „AppIndicator and KStatusNotifierItem Support“ installieren und aktivieren, dann Utter neu starten.</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Einstellungsdatei</translation>
    </message>
    <message>
        <source>No problems.</source>
        <translation>Keine Probleme.</translation>
    </message>
    <message>
        <source>Run “utter config check” for line numbers, or set the values again in the settings window.</source>
        <translation>„utter config check“ zeigt die Zeilennummern; oder setzen Sie die Werte im Einstellungsfenster neu.</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <source>Install and unlock a Secret Service keychain (GNOME Keyring, KWallet) so API keys are not kept in a file.</source>
        <translation>Installieren und entsperren Sie einen Secret-Service-Schlüsselbund (GNOME Keyring, KWallet), damit API-Schlüssel nicht in einer Datei liegen.</translation>
    </message>
    <message>
        <source>1 problem found. It says how to fix it.</source>
        <translation>1 Problem gefunden. Es steht dabei, wie es sich beheben lässt.</translation>
    </message>
    <message>
        <source>%1 problems found. Each one says how to fix it.</source>
        <translation>%1 Probleme gefunden. Bei jedem steht, wie es sich beheben lässt.</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>Entsperren …</translation>
    </message>
    <message>
        <source>Set up…</source>
        <translation>Einrichten …</translation>
    </message>
    <message>
        <source>Unlock the keyring</source>
        <translation>Den Schlüsselbund entsperren</translation>
    </message>
    <message>
        <source>Set up a keyring</source>
        <translation>Einen Schlüsselbund einrichten</translation>
    </message>
    <message>
        <source>Waiting for the keyring&apos;s password prompt…</source>
        <translation>Warten auf die Passwortabfrage des Schlüsselbunds …</translation>
    </message>
    <message>
        <source>The keyring was not set up: %1</source>
        <translation>Der Schlüsselbund wurde nicht eingerichtet: %1</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>Befehl kopieren</translation>
    </message>
    <message>
        <source>Copy the install command: %1</source>
        <translation>Den Installationsbefehl kopieren: %1</translation>
    </message>
    <message>
        <source>“%1” is on the clipboard: paste it into a terminal, then log in again.</source>
        <translation>„%1“ ist in der Zwischenablage: Fügen Sie es in ein Terminal ein und melden Sie sich dann neu an.</translation>
    </message>
    <message>
        <source>Sound settings…</source>
        <translation>Toneinstellungen…</translation>
    </message>
    <message>
        <source>Open the system&apos;s sound input settings</source>
        <translation>Die Toneingabe-Einstellungen des Systems öffnen</translation>
    </message>
    <message>
        <source>The system&apos;s sound settings did not open.</source>
        <translation>Die Toneinstellungen des Systems ließen sich nicht öffnen.</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Hotkeys</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
</context>
<context>
    <name>utter::ui::HistoryModel</name>
    <message>
        <source>raw</source>
        <translation>roh</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>utter::ui::HistoryWindow</name>
    <message>
        <source>Utter History</source>
        <translation>Utter-Verlauf</translation>
    </message>
    <message>
        <source>Search dictations…</source>
        <translation>Diktate durchsuchen …</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>Verlauf durchsuchen</translation>
    </message>
    <message>
        <source>Dictations</source>
        <translation>Diktate</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Transkript</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
    <message>
        <source>St&amp;yled text</source>
        <translation>&amp;Gestalteter Text</translation>
    </message>
    <message>
        <source>Styled text</source>
        <translation>Gestalteter Text</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Play audio</source>
        <translation>Audio &amp;abspielen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Export all…</source>
        <translation>Alles &amp;exportieren …</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON (*.json);;CSV (*.csv)</source>
        <translation>Markdown (*.md);;JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>The audio of this dictation was not kept.</source>
        <translation>Die Aufnahme dieses Diktats wurde nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>No dictations yet.</source>
        <translation>Noch keine Diktate.</translation>
    </message>
    <message>
        <source>Nothing matches “%1”.</source>
        <translation>Nichts passt zu „%1“.</translation>
    </message>
    <message>
        <source>(no style was applied)</source>
        <translation>(kein Stil angewendet)</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Kopiert.</translation>
    </message>
    <message>
        <source>Delete dictation</source>
        <translation>Diktat löschen</translation>
    </message>
    <message>
        <source>Delete this dictation and its audio? This cannot be undone.</source>
        <translation>Dieses Diktat und seine Aufnahme löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Gelöscht.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Pick a .md, .json or .csv file name.</source>
        <translation>Wählen Sie einen Dateinamen mit .md, .json oder .csv.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>&amp;Re-transcribe</source>
        <translation>&amp;Neu transkribieren</translation>
    </message>
    <message>
        <source>Transcribes the archived audio again with the current settings; the result is shown next to this one and saved only if you ask.</source>
        <translation>Transkribiert die archivierte Aufnahme erneut mit den aktuellen Einstellungen; das Ergebnis erscheint neben diesem Diktat und wird nur auf Wunsch gespeichert.</translation>
    </message>
    <message>
        <source>Re-&amp;style</source>
        <translation>Neu &amp;stilisieren</translation>
    </message>
    <message>
        <source>Applies a style to the transcript; the result is shown next to this one and saved only if you ask.</source>
        <translation>Wendet einen Stil auf das Transkript an; das Ergebnis erscheint neben diesem Diktat und wird nur auf Wunsch gespeichert.</translation>
    </message>
    <message>
        <source>Held back</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Whisper: no speech (p=%1)</source>
        <translation>Whisper: keine Sprache (p=%1)</translation>
    </message>
    <message>
        <source>Whisper: no speech</source>
        <translation>Whisper: keine Sprache</translation>
    </message>
    <message>
        <source>phantom phrase</source>
        <translation>Phantomsatz</translation>
    </message>
    <message>
        <source>echoes the prompt</source>
        <translation>wiederholt die Vorgabe</translation>
    </message>
    <message>
        <source>repetition loop</source>
        <translation>Wiederholungsschleife</translation>
    </message>
    <message>
        <source>no voice</source>
        <translation>keine Stimme</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>“%1” (%2)</source>
        <translation>„%1“ (%2)</translation>
    </message>
    <message>
        <source>Not uploaded: 1 sound without a voice</source>
        <translation>Nicht hochgeladen: 1 Geräusch ohne Stimme</translation>
    </message>
    <message>
        <source>Not uploaded: %1 sounds without a voice</source>
        <translation>Nicht hochgeladen: %1 Geräusche ohne Stimme</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Not typed: %1</source>
        <translation>Nicht getippt: %1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>utter::ui::KeyCaptureWidget</name>
    <message>
        <source>Activate, then press the key or key combination to use.</source>
        <translation>Aktivieren, dann die gewünschte Taste oder Tastenkombination drücken.</translation>
    </message>
    <message>
        <source>That key cannot be used as a hotkey; try a function key or a chord such as Ctrl+Alt+Space.</source>
        <translation>Diese Taste kann nicht als Tastenkürzel dienen; versuchen Sie eine Funktionstaste oder eine Kombination wie Strg+Alt+Leertaste.</translation>
    </message>
    <message>
        <source>Press a key or combination… (Esc cancels)</source>
        <translation>Taste oder Kombination drücken … (Esc bricht ab)</translation>
    </message>
    <message>
        <source>None — click to record</source>
        <translation>Keine – zum Aufnehmen klicken</translation>
    </message>
    <message>
        <source>Hotkey: %1</source>
        <translation>Tastenkürzel: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
</context>
<context>
    <name>utter::ui::LevelMeterWidget</name>
    <message>
        <source>Input level</source>
        <translation>Eingangspegel</translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
</context>
<context>
    <name>utter::ui::MicrophoneTest</name>
    <message>
        <source>Test &amp;microphone</source>
        <translation>&amp;Mikrofon testen</translation>
    </message>
    <message>
        <source>Records four seconds and shows what Utter heard.</source>
        <translation>Nimmt vier Sekunden auf und zeigt, was Utter gehört hat.</translation>
    </message>
    <message>
        <source>What Utter heard</source>
        <translation>Was Utter gehört hat</translation>
    </message>
    <message>
        <source>Recording — say a sentence…</source>
        <translation>Aufnahme – sagen Sie einen Satz …</translation>
    </message>
    <message>
        <source>No sound arrived from this microphone. Check that it is not muted.</source>
        <translation>Von diesem Mikrofon kam kein Ton. Prüfen Sie, ob es stummgeschaltet ist.</translation>
    </message>
    <message>
        <source>Recorded %1 s; no transcription endpoint is configured.</source>
        <translation>%1 s aufgenommen; kein Transkriptionsdienst ist eingerichtet.</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Wird transkribiert …</translation>
    </message>
    <message>
        <source>Utter heard no words. Speak a little louder or move closer.</source>
        <translation>Utter hat keine Wörter gehört. Sprechen Sie etwas lauter oder näher am Mikrofon.</translation>
    </message>
    <message>
        <source>Utter heard: “%1”</source>
        <translation>Utter hat gehört: „%1“</translation>
    </message>
</context>
<context>
    <name>utter::ui::OnboardingWizard</name>
    <message>
        <source>Welcome to Utter</source>
        <translation>Willkommen bei Utter</translation>
    </message>
    <message>
        <source>S&amp;kip setup</source>
        <translation>Einrichtung ü&amp;berspringen</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <source>Speak and watch the level; then test what Utter hears.</source>
        <translation>Sprechen Sie und beobachten Sie den Pegel; testen Sie dann, was Utter hört.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>&amp;Eingang:</translation>
    </message>
    <message>
        <source>Dictation key</source>
        <translation>Diktiertaste</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <source>%1 it is.</source>
        <translation>%1 ist gesetzt.</translation>
    </message>
    <message>
        <source>macOS asks for two permissions: &lt;b&gt;Microphone&lt;/b&gt; (the first time you dictate) and &lt;b&gt;Accessibility&lt;/b&gt; (so Utter can type). Allow both in System Settings → Privacy &amp; Security, then restart Utter.</source>
        <translation>macOS fragt nach zwei Berechtigungen: &lt;b&gt;Mikrofon&lt;/b&gt; (beim ersten Diktat) und &lt;b&gt;Bedienungshilfen&lt;/b&gt; (damit Utter tippen kann). Erlauben Sie beide unter Systemeinstellungen → Datenschutz &amp; Sicherheit und starten Sie Utter neu.</translation>
    </message>
    <message>
        <source>Windows needs nothing more. Utter cannot type into programs running as administrator unless it runs as administrator too.</source>
        <translation>Windows braucht nichts weiter. In Programme, die als Administrator laufen, kann Utter nur tippen, wenn es selbst als Administrator läuft.</translation>
    </message>
    <message>
        <source>On Wayland, applications cannot grab keys or type for themselves. If your desktop offers the Global Shortcuts portal, Utter asks for your key there. Otherwise bind a key in your compositor to run &lt;code&gt;utter toggle&lt;/code&gt; (or &lt;code&gt;utter begin&lt;/code&gt; on press and &lt;code&gt;utter end&lt;/code&gt; on release). Run &lt;code&gt;utter doctor&lt;/code&gt; for the exact lines for your desktop.</source>
        <translation>Unter Wayland können Anwendungen keine Tasten belegen oder selbst tippen. Bietet Ihre Arbeitsumgebung das Global-Shortcuts-Portal an, fragt Utter dort nach Ihrer Taste. Andernfalls legen Sie im Compositor eine Taste auf &lt;code&gt;utter toggle&lt;/code&gt; (oder &lt;code&gt;utter begin&lt;/code&gt; beim Drücken und &lt;code&gt;utter end&lt;/code&gt; beim Loslassen). &lt;code&gt;utter doctor&lt;/code&gt; nennt die genauen Zeilen für Ihre Arbeitsumgebung.</translation>
    </message>
    <message>
        <source>Nothing to do on X11: Utter can grab your key and type directly.</source>
        <translation>Unter X11 ist nichts zu tun: Utter kann Ihre Taste direkt belegen und tippen.</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>What your system needs to allow.</source>
        <translation>Was Ihr System erlauben muss.</translation>
    </message>
    <message>
        <source>Utter lives in the tray from now on.</source>
        <translation>Utter wohnt ab jetzt im Infobereich.</translation>
    </message>
    <message>
        <source>The key name &quot;%1&quot; in the settings is not valid.</source>
        <translation>Der Schlüsselname „%1“ in den Einstellungen ist ungültig.</translation>
    </message>
    <message>
        <source>Key saved in the %1.</source>
        <translation>Schlüssel im %1 gespeichert.</translation>
    </message>
    <message>
        <source>The key was not stored</source>
        <translation>Der Schlüssel wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Key in use; storing it in the keychain…</source>
        <translation>Schlüssel in Verwendung; er wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>Utter setup</source>
        <translation>Utter einrichten</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Close setup</source>
        <translation>Einrichtung schließen</translation>
    </message>
    <message>
        <source>Skip setup</source>
        <translation>Einrichtung überspringen</translation>
    </message>
    <message>
        <source>Speak, and your words appear where you type</source>
        <translation>Sprechen Sie – Ihre Worte erscheinen dort, wo Sie schreiben</translation>
    </message>
    <message>
        <source>Two minutes of setup: a speech service, your microphone, your dictation key.</source>
        <translation>Zwei Minuten Einrichtung: ein Spracherkennungsdienst, Ihr Mikrofon, Ihre Diktiertaste.</translation>
    </message>
    <message>
        <source>Utter logo</source>
        <translation>Utter-Logo</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;font-size:large&quot;&gt;&lt;b&gt;Utter&lt;/b&gt; — dictation for every application.&lt;/p&gt;&lt;p&gt;Press your key, speak, and the text is typed where your cursor is: in the browser, the terminal, the mail client. Fast, exact, and nothing is lost: each recording is saved before it is sent.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;font-size:large&quot;&gt;&lt;b&gt;Utter&lt;/b&gt; – Diktieren in jeder Anwendung.&lt;/p&gt;&lt;p&gt;Taste drücken, sprechen, und der Text wird dort getippt, wo Ihr Cursor steht: im Browser, im Terminal, im Mailprogramm. Schnell, genau, und nichts geht verloren: Jede Aufnahme wird gespeichert, bevor sie gesendet wird.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Each step can be skipped with &lt;b&gt;Next&lt;/b&gt;, and you can run this setup again at any time from Settings.</source>
        <translation>Jeder Schritt lässt sich mit &lt;b&gt;Weiter&lt;/b&gt; überspringen, und Sie können diese Einrichtung jederzeit in den Einstellungen erneut starten.</translation>
    </message>
    <message>
        <source>Speech-to-text service</source>
        <translation>Spracherkennungsdienst</translation>
    </message>
    <message>
        <source>Where Utter sends your voice to be written down.</source>
        <translation>Wohin Utter Ihre Stimme zum Verschriften schickt.</translation>
    </message>
    <message>
        <source>&amp;Groq — hosted Whisper, fast and accurate (free key)</source>
        <translation>&amp;Groq – gehostetes Whisper, schnell und genau (kostenloser Schlüssel)</translation>
    </message>
    <message>
        <source>My &amp;own server — hal0, speaches, whisper.cpp server or any OpenAI-compatible service</source>
        <translation>Mein &amp;eigener Server – hal0, speaches, whisper.cpp-Server oder ein anderer OpenAI-kompatibler Dienst</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>The base URL of the OpenAI-compatible API, ending in /v1 — e.g. http://localhost:8000/v1 (speaches), http://127.0.0.1:8080/v1 (whisper.cpp server) or your hal0 address.</source>
        <translation>Die Basis-URL der OpenAI-kompatiblen API, endet auf /v1 – z. B. http://localhost:8000/v1 (speaches), http://127.0.0.1:8080/v1 (whisper.cpp-Server) oder Ihre hal0-Adresse.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation>M&amp;odell:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <source>Utter sends audio to &lt;code&gt;ADDRESS/audio/transcriptions&lt;/code&gt; and checks &lt;code&gt;ADDRESS/models&lt;/code&gt;. A key is needed only if your server asks for one.</source>
        <translation>Utter sendet Audio an &lt;code&gt;ADDRESS/audio/transcriptions&lt;/code&gt; und prüft &lt;code&gt;ADDRESS/models&lt;/code&gt;. Ein Schlüssel ist nur nötig, wenn Ihr Server danach fragt.</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>&amp;Key (optional):</source>
        <translation>&amp;Schlüssel (optional):</translation>
    </message>
    <message>
        <source>Create a free key at &lt;a href=&quot;https://console.groq.com/keys&quot;&gt;console.groq.com/keys&lt;/a&gt; and paste it here. It is stored in your system keychain, never in a settings file.</source>
        <translation>Erstellen Sie einen kostenlosen Schlüssel unter &lt;a href=&quot;https://console.groq.com/keys&quot;&gt;console.groq.com/keys&lt;/a&gt; und fügen Sie ihn hier ein. Er wird im Schlüsselbund Ihres Systems gespeichert, nie in einer Einstellungsdatei.</translation>
    </message>
    <message>
        <source>a key is stored; paste another to replace it</source>
        <translation>Ein Schlüssel ist gespeichert; fügen Sie einen anderen ein, um ihn zu ersetzen</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as http://localhost:8000/v1.</source>
        <translation>Geben Sie die Adresse des Servers ein, etwa http://localhost:8000/v1.</translation>
    </message>
    <message>
        <source>Keep the microphone &amp;ready between dictations</source>
        <translation>Mikrofon zwischen Diktaten &amp;bereithalten</translation>
    </message>
    <message>
        <source>&lt;b&gt;On:&lt;/b&gt; recording starts the instant you press the key and includes the half second before it, so no first word is ever cut — but your desktop shows the microphone as in use all the time (nothing leaves your computer until you press the key). &lt;b&gt;Off:&lt;/b&gt; the microphone opens only when you press the key (about %1 ms later) and the indicator shows only while you dictate.</source>
        <translation>&lt;b&gt;An:&lt;/b&gt; Die Aufnahme beginnt im Moment des Tastendrucks und enthält die halbe Sekunde davor, sodass nie ein erstes Wort abgeschnitten wird – aber Ihr Desktop zeigt das Mikrofon ständig als benutzt an (nichts verlässt Ihren Computer, bevor Sie die Taste drücken). &lt;b&gt;Aus:&lt;/b&gt; Das Mikrofon öffnet sich erst beim Tastendruck (etwa %1 ms später), und die Anzeige erscheint nur, während Sie diktieren.</translation>
    </message>
    <message>
        <source>Choose how you start and stop dictating, then try the key.</source>
        <translation>Wählen Sie, wie Sie das Diktieren starten und beenden, und probieren Sie dann die Taste aus.</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>To change it, activate the key field, then press the key or combination you want.</source>
        <translation>Um sie zu ändern, aktivieren Sie das Tastenfeld und drücken dann die gewünschte Taste oder Kombination.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>Prüfung:</translation>
    </message>
    <message>
        <source>Utter heard you press %1. That is your dictation key.</source>
        <translation>Utter hat gehört, wie Sie %1 gedrückt haben. Das ist Ihre Diktiertaste.</translation>
    </message>
    <message>
        <source>No key is set: dictate from the tray menu or with `utter toggle`.</source>
        <translation>Keine Taste festgelegt: Diktieren Sie über das Menü im Systembereich oder mit `utter toggle`.</translation>
    </message>
    <message>
        <source>Utter&apos;s service is not running here, so the key cannot be tried now.</source>
        <translation>Der Dienst von Utter läuft hier nicht, daher lässt sich die Taste jetzt nicht ausprobieren.</translation>
    </message>
    <message>
        <source>This desktop does not let Utter grab keys; see the next page.</source>
        <translation>Dieser Desktop erlaubt Utter keine globalen Tasten; siehe nächste Seite.</translation>
    </message>
    <message>
        <source>Grabbing %1…</source>
        <translation>%1 wird belegt…</translation>
    </message>
    <message>
        <source>Not active: %1</source>
        <translation>Nicht aktiv: %1</translation>
    </message>
    <message>
        <source>Utter holds %1. Press it now to check — nothing is recorded on this page.</source>
        <translation>Utter belegt %1. Drücken Sie die Taste jetzt zur Probe – auf dieser Seite wird nichts aufgenommen.</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>Ausprobieren</translation>
    </message>
    <message>
        <source>Dictate into the field below, exactly as you will everywhere else.</source>
        <translation>Diktieren Sie in das Feld unten, genau wie überall sonst.</translation>
    </message>
    <message>
        <source>Test field</source>
        <translation>Testfeld</translation>
    </message>
    <message>
        <source>Click here, then dictate: say “Hello from Utter.”</source>
        <translation>Hier klicken, dann diktieren: Sagen Sie „Hallo von Utter.“</translation>
    </message>
    <message>
        <source>Text arrived. Utter types the same way into any application.</source>
        <translation>Text ist angekommen. Utter tippt genauso in jede Anwendung.</translation>
    </message>
    <message>
        <source>You are ready</source>
        <translation>Sie sind bereit</translation>
    </message>
    <message>
        <source>The tray menu has your recent dictations, styles, History, Settings and &lt;b&gt;Doctor…&lt;/b&gt;, which checks everything when something does not work. This setup is under Settings → &lt;b&gt;Run setup again&lt;/b&gt;.</source>
        <translation>Das Menü im Systembereich enthält Ihre letzten Diktate, Stile, Verlauf, Einstellungen und &lt;b&gt;Diagnose…&lt;/b&gt;, die alles prüft, wenn etwas nicht funktioniert. Diese Einrichtung finden Sie unter Einstellungen → &lt;b&gt;Einrichtung erneut starten&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>No dictation key is set. Start and stop dictating from the tray menu, or bind a key of your desktop to &lt;code&gt;utter toggle&lt;/code&gt;.</source>
        <translation>Keine Diktiertaste festgelegt. Starten und beenden Sie das Diktieren über das Menü im Systembereich, oder legen Sie eine Taste Ihres Desktops auf &lt;code&gt;utter toggle&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Press %1&lt;/b&gt;, speak, and &lt;b&gt;press %1 again&lt;/b&gt;. The text is typed where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Drücken Sie %1&lt;/b&gt;, sprechen Sie, und &lt;b&gt;drücken Sie %1 erneut&lt;/b&gt;. Der Text wird dort getippt, wo Ihr Cursor steht, in jeder Anwendung.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Press %1&lt;/b&gt; and speak. Utter stops by itself when you pause, and types the text where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Drücken Sie %1&lt;/b&gt; und sprechen Sie. Utter stoppt von selbst, wenn Sie eine Pause machen, und tippt den Text dort, wo Ihr Cursor steht, in jeder Anwendung.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Hold %1&lt;/b&gt;, speak, and &lt;b&gt;let go&lt;/b&gt;. The text is typed where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Halten Sie %1&lt;/b&gt;, sprechen Sie, und &lt;b&gt;lassen Sie los&lt;/b&gt;. Der Text wird dort getippt, wo Ihr Cursor steht, in jeder Anwendung.</translation>
    </message>
    <message>
        <source>Changed your mind? %1 throws the dictation away.</source>
        <translation>Doch anders überlegt? %1 verwirft das Diktat.</translation>
    </message>
</context>
<context>
    <name>utter::ui::QueuedNotice</name>
    <message>
        <source>Queued — waiting for the network</source>
        <translation>In der Warteschlange — wartet auf das Netzwerk</translation>
    </message>
    <message>
        <source>Queued — will finish when the network is back</source>
        <translation>In der Warteschlange — wird fertig, sobald das Netzwerk zurück ist</translation>
    </message>
    <message>
        <source>There is no network connection. Your recording is saved and will be transcribed when the connection is back.</source>
        <translation>Es besteht keine Netzwerkverbindung. Ihre Aufnahme ist gespeichert und wird transkribiert, sobald die Verbindung zurück ist.</translation>
    </message>
    <message>
        <source>Queued — waiting for the provider</source>
        <translation>In der Warteschlange — wartet auf den Anbieter</translation>
    </message>
    <message>
        <source>Queued — will finish when the provider answers</source>
        <translation>In der Warteschlange — wird fertig, sobald der Anbieter antwortet</translation>
    </message>
    <message>
        <source>The transcription provider is not answering.</source>
        <translation>Der Transkriptionsanbieter antwortet nicht.</translation>
    </message>
    <message>
        <source>Your recording is saved and will be transcribed when the provider answers again.</source>
        <translation>Ihre Aufnahme ist gespeichert und wird transkribiert, sobald der Anbieter wieder antwortet.</translation>
    </message>
</context>
<context>
    <name>utter::ui::RecordingOverlay</name>
    <message>
        <source>Dictation overlay</source>
        <translation>Diktat-Einblendung</translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation>Verstrichene Zeit</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Hört zu</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Wird transkribiert …</translation>
    </message>
    <message>
        <source>Applying style…</source>
        <translation>Stil wird angewendet …</translation>
    </message>
    <message>
        <source>Typing…</source>
        <translation>Wird eingegeben …</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Queued — will finish when the provider answers</source>
        <translation>In der Warteschlange — wird fertig, sobald der Anbieter antwortet</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Live-Transkript</translation>
    </message>
</context>
<context>
    <name>utter::ui::ReprocessPanel</name>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>New text</source>
        <translation>Neuer Text</translation>
    </message>
    <message>
        <source>C&amp;opy new text</source>
        <translation>Neuen Text k&amp;opieren</translation>
    </message>
    <message>
        <source>Save as &amp;new dictation</source>
        <translation>Als &amp;neues Diktat speichern</translation>
    </message>
    <message>
        <source>Adds the new text to the history as a dictation of its own; this one stays as it is.</source>
        <translation>Fügt den neuen Text als eigenes Diktat zum Verlauf hinzu; dieses bleibt unverändert.</translation>
    </message>
    <message>
        <source>From the dictation of %1.</source>
        <translation>Aus dem Diktat vom %1.</translation>
    </message>
    <message>
        <source>The dictation service is not available, so nothing can be transcribed.</source>
        <translation>Der Diktierdienst ist nicht verfügbar, daher kann nichts transkribiert werden.</translation>
    </message>
    <message>
        <source>The audio of this dictation was not kept, so it cannot be transcribed again. New dictations keep it while Settings → History → “Keep the audio of each dictation” is on.</source>
        <translation>Die Aufnahme dieses Diktats wurde nicht aufbewahrt, daher kann es nicht neu transkribiert werden. Neue Diktate behalten sie, solange Einstellungen → Verlauf → „Aufnahme jedes Diktats behalten“ eingeschaltet ist.</translation>
    </message>
    <message>
        <source>The audio of this dictation is gone from %1, so it cannot be transcribed again.</source>
        <translation>Die Aufnahme dieses Diktats ist nicht mehr in %1, daher kann es nicht neu transkribiert werden.</translation>
    </message>
    <message>
        <source>%1 of %2 parts transcribed</source>
        <translation>%1 von %2 Teilen transkribiert</translation>
    </message>
    <message>
        <source>Transcribing part %1 of %2 with the current transcription settings…</source>
        <translation>Transkribiere Teil %1 von %2 mit den aktuellen Transkriptionseinstellungen…</translation>
    </message>
    <message>
        <source>The dictation service is not available, so no style can run.</source>
        <translation>Der Diktierdienst ist nicht verfügbar, daher kann kein Stil angewendet werden.</translation>
    </message>
    <message>
        <source>This dictation has no transcript to style.</source>
        <translation>Dieses Diktat hat kein Transkript, auf das ein Stil angewendet werden könnte.</translation>
    </message>
    <message>
        <source>Styling the transcript…</source>
        <translation>Stil wird auf das Transkript angewendet…</translation>
    </message>
    <message>
        <source>Not saved yet. You can edit it before you copy or save it.</source>
        <translation>Noch nicht gespeichert. Sie können ihn vor dem Kopieren oder Speichern bearbeiten.</translation>
    </message>
    <message>
        <source>The dictation itself is unchanged.</source>
        <translation>Das Diktat selbst ist unverändert.</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Closes this column; an unsaved new text is dropped.</source>
        <translation>Schließt diese Spalte; ein nicht gespeicherter neuer Text wird verworfen.</translation>
    </message>
    <message>
        <source>New text copied.</source>
        <translation>Neuer Text kopiert.</translation>
    </message>
    <message>
        <source>There is no new text to save.</source>
        <translation>Es gibt keinen neuen Text zum Speichern.</translation>
    </message>
    <message>
        <source>Saved as a new dictation.</source>
        <translation>Als neues Diktat gespeichert.</translation>
    </message>
    <message>
        <source>The text is shorter than this style&apos;s minimum, so it was left as it was.</source>
        <translation>Der Text ist kürzer als das Minimum dieses Stils und blieb daher unverändert.</translation>
    </message>
    <message>
        <source>The new text appears here.</source>
        <translation>Hier erscheint der neue Text.</translation>
    </message>
    <message>
        <source>New transcript</source>
        <translation>Neues Transkript</translation>
    </message>
    <message>
        <source>Styled with “%1”</source>
        <translation>Mit „%1“ stilisiert</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>Utter heard no voice in this dictation, so none of it was uploaded, and sound without a voice is not kept: there is nothing to transcribe again.</source>
        <translation>Utter hat in diesem Diktat keine Stimme gehört, daher wurde nichts davon hochgeladen, und Geräusche ohne Stimme werden nicht aufbewahrt: Es gibt nichts, was erneut transkribiert werden könnte.</translation>
    </message>
</context>
<context>
    <name>utter::ui::SettingsDialog</name>
    <message>
        <source>Utter Settings</source>
        <translation>Utter-Einstellungen</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Bereiche der Einstellungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Dictation &amp;mode:</source>
        <translation>Diktat&amp;modus:</translation>
    </message>
    <message>
        <source>&amp;Spoken language:</source>
        <translation>&amp;Gesprochene Sprache:</translation>
    </message>
    <message>
        <source>Two-letter code such as en, de or fr; leave empty to detect it.</source>
        <translation>Zweibuchstabiger Code wie en, de oder fr; leer lassen zum Erkennen.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>Sprache der &amp;Oberfläche:</translation>
    </message>
    <message>
        <source>Start Utter when I log in</source>
        <translation>Utter beim Anmelden starten</translation>
    </message>
    <message>
        <source>&amp;Overlay:</source>
        <translation>&amp;Einblendung:</translation>
    </message>
    <message>
        <source>Play sounds when dictation starts, stops or fails</source>
        <translation>Töne beim Starten, Beenden oder Fehlschlagen eines Diktats</translation>
    </message>
    <message>
        <source>Sound &amp;volume (%):</source>
        <translation>&amp;Lautstärke (%):</translation>
    </message>
    <message>
        <source>Hotkeys</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Dictation key:</source>
        <translation>&amp;Diktiertaste:</translation>
    </message>
    <message>
        <source>Click, then press a key (F9, RightCtrl) or a combination (Ctrl+Alt+Space).</source>
        <translation>Klicken, dann eine Taste (F9, RightCtrl) oder eine Kombination (Ctrl+Alt+Space) drücken.</translation>
    </message>
    <message>
        <source>&amp;Cancel key:</source>
        <translation>&amp;Abbruchtaste:</translation>
    </message>
    <message>
        <source>Discards the current dictation. Backspace clears it.</source>
        <translation>Verwirft das laufende Diktat. Rücktaste leert das Feld.</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Mikrofon:</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (nicht verbunden)</translation>
    </message>
    <message>
        <source>Voice &amp;sensitivity:</source>
        <translation>Stimm&amp;empfindlichkeit:</translation>
    </message>
    <message>
        <source>0 = only loud speech counts, 1 = everything above the noise floor.</source>
        <translation>0 = nur laute Sprache zählt, 1 = alles über dem Grundrauschen.</translation>
    </message>
    <message>
        <source>&amp;Pre-roll (ms):</source>
        <translation>&amp;Vorlauf (ms):</translation>
    </message>
    <message>
        <source>Audio kept from just before the key press, so the first word is never cut.</source>
        <translation>Audio von kurz vor dem Tastendruck, damit das erste Wort nie abgeschnitten wird.</translation>
    </message>
    <message>
        <source>&amp;Hands-free stop after (ms):</source>
        <translation>&amp;Freihändig stoppen nach (ms):</translation>
    </message>
    <message>
        <source>Shortest &amp;pause (ms):</source>
        <translation>Kürzeste &amp;Pause (ms):</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Transcription &amp;URL:</source>
        <translation>Transkriptions-&amp;URL:</translation>
    </message>
    <message>
        <source>Transcription &amp;model:</source>
        <translation>Transkriptions&amp;modell:</translation>
    </message>
    <message>
        <source>Transcription &amp;key:</source>
        <translation>Transkriptions-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Fallback URL:</source>
        <translation>&amp;Ersatz-URL:</translation>
    </message>
    <message>
        <source>Used when the primary fails; leave empty for none.</source>
        <translation>Wird benutzt, wenn der erste Anbieter ausfällt; leer lassen für keinen.</translation>
    </message>
    <message>
        <source>https:// uploads chunks at your pauses (Groq: $0.04 per hour, at least 10 s per request). A wss:// URL streams instead, so words appear while you speak (OpenAI Realtime: wss://api.openai.com/v1 with gpt-4o-transcribe, $0.006 per minute, or gpt-4o-mini-transcribe, $0.003): everything the microphone records during a dictation is sent as it is captured, pauses included, and billed per second.</source>
        <translation>https:// lädt Abschnitte in Ihren Sprechpausen hoch (Groq: 0,04 $ pro Stunde, mindestens 10 s pro Anfrage). Eine wss://-URL streamt stattdessen, sodass Wörter erscheinen, während Sie sprechen (OpenAI Realtime: wss://api.openai.com/v1 mit gpt-4o-transcribe, 0,006 $ pro Minute, oder gpt-4o-mini-transcribe, 0,003 $): alles, was das Mikrofon während eines Diktats aufnimmt, wird sofort gesendet, Pausen eingeschlossen, und pro Sekunde abgerechnet.</translation>
    </message>
    <message>
        <source>Fallback m&amp;odel:</source>
        <translation>Ersatzm&amp;odell:</translation>
    </message>
    <message>
        <source>Fallback k&amp;ey:</source>
        <translation>Ersatzsc&amp;hlüssel:</translation>
    </message>
    <message>
        <source>&amp;Read-back URL:</source>
        <translation>&amp;Vorlese-URL:</translation>
    </message>
    <message>
        <source>An /v1/audio/speech endpoint for &quot;Read back last result&quot;; empty turns it off.</source>
        <translation>Ein /v1/audio/speech-Endpunkt für „Letztes Ergebnis vorlesen“; leer schaltet es ab.</translation>
    </message>
    <message>
        <source>Read-back &amp;voice:</source>
        <translation>Vorlese&amp;stimme:</translation>
    </message>
    <message>
        <source>Styles</source>
        <translation>Stile</translation>
    </message>
    <message>
        <source>&amp;Default style:</source>
        <translation>&amp;Standardstil:</translation>
    </message>
    <message>
        <source>&quot;raw&quot; types the transcript as spoken; a style rewrites it (e.g. email, notes).</source>
        <translation>„raw“ tippt das Transkript wie gesprochen; ein Stil formuliert es um (z. B. email, notes).</translation>
    </message>
    <message>
        <source>Style &amp;URL:</source>
        <translation>Stil-&amp;URL:</translation>
    </message>
    <message>
        <source>Style &amp;model:</source>
        <translation>Stil&amp;modell:</translation>
    </message>
    <message>
        <source>Style &amp;key:</source>
        <translation>Stil-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>&amp;Timeout (s):</source>
        <translation>&amp;Zeitlimit (s):</translation>
    </message>
    <message>
        <source>After this long the raw transcript is delivered instead.</source>
        <translation>Danach wird stattdessen das unbearbeitete Transkript geliefert.</translation>
    </message>
    <message>
        <source>Per-&amp;application styles:</source>
        <translation>Stile je &amp;Anwendung:</translation>
    </message>
    <message>
        <source>One rule per line as application=style, e.g. thunderbird=email. First match wins.</source>
        <translation>Eine Regel pro Zeile als anwendung=stil, z. B. thunderbird=email. Der erste Treffer gilt.</translation>
    </message>
    <message>
        <source>&amp;Vocabulary:</source>
        <translation>&amp;Wortschatz:</translation>
    </message>
    <message>
        <source>Names and terms the transcriber should spell right, one per line.</source>
        <translation>Namen und Begriffe, die richtig geschrieben werden sollen, einer pro Zeile.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>&amp;Methods in order:</source>
        <translation>&amp;Methoden der Reihe nach:</translation>
    </message>
    <message>
        <source>One per line, tried top to bottom; &quot;auto&quot; uses the best chain for this desktop.</source>
        <translation>Eine pro Zeile, von oben nach unten versucht; „auto“ nimmt die beste Kette für diese Arbeitsumgebung.</translation>
    </message>
    <message>
        <source>Restore my clipboard after pasting</source>
        <translation>Zwischenablage nach dem Einfügen wiederherstellen</translation>
    </message>
    <message>
        <source>Press Enter after inserting the text</source>
        <translation>Nach dem Einfügen Eingabe drücken</translation>
    </message>
    <message>
        <source>&amp;Replacements:</source>
        <translation>&amp;Ersetzungen:</translation>
    </message>
    <message>
        <source>One per line as from=&gt;to, applied to every transcript.</source>
        <translation>Eine pro Zeile als von=&gt;nach, auf jedes Transkript angewendet.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>&amp;Aufbewahren:</translation>
    </message>
    <message>
        <source>&amp;N:</source>
        <translation>&amp;N:</translation>
    </message>
    <message>
        <source>Days or dictations, for the &quot;last N&quot; choices.</source>
        <translation>Tage oder Diktate, für die Auswahl „die letzten N“.</translation>
    </message>
    <message>
        <source>Keep the audio of each dictation</source>
        <translation>Aufnahme jedes Diktats aufbewahren</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Serve the HTTP API</source>
        <translation>HTTP-API anbieten</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>HOST:PORT; loopback unless you allow remote.</source>
        <translation>HOST:PORT; nur lokal, außer Sie erlauben entfernten Zugriff.</translation>
    </message>
    <message>
        <source>Regenerate API &amp;token</source>
        <translation>API-&amp;Token neu erzeugen</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>&amp;Diagnose kopieren</translation>
    </message>
    <message>
        <source>A new token was created; clients need it from `utter secret status http-token`.</source>
        <translation>Ein neues Token wurde erzeugt; Clients erhalten es über `utter secret status http-token`.</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard (keys are never included).</source>
        <translation>Diagnose in die Zwischenablage kopiert (Schlüssel sind nie enthalten).</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>Set by the environment (%1)</source>
        <translation>Aus der Umgebung gesetzt (%1)</translation>
    </message>
    <message>
        <source>Stored — ends in …%1; type to replace</source>
        <translation>Gespeichert – endet auf …%1; zum Ersetzen tippen</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the fields marked in red.</source>
        <translation>Nichts wurde gespeichert: Korrigieren Sie die rot markierten Felder.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>On Wayland, bind a key in your compositor to run “utter begin” and “utter end” (or “utter toggle”); “utter doctor” prints the exact lines for your desktop.</source>
        <translation>Unter Wayland legen Sie im Compositor eine Taste auf „utter begin“ und „utter end“ (oder „utter toggle“); „utter doctor“ nennt die genauen Zeilen für Ihre Arbeitsumgebung.</translation>
    </message>
    <message>
        <source>Style library</source>
        <translation>Stilbibliothek</translation>
    </message>
    <message>
        <source>✖ Not active: %1</source>
        <translation>✖ Nicht aktiv: %1</translation>
    </message>
    <message>
        <source>Creating a new token…</source>
        <translation>Neues Token wird erstellt…</translation>
    </message>
    <message>
        <source>Reading the keychain…</source>
        <translation>Schlüsselbund wird gelesen…</translation>
    </message>
    <message>
        <source>The keychain did not answer; paste the key to store it</source>
        <translation>Der Schlüsselbund hat nicht geantwortet; fügen Sie den Schlüssel ein, um ihn zu speichern</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid key name.</source>
        <translation>„%1“ ist kein gültiger Schlüsselname.</translation>
    </message>
    <message>
        <source>Saved; storing the key in the keychain…</source>
        <translation>Gespeichert; der Schlüssel wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>&amp;Between dictations:</source>
        <translation>&amp;Zwischen Diktaten:</translation>
    </message>
    <message>
        <source>auto: a space when a dictation continues the one typed just before into the same window (none after a new line or Enter); space: always; none: the text as spoken.</source>
        <translation>auto: ein Leerzeichen, wenn ein Diktat das unmittelbar zuvor in dasselbe Fenster getippte fortsetzt (keines nach einer neuen Zeile oder Enter); space: immer; none: der Text wie gesprochen.</translation>
    </message>
    <message>
        <source>Utter sends what you say to a speech-to-text service: Groq by default (paste your key and test it), or any OpenAI-compatible server such as a local whisper.cpp or speaches server or a hal0 box (under “Endpoints and models”). Keys are stored in the system keychain.</source>
        <translation>Utter schickt, was Sie sagen, an einen Sprache-zu-Text-Dienst: standardmäßig Groq (Schlüssel einfügen und testen) oder jeden OpenAI-kompatiblen Server, etwa einen lokalen whisper.cpp- oder speaches-Server oder eine hal0-Box (unter „Endpunkte und Modelle“). Schlüssel liegen im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>&amp;Endpoints and models</source>
        <translation>&amp;Endpunkte und Modelle</translation>
    </message>
    <message>
        <source>&amp;Endpoint, model and timeout</source>
        <translation>&amp;Endpunkt, Modell und Zeitlimit</translation>
    </message>
    <message>
        <source>Makes a new bearer token for the HTTP API; clients need the new one.</source>
        <translation>Erzeugt ein neues Bearer-Token für die HTTP-API; Clients brauchen dann das neue.</translation>
    </message>
    <message>
        <source>Keep the microphone open between dictations</source>
        <translation>Mikrofon zwischen Diktaten geöffnet lassen</translation>
    </message>
    <message>
        <source>On: dictation starts instantly and keeps the half second before the key press, but the desktop shows the microphone in use all the time. Off: the microphone opens when you press the key (about 0.1 s).</source>
        <translation>An: Das Diktieren beginnt sofort und behält die halbe Sekunde vor dem Tastendruck, aber der Desktop zeigt das Mikrofon ständig als benutzt an. Aus: Das Mikrofon öffnet sich beim Tastendruck (etwa 0,1 s).</translation>
    </message>
    <message>
        <source>Run &amp;setup again…</source>
        <translation>Einrichtung erneu&amp;t starten…</translation>
    </message>
    <message>
        <source>Run the first-run setup again</source>
        <translation>Die Ersteinrichtung erneut starten</translation>
    </message>
</context>
<context>
    <name>utter::ui::SettingsForm</name>
    <message>
        <source>Push to talk — hold the key</source>
        <translation>Gedrückt halten – Taste halten</translation>
    </message>
    <message>
        <source>Toggle — press to start, press to stop</source>
        <translation>Umschalten – drücken zum Starten, drücken zum Beenden</translation>
    </message>
    <message>
        <source>Hands-free — stops when you pause</source>
        <translation>Freihändig – stoppt, wenn Sie pausieren</translation>
    </message>
    <message>
        <source>Top of the screen</source>
        <translation>Oben am Bildschirm</translation>
    </message>
    <message>
        <source>Bottom of the screen</source>
        <translation>Unten am Bildschirm</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Ausgeblendet</translation>
    </message>
    <message>
        <source>Keep everything</source>
        <translation>Alles aufbewahren</translation>
    </message>
    <message>
        <source>Keep the last N days</source>
        <translation>Die letzten N Tage aufbewahren</translation>
    </message>
    <message>
        <source>Keep the last N dictations</source>
        <translation>Die letzten N Diktate aufbewahren</translation>
    </message>
    <message>
        <source>Keep nothing</source>
        <translation>Nichts aufbewahren</translation>
    </message>
    <message>
        <source>Some settings are not valid; fix the fields marked in red.</source>
        <translation>Einige Einstellungen sind ungültig; korrigieren Sie die rot markierten Felder.</translation>
    </message>
</context>
<context>
    <name>utter::ui::StatusWindow</name>
    <message>
        <source>Utter</source>
        <translation>Utter</translation>
    </message>
    <message>
        <source>Your desktop has no system tray (on GNOME, install the AppIndicator extension to get one). Utter keeps working through its hotkey, this window and the command line (&lt;code&gt;utter toggle&lt;/code&gt;).</source>
        <translation>Ihre Arbeitsumgebung hat keinen Infobereich (unter GNOME liefert ihn die AppIndicator-Erweiterung). Utter funktioniert weiter über das Tastenkürzel, dieses Fenster und die Befehlszeile (&lt;code&gt;utter toggle&lt;/code&gt;).</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen …</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
</context>
<context>
    <name>utter::ui::StyleEditor</name>
    <message>
        <source>Styles</source>
        <translation>Stile</translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation>Ne&amp;u</translation>
    </message>
    <message>
        <source>Starts a new style of your own.</source>
        <translation>Beginnt einen eigenen neuen Stil.</translation>
    </message>
    <message>
        <source>Dupli&amp;cate</source>
        <translation>Dupli&amp;zieren</translation>
    </message>
    <message>
        <source>Starts a new style from a copy of the selected one.</source>
        <translation>Beginnt einen neuen Stil als Kopie des ausgewählten.</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>One line for menus and lists</source>
        <translation>Eine Zeile für Menüs und Listen</translation>
    </message>
    <message>
        <source>Descr&amp;iption:</source>
        <translation>Beschre&amp;ibung:</translation>
    </message>
    <message>
        <source>Mod&amp;el:</source>
        <translation>Mod&amp;ell:</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Tempe&amp;rature:</source>
        <translation>Tempe&amp;ratur:</translation>
    </message>
    <message>
        <source>From 0 (predictable) to 2 (inventive); empty for the default.</source>
        <translation>Von 0 (vorhersehbar) bis 2 (einfallsreich); leer für den Standardwert.</translation>
    </message>
    <message>
        <source>Time&amp;out (s):</source>
        <translation>Zeitlim&amp;it (s):</translation>
    </message>
    <message>
        <source>Seconds before the raw transcript is delivered instead; empty for the timeout above.</source>
        <translation>Sekunden, bis stattdessen das unbearbeitete Transkript geliefert wird; leer für das Zeitlimit oben.</translation>
    </message>
    <message>
        <source>Minimum word&amp;s:</source>
        <translation>Mindest&amp;wörter:</translation>
    </message>
    <message>
        <source>Shorter texts are typed as spoken, without calling the style; empty for the default (3).</source>
        <translation>Kürzere Texte werden so getippt, wie sie gesprochen wurden, ohne den Stil aufzurufen; leer für den Standardwert (3).</translation>
    </message>
    <message>
        <source>What the style does, e.g. “Rewrite the text as a short, friendly chat message. Keep names and numbers exactly.”</source>
        <translation>Was der Stil tut, z. B. „Schreibe den Text als kurze, freundliche Chatnachricht um. Übernimm Namen und Zahlen genau.“</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Prompt:</translation>
    </message>
    <message>
        <source>Discard c&amp;hanges</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
    <message>
        <source>Save st&amp;yle</source>
        <translation>Stil spei&amp;chern</translation>
    </message>
    <message>
        <source>%1 · built-in</source>
        <translation>%1 · eingebaut</translation>
    </message>
    <message>
        <source>%1 · your copy</source>
        <translation>%1 · Ihre Kopie</translation>
    </message>
    <message>
        <source>“raw” types the transcript as spoken, without calling a style; there is nothing to edit.</source>
        <translation>„raw“ tippt das Transkript so, wie es gesprochen wurde, ohne Stil; hier gibt es nichts zu bearbeiten.</translation>
    </message>
    <message>
        <source>A built-in style. Saving a change writes your own copy to the styles folder, which replaces the built-in; deleting the copy brings the built-in back.</source>
        <translation>Ein eingebauter Stil. Beim Speichern einer Änderung wird Ihre eigene Kopie im Stilordner angelegt, die den eingebauten Stil ersetzt; wird die Kopie gelöscht, gilt wieder der eingebaute.</translation>
    </message>
    <message>
        <source>Your copy of the built-in style, in %1. “Restore built-in” deletes the copy.</source>
        <translation>Ihre Kopie des eingebauten Stils, in %1. „Eingebauten wiederherstellen“ löscht die Kopie.</translation>
    </message>
    <message>
        <source>Stored in %1.</source>
        <translation>Gespeichert in %1.</translation>
    </message>
    <message>
        <source>Not saved yet: “Save style” writes it to the styles folder.</source>
        <translation>Noch nicht gespeichert: „Stil speichern“ legt ihn im Stilordner ab.</translation>
    </message>
    <message>
        <source>Restore bui&amp;lt-in</source>
        <translation>Eingebauten wiederherste&amp;llen</translation>
    </message>
    <message>
        <source>Built-in styles cannot be deleted.</source>
        <translation>Eingebaute Stile können nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>There is already a style called “%1”.</source>
        <translation>Es gibt bereits einen Stil namens „%1“.</translation>
    </message>
    <message>
        <source>Save or discard the changes to pick another style.</source>
        <translation>Speichern oder verwerfen Sie die Änderungen, um einen anderen Stil zu wählen.</translation>
    </message>
    <message>
        <source>%1 · new</source>
        <translation>%1 · neu</translation>
    </message>
    <message>
        <source>Delete your copy of “%1”? The built-in style applies again.</source>
        <translation>Ihre Kopie von „%1“ löschen? Dann gilt wieder der eingebaute Stil.</translation>
    </message>
    <message>
        <source>Delete the style “%1”? Its file is removed from the styles folder.</source>
        <translation>Den Stil „%1“ löschen? Seine Datei wird aus dem Stilordner entfernt.</translation>
    </message>
    <message>
        <source>Delete style</source>
        <translation>Stil löschen</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>Es wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The built-in “%1” applies again.</source>
        <translation>Der eingebaute Stil „%1“ gilt wieder.</translation>
    </message>
    <message>
        <source>“%1” was deleted.</source>
        <translation>„%1“ wurde gelöscht.</translation>
    </message>
    <message>
        <source>The style was not saved: fix the fields marked in red.</source>
        <translation>Der Stil wurde nicht gespeichert: Korrigieren Sie die rot markierten Felder.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Gespeichert in %1.</translation>
    </message>
    <message>
        <source>Leave it empty for the default.</source>
        <translation>Leer lassen für den Standardwert.</translation>
    </message>
    <message>
        <source>Default: the style model of the settings</source>
        <translation>Standard: das Stilmodell der Einstellungen</translation>
    </message>
</context>
<context>
    <name>utter::ui::TrayController</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Hört zu</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>Transkribiert</translation>
    </message>
    <message>
        <source>Applying style</source>
        <translation>Stil wird angewendet</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Push to talk (hold the key)</source>
        <translation>Gedrückt halten (Taste halten)</translation>
    </message>
    <message>
        <source>Toggle (press to start and stop)</source>
        <translation>Umschalten (drücken zum Starten und Beenden)</translation>
    </message>
    <message>
        <source>Hands-free (stops when you pause)</source>
        <translation>Freihändig (stoppt bei einer Pause)</translation>
    </message>
    <message>
        <source>Queued dictation delivered</source>
        <translation>Wartendes Diktat geliefert</translation>
    </message>
    <message>
        <source>Could not change the mode</source>
        <translation>Modus konnte nicht geändert werden</translation>
    </message>
    <message>
        <source>None (raw transcript)</source>
        <translation>Keiner (unbearbeitetes Transkript)</translation>
    </message>
    <message>
        <source>Could not change the style</source>
        <translation>Stil konnte nicht geändert werden</translation>
    </message>
    <message>
        <source>Style: %1</source>
        <translation>Stil: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Last: %1</source>
        <translation>Zuletzt: %1</translation>
    </message>
    <message>
        <source>Dictation</source>
        <translation>Diktat</translation>
    </message>
    <message>
        <source>Dictation queued</source>
        <translation>Diktat wartet</translation>
    </message>
    <message>
        <source>Dictation failed</source>
        <translation>Diktat fehlgeschlagen</translation>
    </message>
    <message>
        <source>Something went wrong; see the log.</source>
        <translation>Etwas ist schiefgegangen; siehe Protokoll.</translation>
    </message>
    <message>
        <source>The dictation pipeline is not part of this build.</source>
        <translation>Die Diktat-Verarbeitung ist in dieser Version nicht enthalten.</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>&amp;Start dictation</source>
        <translation>Diktat &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Cancel dictation</source>
        <translation>Diktat a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>&amp;Modus</translation>
    </message>
    <message>
        <source>St&amp;yle</source>
        <translation>St&amp;il</translation>
    </message>
    <message>
        <source>C&amp;opy last result</source>
        <translation>Letztes Ergebnis &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Recent dictations</source>
        <translation>&amp;Letzte Diktate</translation>
    </message>
    <message>
        <source>Read &amp;back last result</source>
        <translation>Letztes Ergebnis &amp;vorlesen</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>Verl&amp;auf …</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Doctor…</source>
        <translation>&amp;Diagnose …</translation>
    </message>
    <message>
        <source>&amp;Pause hotkeys</source>
        <translation>Tastenkürzel &amp;pausieren</translation>
    </message>
    <message>
        <source>&amp;Quit Utter</source>
        <translation>Utter beende&amp;n</translation>
    </message>
    <message>
        <source>Nothing dictated yet</source>
        <translation>Noch nichts diktiert</translation>
    </message>
    <message>
        <source>Copy: %1</source>
        <translation>Kopieren: %1</translation>
    </message>
    <message>
        <source>&amp;Stop dictation</source>
        <translation>Diktat &amp;stoppen</translation>
    </message>
</context>
</TS>
