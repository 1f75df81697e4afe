<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>utter::EndpointHealth</name>
    <message>
        <source>Connected in %1 ms.</source>
        <translation>Conectado en %1 ms.</translation>
    </message>
    <message>
        <source>The server does not list the model “%1”; check the model name.</source>
        <translation>El servidor no incluye el modelo «%1»; compruebe el nombre del modelo.</translation>
    </message>
    <message>
        <source>The hal0 slot is %1, so the first request waits for the model to load.</source>
        <translation>El slot de hal0 está %1, así que la primera petición esperará a que se cargue el modelo.</translation>
    </message>
</context>
<context>
    <name>utter::HttpEndpoint</name>
    <message>
        <source>&quot;%1&quot; is not HOST:PORT; use e.g. 127.0.0.1:8765 or [::1]:8765.</source>
        <translation>«%1» no es HOST:PUERTO; use p. ej. 127.0.0.1:8765 o [::1]:8765.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address; use a numeric address (or localhost) to listen on.</source>
        <translation>«%1» no es una dirección IP; indique una dirección numérica (o localhost) en la que escuchar.</translation>
    </message>
</context>
<context>
    <name>utter::KeySpec</name>
    <message>
        <source>No key given; write a key such as F9 or RightCtrl, or a chord such as Ctrl+Alt+Space.</source>
        <translation>No se indicó ninguna tecla; escriba una tecla como F9 o RightCtrl, o una combinación como Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has an empty part; separate keys with a single + as in Ctrl+Alt+Space.</source>
        <translation>«%1» tiene una parte vacía; separe las teclas con un solo + como en Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names %2 twice; list each modifier once.</source>
        <translation>«%1» nombra %2 dos veces; indique cada modificador una sola vez.</translation>
    </message>
    <message>
        <source>Unknown key &quot;%1&quot; in &quot;%2&quot;; use names such as Ctrl, Alt, Shift, Meta, Space, Enter, F1–F24, A–Z, 0–9, Insert, Pause or RightCtrl.</source>
        <translation>Tecla desconocida «%1» en «%2»; use nombres como Ctrl, Alt, Shift, Meta, Space, Enter, F1–F24, A–Z, 0–9, Insert, Pause o RightCtrl.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has two keys (%2 and %3); a chord is modifiers plus exactly one key.</source>
        <translation>«%1» tiene dos teclas (%2 y %3); una combinación son modificadores más exactamente una tecla.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has only modifiers; add a key (Ctrl+Alt+Space), or use one side-specific modifier key on its own such as RightCtrl or RightAlt.</source>
        <translation>«%1» solo tiene modificadores; añada una tecla (Ctrl+Alt+Space) o use sola una tecla modificadora de un lado, como RightCtrl o RightAlt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a modifier key such as %2 works only on its own; write just %2, or pick a chord such as Ctrl+Alt+Space.</source>
        <translation>«%1»: una tecla modificadora como %2 solo funciona sola; escriba solo %2 o elija una combinación como Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; would take %2 away from typing in every application; add Ctrl, Alt or Meta (e.g. Ctrl+Alt+%2) or use a key such as F9, Pause or RightCtrl.</source>
        <translation>«%1» quitaría %2 de la escritura en todas las aplicaciones; añada Ctrl, Alt o Meta (p. ej. Ctrl+Alt+%2) o use una tecla como F9, Pause o RightCtrl.</translation>
    </message>
</context>
<context>
    <name>utter::Settings</name>
    <message>
        <source>true or false</source>
        <translation>true o false</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>un número entero de %1 a %2</translation>
    </message>
    <message>
        <source>a number from %1 to %2</source>
        <translation>un número de %1 a %2</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>non-empty text</source>
        <translation>texto no vacío</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>uno de: %1</translation>
    </message>
    <message>
        <source>an http:// or https:// URL, or nothing</source>
        <translation>una URL http:// o https://, o nada</translation>
    </message>
    <message>
        <source>an http://, https://, ws:// or wss:// URL</source>
        <translation>una URL http://, https://, ws:// o wss://</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>una URL http:// o https://</translation>
    </message>
    <message>
        <source>a comma-separated list</source>
        <translation>una lista separada por comas</translation>
    </message>
    <message>
        <source>expected %1, found &quot;%2&quot;</source>
        <translation>se esperaba %1, se encontró «%2»</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a two-letter language code such as en, de or fr (leave it empty to detect the language)</source>
        <translation>«%1» no es un código de idioma de dos letras como en, de o fr (déjelo vacío para detectar el idioma)</translation>
    </message>
    <message>
        <source>%1 is used by most applications; pick a key you do not type with, such as F9, Pause, RightCtrl or Ctrl+Alt+Space</source>
        <translation>%1 lo usan la mayoría de las aplicaciones; elija una tecla con la que no escriba, como F9, Pause, RightCtrl o Ctrl+Alt+Space</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no fixed port; use a port from 1 to 65535, e.g. 127.0.0.1:8765</source>
        <translation>«%1» no tiene un puerto fijo; use un puerto de 1 a 65535, p. ej. 127.0.0.1:8765</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not application=style (e.g. thunderbird=email)</source>
        <translation>«%1» no tiene la forma aplicación=estilo (p. ej. thunderbird=email)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not from=&gt;to (e.g. utter=&gt;Utter)</source>
        <translation>«%1» no tiene la forma de=&gt;a (p. ej. utter=&gt;Utter)</translation>
    </message>
    <message>
        <source>%1 is already %2; the two must differ</source>
        <translation>%1 ya es %2; los dos deben ser distintos</translation>
    </message>
    <message>
        <source>a two-letter language code such as en, or nothing to detect it</source>
        <translation>un código de idioma de dos letras como en, o nada para detectarlo</translation>
    </message>
    <message>
        <source>a key such as F9 or RightCtrl, or a chord such as Ctrl+Alt+Space</source>
        <translation>una tecla como F9 o RightCtrl, o una combinación como Ctrl+Alt+Space</translation>
    </message>
    <message>
        <source>a key such as F10 or a chord such as Ctrl+Alt+Backspace, or nothing for none</source>
        <translation>una tecla como F10 o una combinación como Ctrl+Alt+Backspace, o nada para ninguna</translation>
    </message>
    <message>
        <source>a comma-separated list of application=style</source>
        <translation>una lista de aplicación=estilo separada por comas</translation>
    </message>
    <message>
        <source>a comma-separated list of from=&gt;to</source>
        <translation>una lista de de=&gt;a separada por comas</translation>
    </message>
    <message>
        <source>HOST:PORT with a numeric address or localhost, e.g. 127.0.0.1:8765</source>
        <translation>HOST:PUERTO con una dirección numérica o localhost, p. ej. 127.0.0.1:8765</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither auto nor a number of seconds from 0 to 600</source>
        <translation>«%1» no es auto ni un número de segundos entre 0 y 600</translation>
    </message>
    <message>
        <source>auto, or a number of seconds from 0 to 600</source>
        <translation>auto, o un número de segundos entre 0 y 600</translation>
    </message>
    <message>
        <source>History is trimmed to this when Utter starts; a running Utter applies it at its next start.</source>
        <translation>El historial se recorta a esto cuando Utter se inicia; un Utter en marcha lo aplica en su próximo inicio.</translation>
    </message>
    <message>
        <source>The HTTP API is opened when the service starts: restart Utter (or `utter --headless serve`) to apply this.</source>
        <translation>La API HTTP se abre al iniciar el servicio: reinicie Utter (o `utter --headless serve`) para aplicarlo.</translation>
    </message>
    <message>
        <source>The interface language changes when Utter is started again.</source>
        <translation>El idioma de la interfaz cambia la próxima vez que se inicie Utter.</translation>
    </message>
</context>
<context>
    <name>utter::Style</name>
    <message>
        <source>The style needs a name.</source>
        <translation>El estilo necesita un nombre.</translation>
    </message>
    <message>
        <source>Use letters, digits, “-”, “_” and “.” in a style&apos;s name (it is the file name), starting with a letter or digit.</source>
        <translation>Use letras, dígitos, «-», «_» y «.» en el nombre de un estilo (es el nombre del archivo), empezando por una letra o un dígito.</translation>
    </message>
    <message>
        <source>Use at most %1 characters for a style&apos;s name.</source>
        <translation>El nombre de un estilo puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>The temperature must be a number from %1 to %2.</source>
        <translation>La temperatura debe ser un número de %1 a %2.</translation>
    </message>
    <message>
        <source>The timeout must be more than 0 and at most %1 seconds.</source>
        <translation>El tiempo límite debe ser mayor que 0 y como máximo %1 segundos.</translation>
    </message>
    <message>
        <source>The minimum number of words must be a whole number from %1 to %2.</source>
        <translation>El número mínimo de palabras debe ser un entero de %1 a %2.</translation>
    </message>
    <message>
        <source>The style needs a prompt; without one it works like raw.</source>
        <translation>El estilo necesita un prompt; sin él funciona como «raw».</translation>
    </message>
</context>
<context>
    <name>utter::ui::ArchiveTranscription</name>
    <message>
        <source>No speech was found in the recording.</source>
        <translation>No se encontró voz en la grabación.</translation>
    </message>
</context>
<context>
    <name>utter::ui::AutoStart</name>
    <message>
        <source>Could not remove %1; delete it by hand.</source>
        <translation>No se pudo eliminar %1; bórrelo a mano.</translation>
    </message>
    <message>
        <source>Could not write %1 (%2); check that the folder is writable.</source>
        <translation>No se pudo escribir %1 (%2); compruebe que la carpeta admite escritura.</translation>
    </message>
    <message>
        <source>Utter runs as a Flatpak and cannot add itself to your login items; add Utter in your desktop&apos;s startup applications instead.</source>
        <translation>Utter se ejecuta como Flatpak y no puede añadirse a sí mismo a los elementos de inicio de sesión; añada Utter en las aplicaciones de inicio de su escritorio.</translation>
    </message>
</context>
<context>
    <name>utter::ui::DesktopApp</name>
    <message>
        <source>Start at login</source>
        <translation>Iniciar al iniciar sesión</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>History is not part of this build.</source>
        <translation>El historial no forma parte de esta compilación.</translation>
    </message>
</context>
<context>
    <name>utter::ui::DoctorWindow</name>
    <message>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitido</translation>
    </message>
    <message>
        <source>Utter Doctor</source>
        <translation>Diagnóstico de Utter</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Comprobaciones</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation>&amp;Volver a comprobar</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>&amp;Copiar informe</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Solución: %1</translation>
    </message>
    <message>
        <source>Fix…</source>
        <translation>Corregir…</translation>
    </message>
    <message>
        <source>Fix %1</source>
        <translation>Corregir %1</translation>
    </message>
    <message>
        <source>Everything Utter needs is in place.</source>
        <translation>Todo lo que Utter necesita está en su sitio.</translation>
    </message>
    <message>
        <source>System tray</source>
        <translation>Bandeja del sistema</translation>
    </message>
    <message>
        <source>The tray icon is shown.</source>
        <translation>El icono se muestra en la bandeja.</translation>
    </message>
    <message>
        <source>This desktop has no system tray; Utter shows a small window instead.</source>
        <translation>Este escritorio no tiene bandeja del sistema; Utter muestra una pequeña ventana en su lugar.</translation>
    </message>
    <message>
        <source>On GNOME, install and enable the “AppIndicator and KStatusNotifierItem Support” extension, then restart Utter.</source>
        <translation>En GNOME, instale y active la extensión «AppIndicator and KStatusNotifierItem Support» y reinicie Utter.</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Archivo de ajustes</translation>
    </message>
    <message>
        <source>No problems.</source>
        <translation>Sin problemas.</translation>
    </message>
    <message>
        <source>Run “utter config check” for line numbers, or set the values again in the settings window.</source>
        <translation>Ejecute «utter config check» para ver los números de línea o vuelva a ajustar los valores en la ventana de ajustes.</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Llavero</translation>
    </message>
    <message>
        <source>Install and unlock a Secret Service keychain (GNOME Keyring, KWallet) so API keys are not kept in a file.</source>
        <translation>Instale y desbloquee un llavero Secret Service (GNOME Keyring, KWallet) para que las claves de API no se guarden en un archivo.</translation>
    </message>
    <message>
        <source>1 problem found. It says how to fix it.</source>
        <translation>Se encontró 1 problema. Indica cómo corregirlo.</translation>
    </message>
    <message>
        <source>%1 problems found. Each one says how to fix it.</source>
        <translation>Se encontraron %1 problemas. Cada uno indica cómo corregirlo.</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>Desbloquear…</translation>
    </message>
    <message>
        <source>Set up…</source>
        <translation>Configurar…</translation>
    </message>
    <message>
        <source>Unlock the keyring</source>
        <translation>Desbloquear el llavero</translation>
    </message>
    <message>
        <source>Set up a keyring</source>
        <translation>Configurar un llavero</translation>
    </message>
    <message>
        <source>Waiting for the keyring&apos;s password prompt…</source>
        <translation>Esperando la petición de contraseña del llavero…</translation>
    </message>
    <message>
        <source>The keyring was not set up: %1</source>
        <translation>El llavero no se configuró: %1</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>Copiar la orden</translation>
    </message>
    <message>
        <source>Copy the install command: %1</source>
        <translation>Copiar la orden de instalación: %1</translation>
    </message>
    <message>
        <source>“%1” is on the clipboard: paste it into a terminal, then log in again.</source>
        <translation>«%1» está en el portapapeles: péguelo en una terminal y vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>Sound settings…</source>
        <translation>Ajustes de sonido…</translation>
    </message>
    <message>
        <source>Open the system&apos;s sound input settings</source>
        <translation>Abrir los ajustes de entrada de sonido del sistema</translation>
    </message>
    <message>
        <source>The system&apos;s sound settings did not open.</source>
        <translation>No se pudieron abrir los ajustes de sonido del sistema.</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Proveedores</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Hotkeys</source>
        <translation>Atajos</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Escritorio</translation>
    </message>
</context>
<context>
    <name>utter::ui::HistoryModel</name>
    <message>
        <source>raw</source>
        <translation>sin estilo</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Estilo</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
</context>
<context>
    <name>utter::ui::HistoryWindow</name>
    <message>
        <source>Utter History</source>
        <translation>Historial de Utter</translation>
    </message>
    <message>
        <source>Search dictations…</source>
        <translation>Buscar dictados…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>Buscar en el historial</translation>
    </message>
    <message>
        <source>Dictations</source>
        <translation>Dictados</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Transcripción</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcripción</translation>
    </message>
    <message>
        <source>St&amp;yled text</source>
        <translation>Texto con e&amp;stilo</translation>
    </message>
    <message>
        <source>Styled text</source>
        <translation>Texto con estilo</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;Play audio</source>
        <translation>&amp;Reproducir audio</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>&amp;Export all…</source>
        <translation>&amp;Exportar todo…</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exportar historial</translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON (*.json);;CSV (*.csv)</source>
        <translation>Markdown (*.md);;JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>The audio of this dictation was not kept.</source>
        <translation>El audio de este dictado no se conservó.</translation>
    </message>
    <message>
        <source>No dictations yet.</source>
        <translation>Todavía no hay dictados.</translation>
    </message>
    <message>
        <source>Nothing matches “%1”.</source>
        <translation>Nada coincide con «%1».</translation>
    </message>
    <message>
        <source>(no style was applied)</source>
        <translation>(no se aplicó ningún estilo)</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copiado.</translation>
    </message>
    <message>
        <source>Delete dictation</source>
        <translation>Eliminar dictado</translation>
    </message>
    <message>
        <source>Delete this dictation and its audio? This cannot be undone.</source>
        <translation>¿Eliminar este dictado y su audio? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Eliminado.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>No se puede leer %1.</translation>
    </message>
    <message>
        <source>Pick a .md, .json or .csv file name.</source>
        <translation>Elija un nombre de archivo .md, .json o .csv.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exportado a %1.</translation>
    </message>
    <message>
        <source>&amp;Re-transcribe</source>
        <translation>&amp;Volver a transcribir</translation>
    </message>
    <message>
        <source>Transcribes the archived audio again with the current settings; the result is shown next to this one and saved only if you ask.</source>
        <translation>Vuelve a transcribir el audio archivado con los ajustes actuales; el resultado se muestra junto a este y solo se guarda si lo pide.</translation>
    </message>
    <message>
        <source>Re-&amp;style</source>
        <translation>Aplicar otro e&amp;stilo</translation>
    </message>
    <message>
        <source>Applies a style to the transcript; the result is shown next to this one and saved only if you ask.</source>
        <translation>Aplica un estilo a la transcripción; el resultado se muestra junto a esta y solo se guarda si lo pide.</translation>
    </message>
    <message>
        <source>Held back</source>
        <translation>Retenido</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Whisper: no speech (p=%1)</source>
        <translation>Whisper: sin habla (p=%1)</translation>
    </message>
    <message>
        <source>Whisper: no speech</source>
        <translation>Whisper: sin habla</translation>
    </message>
    <message>
        <source>phantom phrase</source>
        <translation>frase fantasma</translation>
    </message>
    <message>
        <source>echoes the prompt</source>
        <translation>repite la indicación</translation>
    </message>
    <message>
        <source>repetition loop</source>
        <translation>bucle de repetición</translation>
    </message>
    <message>
        <source>no voice</source>
        <translation>sin voz</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>“%1” (%2)</source>
        <translation>«%1» (%2)</translation>
    </message>
    <message>
        <source>Not uploaded: 1 sound without a voice</source>
        <translation>No enviado: 1 sonido sin voz</translation>
    </message>
    <message>
        <source>Not uploaded: %1 sounds without a voice</source>
        <translation>No enviados: %1 sonidos sin voz</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Not typed: %1</source>
        <translation>No escrito: %1</translation>
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
        <translation>Actívelo y pulse la tecla o combinación que quiera usar.</translation>
    </message>
    <message>
        <source>That key cannot be used as a hotkey; try a function key or a chord such as Ctrl+Alt+Space.</source>
        <translation>Esa tecla no sirve como atajo; pruebe una tecla de función o una combinación como Ctrl+Alt+Espacio.</translation>
    </message>
    <message>
        <source>Press a key or combination… (Esc cancels)</source>
        <translation>Pulse una tecla o combinación… (Esc cancela)</translation>
    </message>
    <message>
        <source>None — click to record</source>
        <translation>Ninguna: haga clic para grabar</translation>
    </message>
    <message>
        <source>Hotkey: %1</source>
        <translation>Atajo: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
</context>
<context>
    <name>utter::ui::LevelMeterWidget</name>
    <message>
        <source>Input level</source>
        <translation>Nivel de entrada</translation>
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
        <translation>Probar el &amp;micrófono</translation>
    </message>
    <message>
        <source>Records four seconds and shows what Utter heard.</source>
        <translation>Graba cuatro segundos y muestra lo que Utter ha oído.</translation>
    </message>
    <message>
        <source>What Utter heard</source>
        <translation>Lo que Utter ha oído</translation>
    </message>
    <message>
        <source>Recording — say a sentence…</source>
        <translation>Grabando: diga una frase…</translation>
    </message>
    <message>
        <source>No sound arrived from this microphone. Check that it is not muted.</source>
        <translation>No llegó sonido de este micrófono. Compruebe que no esté silenciado.</translation>
    </message>
    <message>
        <source>Recorded %1 s; no transcription endpoint is configured.</source>
        <translation>Grabados %1 s; no hay ningún servicio de transcripción configurado.</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcribiendo…</translation>
    </message>
    <message>
        <source>Utter heard no words. Speak a little louder or move closer.</source>
        <translation>Utter no oyó ninguna palabra. Hable un poco más alto o acérquese.</translation>
    </message>
    <message>
        <source>Utter heard: “%1”</source>
        <translation>Utter ha oído: «%1»</translation>
    </message>
</context>
<context>
    <name>utter::ui::OnboardingWizard</name>
    <message>
        <source>Welcome to Utter</source>
        <translation>Bienvenido a Utter</translation>
    </message>
    <message>
        <source>S&amp;kip setup</source>
        <translation>O&amp;mitir la configuración</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Clave:</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <source>Speak and watch the level; then test what Utter hears.</source>
        <translation>Hable y observe el nivel; luego pruebe lo que oye Utter.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>&amp;Entrada:</translation>
    </message>
    <message>
        <source>Dictation key</source>
        <translation>Tecla de dictado</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Modo:</translation>
    </message>
    <message>
        <source>%1 it is.</source>
        <translation>Será %1.</translation>
    </message>
    <message>
        <source>macOS asks for two permissions: &lt;b&gt;Microphone&lt;/b&gt; (the first time you dictate) and &lt;b&gt;Accessibility&lt;/b&gt; (so Utter can type). Allow both in System Settings → Privacy &amp; Security, then restart Utter.</source>
        <translation>macOS pide dos permisos: &lt;b&gt;Micrófono&lt;/b&gt; (la primera vez que dicte) y &lt;b&gt;Accesibilidad&lt;/b&gt; (para que Utter pueda escribir). Permita ambos en Ajustes del Sistema → Privacidad y seguridad y reinicie Utter.</translation>
    </message>
    <message>
        <source>Windows needs nothing more. Utter cannot type into programs running as administrator unless it runs as administrator too.</source>
        <translation>Windows no necesita nada más. Utter no puede escribir en programas que se ejecutan como administrador salvo que también se ejecute como administrador.</translation>
    </message>
    <message>
        <source>On Wayland, applications cannot grab keys or type for themselves. If your desktop offers the Global Shortcuts portal, Utter asks for your key there. Otherwise bind a key in your compositor to run &lt;code&gt;utter toggle&lt;/code&gt; (or &lt;code&gt;utter begin&lt;/code&gt; on press and &lt;code&gt;utter end&lt;/code&gt; on release). Run &lt;code&gt;utter doctor&lt;/code&gt; for the exact lines for your desktop.</source>
        <translation>En Wayland, las aplicaciones no pueden capturar teclas ni escribir por sí mismas. Si su escritorio ofrece el portal Global Shortcuts, Utter le pedirá allí la tecla. Si no, asigne en su compositor una tecla a &lt;code&gt;utter toggle&lt;/code&gt; (o &lt;code&gt;utter begin&lt;/code&gt; al pulsar y &lt;code&gt;utter end&lt;/code&gt; al soltar). Ejecute &lt;code&gt;utter doctor&lt;/code&gt; para ver las líneas exactas para su escritorio.</translation>
    </message>
    <message>
        <source>Nothing to do on X11: Utter can grab your key and type directly.</source>
        <translation>Nada que hacer en X11: Utter puede capturar su tecla y escribir directamente.</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permisos</translation>
    </message>
    <message>
        <source>What your system needs to allow.</source>
        <translation>Lo que su sistema debe permitir.</translation>
    </message>
    <message>
        <source>Utter lives in the tray from now on.</source>
        <translation>A partir de ahora Utter vive en la bandeja del sistema.</translation>
    </message>
    <message>
        <source>The key name &quot;%1&quot; in the settings is not valid.</source>
        <translation>El nombre de clave «%1» de la configuración no es válido.</translation>
    </message>
    <message>
        <source>Key saved in the %1.</source>
        <translation>Clave guardada en el %1.</translation>
    </message>
    <message>
        <source>The key was not stored</source>
        <translation>La clave no se guardó</translation>
    </message>
    <message>
        <source>Key in use; storing it in the keychain…</source>
        <translation>Clave en uso; guardándola en el llavero…</translation>
    </message>
    <message>
        <source>Utter setup</source>
        <translation>Configuración de Utter</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finalizar</translation>
    </message>
    <message>
        <source>Close setup</source>
        <translation>Cerrar la configuración</translation>
    </message>
    <message>
        <source>Skip setup</source>
        <translation>Omitir la configuración</translation>
    </message>
    <message>
        <source>Speak, and your words appear where you type</source>
        <translation>Hable y sus palabras aparecen donde escribe</translation>
    </message>
    <message>
        <source>Two minutes of setup: a speech service, your microphone, your dictation key.</source>
        <translation>Dos minutos de configuración: un servicio de voz a texto, su micrófono, su tecla de dictado.</translation>
    </message>
    <message>
        <source>Utter logo</source>
        <translation>Logotipo de Utter</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;font-size:large&quot;&gt;&lt;b&gt;Utter&lt;/b&gt; — dictation for every application.&lt;/p&gt;&lt;p&gt;Press your key, speak, and the text is typed where your cursor is: in the browser, the terminal, the mail client. Fast, exact, and nothing is lost: each recording is saved before it is sent.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;font-size:large&quot;&gt;&lt;b&gt;Utter&lt;/b&gt;: dictado para cualquier aplicación.&lt;/p&gt;&lt;p&gt;Pulse su tecla, hable y el texto se escribe donde está el cursor: en el navegador, la terminal, el correo. Rápido, exacto y sin pérdidas: cada grabación se guarda antes de enviarse.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Each step can be skipped with &lt;b&gt;Next&lt;/b&gt;, and you can run this setup again at any time from Settings.</source>
        <translation>Puede omitir cada paso con &lt;b&gt;Siguiente&lt;/b&gt; y volver a ejecutar esta configuración cuando quiera desde Ajustes.</translation>
    </message>
    <message>
        <source>Speech-to-text service</source>
        <translation>Servicio de voz a texto</translation>
    </message>
    <message>
        <source>Where Utter sends your voice to be written down.</source>
        <translation>Adónde envía Utter su voz para transcribirla.</translation>
    </message>
    <message>
        <source>&amp;Groq — hosted Whisper, fast and accurate (free key)</source>
        <translation>&amp;Groq: Whisper alojado, rápido y preciso (clave gratuita)</translation>
    </message>
    <message>
        <source>My &amp;own server — hal0, speaches, whisper.cpp server or any OpenAI-compatible service</source>
        <translation>Mi &amp;propio servidor: hal0, speaches, servidor whisper.cpp o cualquier servicio compatible con OpenAI</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>The base URL of the OpenAI-compatible API, ending in /v1 — e.g. http://localhost:8000/v1 (speaches), http://127.0.0.1:8080/v1 (whisper.cpp server) or your hal0 address.</source>
        <translation>La URL base de la API compatible con OpenAI, terminada en /v1; p. ej. http://localhost:8000/v1 (speaches), http://127.0.0.1:8080/v1 (servidor whisper.cpp) o su dirección de hal0.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation>M&amp;odelo:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Probar</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>Probar la conexión</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Resultado de la prueba</translation>
    </message>
    <message>
        <source>Utter sends audio to &lt;code&gt;ADDRESS/audio/transcriptions&lt;/code&gt; and checks &lt;code&gt;ADDRESS/models&lt;/code&gt;. A key is needed only if your server asks for one.</source>
        <translation>Utter envía el audio a &lt;code&gt;ADDRESS/audio/transcriptions&lt;/code&gt; y comprueba &lt;code&gt;ADDRESS/models&lt;/code&gt;. Solo hace falta una clave si su servidor la pide.</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>&amp;Key (optional):</source>
        <translation>&amp;Clave (opcional):</translation>
    </message>
    <message>
        <source>Create a free key at &lt;a href=&quot;https://console.groq.com/keys&quot;&gt;console.groq.com/keys&lt;/a&gt; and paste it here. It is stored in your system keychain, never in a settings file.</source>
        <translation>Cree una clave gratuita en &lt;a href=&quot;https://console.groq.com/keys&quot;&gt;console.groq.com/keys&lt;/a&gt; y péguela aquí. Se guarda en el llavero del sistema, nunca en un archivo de ajustes.</translation>
    </message>
    <message>
        <source>a key is stored; paste another to replace it</source>
        <translation>hay una clave guardada; pegue otra para reemplazarla</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as http://localhost:8000/v1.</source>
        <translation>Introduzca la dirección del servidor, por ejemplo http://localhost:8000/v1.</translation>
    </message>
    <message>
        <source>Keep the microphone &amp;ready between dictations</source>
        <translation>Mantener el micrófono &amp;listo entre dictados</translation>
    </message>
    <message>
        <source>&lt;b&gt;On:&lt;/b&gt; recording starts the instant you press the key and includes the half second before it, so no first word is ever cut — but your desktop shows the microphone as in use all the time (nothing leaves your computer until you press the key). &lt;b&gt;Off:&lt;/b&gt; the microphone opens only when you press the key (about %1 ms later) and the indicator shows only while you dictate.</source>
        <translation>&lt;b&gt;Activado:&lt;/b&gt; la grabación empieza en cuanto pulsa la tecla e incluye el medio segundo anterior, así que nunca se corta la primera palabra, pero el escritorio muestra el micrófono en uso todo el tiempo (nada sale de su ordenador hasta que pulsa la tecla). &lt;b&gt;Desactivado:&lt;/b&gt; el micrófono se abre solo al pulsar la tecla (unos %1 ms después) y el indicador aparece solo mientras dicta.</translation>
    </message>
    <message>
        <source>Choose how you start and stop dictating, then try the key.</source>
        <translation>Elija cómo empezar y terminar el dictado y luego pruebe la tecla.</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>To change it, activate the key field, then press the key or combination you want.</source>
        <translation>Para cambiarla, active el campo de tecla y pulse la tecla o combinación que quiera.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>Comprobación:</translation>
    </message>
    <message>
        <source>Utter heard you press %1. That is your dictation key.</source>
        <translation>Utter ha detectado que pulsó %1. Esa es su tecla de dictado.</translation>
    </message>
    <message>
        <source>No key is set: dictate from the tray menu or with `utter toggle`.</source>
        <translation>No hay ninguna tecla: dicte desde el menú de la bandeja o con `utter toggle`.</translation>
    </message>
    <message>
        <source>Utter&apos;s service is not running here, so the key cannot be tried now.</source>
        <translation>El servicio de Utter no se está ejecutando aquí, así que ahora no se puede probar la tecla.</translation>
    </message>
    <message>
        <source>This desktop does not let Utter grab keys; see the next page.</source>
        <translation>Este escritorio no permite a Utter capturar teclas; vea la página siguiente.</translation>
    </message>
    <message>
        <source>Grabbing %1…</source>
        <translation>Capturando %1…</translation>
    </message>
    <message>
        <source>Not active: %1</source>
        <translation>Inactiva: %1</translation>
    </message>
    <message>
        <source>Utter holds %1. Press it now to check — nothing is recorded on this page.</source>
        <translation>Utter tiene %1. Púlsela ahora para comprobarlo; en esta página no se graba nada.</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>Pruébelo</translation>
    </message>
    <message>
        <source>Dictate into the field below, exactly as you will everywhere else.</source>
        <translation>Dicte en el campo de abajo, igual que lo hará en cualquier otro sitio.</translation>
    </message>
    <message>
        <source>Test field</source>
        <translation>Campo de prueba</translation>
    </message>
    <message>
        <source>Click here, then dictate: say “Hello from Utter.”</source>
        <translation>Haga clic aquí y dicte: diga «Hola desde Utter.»</translation>
    </message>
    <message>
        <source>Text arrived. Utter types the same way into any application.</source>
        <translation>Ha llegado el texto. Utter escribe igual en cualquier aplicación.</translation>
    </message>
    <message>
        <source>You are ready</source>
        <translation>Todo listo</translation>
    </message>
    <message>
        <source>The tray menu has your recent dictations, styles, History, Settings and &lt;b&gt;Doctor…&lt;/b&gt;, which checks everything when something does not work. This setup is under Settings → &lt;b&gt;Run setup again&lt;/b&gt;.</source>
        <translation>El menú de la bandeja tiene sus dictados recientes, los estilos, el Historial, los Ajustes y &lt;b&gt;Diagnóstico…&lt;/b&gt;, que lo comprueba todo cuando algo no funciona. Esta configuración está en Ajustes → &lt;b&gt;Volver a ejecutar la configuración&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>No dictation key is set. Start and stop dictating from the tray menu, or bind a key of your desktop to &lt;code&gt;utter toggle&lt;/code&gt;.</source>
        <translation>No hay tecla de dictado. Empiece y termine de dictar desde el menú de la bandeja, o asigne una tecla de su escritorio a &lt;code&gt;utter toggle&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Press %1&lt;/b&gt;, speak, and &lt;b&gt;press %1 again&lt;/b&gt;. The text is typed where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Pulse %1&lt;/b&gt;, hable y &lt;b&gt;vuelva a pulsar %1&lt;/b&gt;. El texto se escribe donde está el cursor, en cualquier aplicación.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Press %1&lt;/b&gt; and speak. Utter stops by itself when you pause, and types the text where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Pulse %1&lt;/b&gt; y hable. Utter se detiene solo cuando hace una pausa y escribe el texto donde está el cursor, en cualquier aplicación.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Hold %1&lt;/b&gt;, speak, and &lt;b&gt;let go&lt;/b&gt;. The text is typed where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Mantenga pulsada %1&lt;/b&gt;, hable y &lt;b&gt;suéltela&lt;/b&gt;. El texto se escribe donde está el cursor, en cualquier aplicación.</translation>
    </message>
    <message>
        <source>Changed your mind? %1 throws the dictation away.</source>
        <translation>¿Ha cambiado de idea? %1 descarta el dictado.</translation>
    </message>
</context>
<context>
    <name>utter::ui::QueuedNotice</name>
    <message>
        <source>Queued — waiting for the network</source>
        <translation>En cola — esperando la red</translation>
    </message>
    <message>
        <source>Queued — will finish when the network is back</source>
        <translation>En cola — terminará cuando vuelva la red</translation>
    </message>
    <message>
        <source>There is no network connection. Your recording is saved and will be transcribed when the connection is back.</source>
        <translation>No hay conexión de red. Su grabación está guardada y se transcribirá cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>Queued — waiting for the provider</source>
        <translation>En cola — esperando al proveedor</translation>
    </message>
    <message>
        <source>Queued — will finish when the provider answers</source>
        <translation>En cola — terminará cuando el proveedor responda</translation>
    </message>
    <message>
        <source>The transcription provider is not answering.</source>
        <translation>El proveedor de transcripción no responde.</translation>
    </message>
    <message>
        <source>Your recording is saved and will be transcribed when the provider answers again.</source>
        <translation>Su grabación está guardada y se transcribirá cuando el proveedor vuelva a responder.</translation>
    </message>
</context>
<context>
    <name>utter::ui::RecordingOverlay</name>
    <message>
        <source>Dictation overlay</source>
        <translation>Ventana de dictado</translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation>Tiempo transcurrido</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcripción</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Escuchando</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcribiendo…</translation>
    </message>
    <message>
        <source>Applying style…</source>
        <translation>Aplicando estilo…</translation>
    </message>
    <message>
        <source>Typing…</source>
        <translation>Escribiendo…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Queued — will finish when the provider answers</source>
        <translation>En cola — terminará cuando el proveedor responda</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Transcripción en directo</translation>
    </message>
</context>
<context>
    <name>utter::ui::ReprocessPanel</name>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>New text</source>
        <translation>Texto nuevo</translation>
    </message>
    <message>
        <source>C&amp;opy new text</source>
        <translation>C&amp;opiar el texto nuevo</translation>
    </message>
    <message>
        <source>Save as &amp;new dictation</source>
        <translation>Guardar como &amp;nuevo dictado</translation>
    </message>
    <message>
        <source>Adds the new text to the history as a dictation of its own; this one stays as it is.</source>
        <translation>Añade el texto nuevo al historial como un dictado propio; este queda como está.</translation>
    </message>
    <message>
        <source>From the dictation of %1.</source>
        <translation>A partir del dictado del %1.</translation>
    </message>
    <message>
        <source>The dictation service is not available, so nothing can be transcribed.</source>
        <translation>El servicio de dictado no está disponible, así que no se puede transcribir nada.</translation>
    </message>
    <message>
        <source>The audio of this dictation was not kept, so it cannot be transcribed again. New dictations keep it while Settings → History → “Keep the audio of each dictation” is on.</source>
        <translation>El audio de este dictado no se guardó, así que no se puede volver a transcribir. Los dictados nuevos lo guardan mientras Ajustes → Historial → «Guardar el audio de cada dictado» esté activado.</translation>
    </message>
    <message>
        <source>The audio of this dictation is gone from %1, so it cannot be transcribed again.</source>
        <translation>El audio de este dictado ya no está en %1, así que no se puede volver a transcribir.</translation>
    </message>
    <message>
        <source>%1 of %2 parts transcribed</source>
        <translation>%1 de %2 partes transcritas</translation>
    </message>
    <message>
        <source>Transcribing part %1 of %2 with the current transcription settings…</source>
        <translation>Transcribiendo la parte %1 de %2 con los ajustes de transcripción actuales…</translation>
    </message>
    <message>
        <source>The dictation service is not available, so no style can run.</source>
        <translation>El servicio de dictado no está disponible, así que no se puede aplicar ningún estilo.</translation>
    </message>
    <message>
        <source>This dictation has no transcript to style.</source>
        <translation>Este dictado no tiene transcripción a la que aplicar un estilo.</translation>
    </message>
    <message>
        <source>Styling the transcript…</source>
        <translation>Aplicando el estilo a la transcripción…</translation>
    </message>
    <message>
        <source>Not saved yet. You can edit it before you copy or save it.</source>
        <translation>Aún no se ha guardado. Puede editarlo antes de copiarlo o guardarlo.</translation>
    </message>
    <message>
        <source>The dictation itself is unchanged.</source>
        <translation>El dictado en sí no ha cambiado.</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>C&amp;ancelar</translation>
    </message>
    <message>
        <source>Closes this column; an unsaved new text is dropped.</source>
        <translation>Cierra esta columna; un texto nuevo sin guardar se descarta.</translation>
    </message>
    <message>
        <source>New text copied.</source>
        <translation>Texto nuevo copiado.</translation>
    </message>
    <message>
        <source>There is no new text to save.</source>
        <translation>No hay texto nuevo que guardar.</translation>
    </message>
    <message>
        <source>Saved as a new dictation.</source>
        <translation>Guardado como nuevo dictado.</translation>
    </message>
    <message>
        <source>The text is shorter than this style&apos;s minimum, so it was left as it was.</source>
        <translation>El texto es más corto que el mínimo de este estilo, así que quedó igual.</translation>
    </message>
    <message>
        <source>The new text appears here.</source>
        <translation>Aquí aparecerá el texto nuevo.</translation>
    </message>
    <message>
        <source>New transcript</source>
        <translation>Nueva transcripción</translation>
    </message>
    <message>
        <source>Styled with “%1”</source>
        <translation>Con el estilo «%1»</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Ce&amp;rrar</translation>
    </message>
    <message>
        <source>Utter heard no voice in this dictation, so none of it was uploaded, and sound without a voice is not kept: there is nothing to transcribe again.</source>
        <translation>Utter no oyó ninguna voz en este dictado, así que no se envió nada, y los sonidos sin voz no se guardan: no hay nada que volver a transcribir.</translation>
    </message>
</context>
<context>
    <name>utter::ui::SettingsDialog</name>
    <message>
        <source>Utter Settings</source>
        <translation>Ajustes de Utter</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Secciones de ajustes</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Dictation &amp;mode:</source>
        <translation>&amp;Modo de dictado:</translation>
    </message>
    <message>
        <source>&amp;Spoken language:</source>
        <translation>Idioma &amp;hablado:</translation>
    </message>
    <message>
        <source>Two-letter code such as en, de or fr; leave empty to detect it.</source>
        <translation>Código de dos letras como en, de o fr; déjelo vacío para detectarlo.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>Idioma de la &amp;interfaz:</translation>
    </message>
    <message>
        <source>Start Utter when I log in</source>
        <translation>Iniciar Utter al iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Overlay:</source>
        <translation>Ve&amp;ntana de dictado:</translation>
    </message>
    <message>
        <source>Play sounds when dictation starts, stops or fails</source>
        <translation>Reproducir sonidos al iniciar, detener o fallar un dictado</translation>
    </message>
    <message>
        <source>Sound &amp;volume (%):</source>
        <translation>&amp;Volumen (%):</translation>
    </message>
    <message>
        <source>Hotkeys</source>
        <translation>Atajos</translation>
    </message>
    <message>
        <source>&amp;Dictation key:</source>
        <translation>Tecla de &amp;dictado:</translation>
    </message>
    <message>
        <source>Click, then press a key (F9, RightCtrl) or a combination (Ctrl+Alt+Space).</source>
        <translation>Haga clic y pulse una tecla (F9, RightCtrl) o una combinación (Ctrl+Alt+Space).</translation>
    </message>
    <message>
        <source>&amp;Cancel key:</source>
        <translation>Tecla de &amp;cancelar:</translation>
    </message>
    <message>
        <source>Discards the current dictation. Backspace clears it.</source>
        <translation>Descarta el dictado en curso. Retroceso la borra.</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (predeterminado)</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Micrófono:</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (no conectado)</translation>
    </message>
    <message>
        <source>Voice &amp;sensitivity:</source>
        <translation>&amp;Sensibilidad de voz:</translation>
    </message>
    <message>
        <source>0 = only loud speech counts, 1 = everything above the noise floor.</source>
        <translation>0 = solo cuenta la voz alta, 1 = todo lo que supere el ruido de fondo.</translation>
    </message>
    <message>
        <source>&amp;Pre-roll (ms):</source>
        <translation>&amp;Prebúfer (ms):</translation>
    </message>
    <message>
        <source>Audio kept from just before the key press, so the first word is never cut.</source>
        <translation>Audio guardado justo antes de pulsar la tecla, para no cortar nunca la primera palabra.</translation>
    </message>
    <message>
        <source>&amp;Hands-free stop after (ms):</source>
        <translation>Parada &amp;manos libres tras (ms):</translation>
    </message>
    <message>
        <source>Shortest &amp;pause (ms):</source>
        <translation>P&amp;ausa más corta (ms):</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Proveedores</translation>
    </message>
    <message>
        <source>Transcription &amp;URL:</source>
        <translation>&amp;URL de transcripción:</translation>
    </message>
    <message>
        <source>Transcription &amp;model:</source>
        <translation>&amp;Modelo de transcripción:</translation>
    </message>
    <message>
        <source>Transcription &amp;key:</source>
        <translation>&amp;Clave de transcripción:</translation>
    </message>
    <message>
        <source>&amp;Fallback URL:</source>
        <translation>URL de &amp;respaldo:</translation>
    </message>
    <message>
        <source>Used when the primary fails; leave empty for none.</source>
        <translation>Se usa cuando falla el principal; déjela vacía para no usar ninguno.</translation>
    </message>
    <message>
        <source>https:// uploads chunks at your pauses (Groq: $0.04 per hour, at least 10 s per request). A wss:// URL streams instead, so words appear while you speak (OpenAI Realtime: wss://api.openai.com/v1 with gpt-4o-transcribe, $0.006 per minute, or gpt-4o-mini-transcribe, $0.003): everything the microphone records during a dictation is sent as it is captured, pauses included, and billed per second.</source>
        <translation>https:// sube fragmentos en cada pausa (Groq: 0,04 $ por hora, al menos 10 s por petición). Una URL wss:// transmite en directo, así las palabras aparecen mientras habla (OpenAI Realtime: wss://api.openai.com/v1 con gpt-4o-transcribe, 0,006 $ por minuto, o gpt-4o-mini-transcribe, 0,003 $): todo lo que el micrófono graba durante un dictado se envía a medida que se captura, pausas incluidas, y se factura por segundo.</translation>
    </message>
    <message>
        <source>Fallback m&amp;odel:</source>
        <translation>M&amp;odelo de respaldo:</translation>
    </message>
    <message>
        <source>Fallback k&amp;ey:</source>
        <translation>Cla&amp;ve de respaldo:</translation>
    </message>
    <message>
        <source>&amp;Read-back URL:</source>
        <translation>URL de &amp;lectura:</translation>
    </message>
    <message>
        <source>An /v1/audio/speech endpoint for &quot;Read back last result&quot;; empty turns it off.</source>
        <translation>Un servidor /v1/audio/speech para «Leer el último resultado»; vacío lo desactiva.</translation>
    </message>
    <message>
        <source>Read-back &amp;voice:</source>
        <translation>&amp;Voz de lectura:</translation>
    </message>
    <message>
        <source>Styles</source>
        <translation>Estilos</translation>
    </message>
    <message>
        <source>&amp;Default style:</source>
        <translation>Estilo &amp;predeterminado:</translation>
    </message>
    <message>
        <source>&quot;raw&quot; types the transcript as spoken; a style rewrites it (e.g. email, notes).</source>
        <translation>«raw» escribe la transcripción tal cual; un estilo la reescribe (p. ej. email, notes).</translation>
    </message>
    <message>
        <source>Style &amp;URL:</source>
        <translation>&amp;URL de estilos:</translation>
    </message>
    <message>
        <source>Style &amp;model:</source>
        <translation>&amp;Modelo de estilos:</translation>
    </message>
    <message>
        <source>Style &amp;key:</source>
        <translation>&amp;Clave de estilos:</translation>
    </message>
    <message>
        <source>&amp;Timeout (s):</source>
        <translation>&amp;Tiempo límite (s):</translation>
    </message>
    <message>
        <source>After this long the raw transcript is delivered instead.</source>
        <translation>Pasado este tiempo se entrega la transcripción sin estilo.</translation>
    </message>
    <message>
        <source>Per-&amp;application styles:</source>
        <translation>Estilos por &amp;aplicación:</translation>
    </message>
    <message>
        <source>One rule per line as application=style, e.g. thunderbird=email. First match wins.</source>
        <translation>Una regla por línea como aplicación=estilo, p. ej. thunderbird=email. Gana la primera coincidencia.</translation>
    </message>
    <message>
        <source>&amp;Vocabulary:</source>
        <translation>&amp;Vocabulario:</translation>
    </message>
    <message>
        <source>Names and terms the transcriber should spell right, one per line.</source>
        <translation>Nombres y términos que deben escribirse bien, uno por línea.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>&amp;Methods in order:</source>
        <translation>&amp;Métodos en orden:</translation>
    </message>
    <message>
        <source>One per line, tried top to bottom; &quot;auto&quot; uses the best chain for this desktop.</source>
        <translation>Uno por línea, probados de arriba abajo; «auto» usa la mejor cadena para este escritorio.</translation>
    </message>
    <message>
        <source>Restore my clipboard after pasting</source>
        <translation>Restaurar mi portapapeles después de pegar</translation>
    </message>
    <message>
        <source>Press Enter after inserting the text</source>
        <translation>Pulsar Intro después de insertar el texto</translation>
    </message>
    <message>
        <source>&amp;Replacements:</source>
        <translation>&amp;Reemplazos:</translation>
    </message>
    <message>
        <source>One per line as from=&gt;to, applied to every transcript.</source>
        <translation>Uno por línea como de=&gt;a, aplicado a cada transcripción.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>&amp;Conservar:</translation>
    </message>
    <message>
        <source>&amp;N:</source>
        <translation>&amp;N:</translation>
    </message>
    <message>
        <source>Days or dictations, for the &quot;last N&quot; choices.</source>
        <translation>Días o dictados, para las opciones «los últimos N».</translation>
    </message>
    <message>
        <source>Keep the audio of each dictation</source>
        <translation>Conservar el audio de cada dictado</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>Serve the HTTP API</source>
        <translation>Servir la API HTTP</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>HOST:PORT; loopback unless you allow remote.</source>
        <translation>HOST:PUERTO; solo local salvo que permita el acceso remoto.</translation>
    </message>
    <message>
        <source>Regenerate API &amp;token</source>
        <translation>Regenerar el &amp;token de la API</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Abrir la carpeta de &amp;registros</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>&amp;Copiar diagnóstico</translation>
    </message>
    <message>
        <source>A new token was created; clients need it from `utter secret status http-token`.</source>
        <translation>Se creó un token nuevo; los clientes lo obtienen con `utter secret status http-token`.</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard (keys are never included).</source>
        <translation>Diagnóstico copiado al portapapeles (nunca incluye claves).</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>Pegue la clave de API</translation>
    </message>
    <message>
        <source>Set by the environment (%1)</source>
        <translation>Definida por el entorno (%1)</translation>
    </message>
    <message>
        <source>Stored — ends in …%1; type to replace</source>
        <translation>Guardada: termina en …%1; escriba para reemplazarla</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Probar conexión</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the fields marked in red.</source>
        <translation>No se guardó nada: corrija los campos marcados en rojo.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>On Wayland, bind a key in your compositor to run “utter begin” and “utter end” (or “utter toggle”); “utter doctor” prints the exact lines for your desktop.</source>
        <translation>En Wayland, asigne en su compositor una tecla a «utter begin» y «utter end» (o «utter toggle»); «utter doctor» muestra las líneas exactas para su escritorio.</translation>
    </message>
    <message>
        <source>Style library</source>
        <translation>Biblioteca de estilos</translation>
    </message>
    <message>
        <source>✖ Not active: %1</source>
        <translation>✖ No activo: %1</translation>
    </message>
    <message>
        <source>Creating a new token…</source>
        <translation>Creando un token nuevo…</translation>
    </message>
    <message>
        <source>Reading the keychain…</source>
        <translation>Leyendo el llavero…</translation>
    </message>
    <message>
        <source>The keychain did not answer; paste the key to store it</source>
        <translation>El llavero no respondió; pegue la clave para guardarla</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid key name.</source>
        <translation>«%1» no es un nombre de clave válido.</translation>
    </message>
    <message>
        <source>Saved; storing the key in the keychain…</source>
        <translation>Guardado; guardando la clave en el llavero…</translation>
    </message>
    <message>
        <source>&amp;Between dictations:</source>
        <translation>&amp;Entre dictados:</translation>
    </message>
    <message>
        <source>auto: a space when a dictation continues the one typed just before into the same window (none after a new line or Enter); space: always; none: the text as spoken.</source>
        <translation>auto: un espacio cuando un dictado continúa el escrito justo antes en la misma ventana (ninguno tras un salto de línea o Intro); space: siempre; none: el texto tal como se dictó.</translation>
    </message>
    <message>
        <source>Utter sends what you say to a speech-to-text service: Groq by default (paste your key and test it), or any OpenAI-compatible server such as a local whisper.cpp or speaches server or a hal0 box (under “Endpoints and models”). Keys are stored in the system keychain.</source>
        <translation>Utter envía lo que dice a un servicio de voz a texto: Groq de forma predeterminada (pegue su clave y pruébela) o cualquier servidor compatible con OpenAI, como un servidor local whisper.cpp o speaches o un equipo hal0 (en «Puntos de acceso y modelos»). Las claves se guardan en el llavero del sistema.</translation>
    </message>
    <message>
        <source>&amp;Endpoints and models</source>
        <translation>&amp;Puntos de acceso y modelos</translation>
    </message>
    <message>
        <source>&amp;Endpoint, model and timeout</source>
        <translation>&amp;Punto de acceso, modelo y tiempo límite</translation>
    </message>
    <message>
        <source>Makes a new bearer token for the HTTP API; clients need the new one.</source>
        <translation>Crea un token bearer nuevo para la API HTTP; los clientes necesitarán el nuevo.</translation>
    </message>
    <message>
        <source>Keep the microphone open between dictations</source>
        <translation>Mantener el micrófono abierto entre dictados</translation>
    </message>
    <message>
        <source>On: dictation starts instantly and keeps the half second before the key press, but the desktop shows the microphone in use all the time. Off: the microphone opens when you press the key (about 0.1 s).</source>
        <translation>Activado: el dictado empieza al instante y conserva el medio segundo antes de pulsar la tecla, pero el escritorio muestra el micrófono en uso todo el tiempo. Desactivado: el micrófono se abre al pulsar la tecla (unos 0,1 s).</translation>
    </message>
    <message>
        <source>Run &amp;setup again…</source>
        <translation>Volver a ejecutar la &amp;configuración…</translation>
    </message>
    <message>
        <source>Run the first-run setup again</source>
        <translation>Volver a ejecutar la configuración inicial</translation>
    </message>
</context>
<context>
    <name>utter::ui::SettingsForm</name>
    <message>
        <source>Push to talk — hold the key</source>
        <translation>Pulsar para hablar: mantener la tecla</translation>
    </message>
    <message>
        <source>Toggle — press to start, press to stop</source>
        <translation>Alternar: pulsar para empezar, pulsar para parar</translation>
    </message>
    <message>
        <source>Hands-free — stops when you pause</source>
        <translation>Manos libres: se detiene cuando hace una pausa</translation>
    </message>
    <message>
        <source>Top of the screen</source>
        <translation>Arriba de la pantalla</translation>
    </message>
    <message>
        <source>Bottom of the screen</source>
        <translation>Abajo de la pantalla</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Oculta</translation>
    </message>
    <message>
        <source>Keep everything</source>
        <translation>Conservar todo</translation>
    </message>
    <message>
        <source>Keep the last N days</source>
        <translation>Conservar los últimos N días</translation>
    </message>
    <message>
        <source>Keep the last N dictations</source>
        <translation>Conservar los últimos N dictados</translation>
    </message>
    <message>
        <source>Keep nothing</source>
        <translation>No conservar nada</translation>
    </message>
    <message>
        <source>Some settings are not valid; fix the fields marked in red.</source>
        <translation>Algunos ajustes no son válidos; corrija los campos marcados en rojo.</translation>
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
        <translation>Su escritorio no tiene bandeja del sistema (en GNOME, instale la extensión AppIndicator). Utter sigue funcionando con su atajo, esta ventana y la línea de órdenes (&lt;code&gt;utter toggle&lt;/code&gt;).</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Más acciones</translation>
    </message>
</context>
<context>
    <name>utter::ui::StyleEditor</name>
    <message>
        <source>Styles</source>
        <translation>Estilos</translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation>N&amp;uevo</translation>
    </message>
    <message>
        <source>Starts a new style of your own.</source>
        <translation>Crea un estilo propio nuevo.</translation>
    </message>
    <message>
        <source>Dupli&amp;cate</source>
        <translation>Dupli&amp;car</translation>
    </message>
    <message>
        <source>Starts a new style from a copy of the selected one.</source>
        <translation>Crea un estilo nuevo a partir de una copia del seleccionado.</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>E&amp;liminar</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>One line for menus and lists</source>
        <translation>Una línea para menús y listas</translation>
    </message>
    <message>
        <source>Descr&amp;iption:</source>
        <translation>Descr&amp;ipción:</translation>
    </message>
    <message>
        <source>Mod&amp;el:</source>
        <translation>Mod&amp;elo:</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminado</translation>
    </message>
    <message>
        <source>Tempe&amp;rature:</source>
        <translation>Tempe&amp;ratura:</translation>
    </message>
    <message>
        <source>From 0 (predictable) to 2 (inventive); empty for the default.</source>
        <translation>De 0 (predecible) a 2 (creativo); vacío para el valor predeterminado.</translation>
    </message>
    <message>
        <source>Time&amp;out (s):</source>
        <translation>Tiempo máximo (&amp;s):</translation>
    </message>
    <message>
        <source>Seconds before the raw transcript is delivered instead; empty for the timeout above.</source>
        <translation>Segundos antes de entregar la transcripción sin procesar en su lugar; vacío para el tiempo máximo de arriba.</translation>
    </message>
    <message>
        <source>Minimum word&amp;s:</source>
        <translation>Mínimo de pala&amp;bras:</translation>
    </message>
    <message>
        <source>Shorter texts are typed as spoken, without calling the style; empty for the default (3).</source>
        <translation>Los textos más cortos se escriben tal como se dictaron, sin llamar al estilo; vacío para el valor predeterminado (3).</translation>
    </message>
    <message>
        <source>What the style does, e.g. “Rewrite the text as a short, friendly chat message. Keep names and numbers exactly.”</source>
        <translation>Lo que hace el estilo, p. ej. «Reescribe el texto como un mensaje de chat breve y cordial. Mantén los nombres y los números exactos.»</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Instrucciones:</translation>
    </message>
    <message>
        <source>Discard c&amp;hanges</source>
        <translation>&amp;Descartar cambios</translation>
    </message>
    <message>
        <source>Save st&amp;yle</source>
        <translation>Guardar est&amp;ilo</translation>
    </message>
    <message>
        <source>%1 · built-in</source>
        <translation>%1 · integrado</translation>
    </message>
    <message>
        <source>%1 · your copy</source>
        <translation>%1 · su copia</translation>
    </message>
    <message>
        <source>“raw” types the transcript as spoken, without calling a style; there is nothing to edit.</source>
        <translation>«raw» escribe la transcripción tal como se dijo, sin estilo; no hay nada que editar.</translation>
    </message>
    <message>
        <source>A built-in style. Saving a change writes your own copy to the styles folder, which replaces the built-in; deleting the copy brings the built-in back.</source>
        <translation>Un estilo integrado. Al guardar un cambio se escribe su propia copia en la carpeta de estilos, que sustituye al integrado; al eliminar la copia vuelve el integrado.</translation>
    </message>
    <message>
        <source>Your copy of the built-in style, in %1. “Restore built-in” deletes the copy.</source>
        <translation>Su copia del estilo integrado, en %1. «Restaurar integrado» elimina la copia.</translation>
    </message>
    <message>
        <source>Stored in %1.</source>
        <translation>Guardado en %1.</translation>
    </message>
    <message>
        <source>Not saved yet: “Save style” writes it to the styles folder.</source>
        <translation>Aún no se ha guardado: «Guardar estilo» lo escribe en la carpeta de estilos.</translation>
    </message>
    <message>
        <source>Restore bui&amp;lt-in</source>
        <translation>Restaurar integrado (e&amp;liminar copia)</translation>
    </message>
    <message>
        <source>Built-in styles cannot be deleted.</source>
        <translation>Los estilos integrados no se pueden eliminar.</translation>
    </message>
    <message>
        <source>There is already a style called “%1”.</source>
        <translation>Ya existe un estilo llamado «%1».</translation>
    </message>
    <message>
        <source>Save or discard the changes to pick another style.</source>
        <translation>Guarde o descarte los cambios para elegir otro estilo.</translation>
    </message>
    <message>
        <source>%1 · new</source>
        <translation>%1 · nuevo</translation>
    </message>
    <message>
        <source>Delete your copy of “%1”? The built-in style applies again.</source>
        <translation>¿Eliminar su copia de «%1»? Se volverá a aplicar el estilo integrado.</translation>
    </message>
    <message>
        <source>Delete the style “%1”? Its file is removed from the styles folder.</source>
        <translation>¿Eliminar el estilo «%1»? Su archivo se quita de la carpeta de estilos.</translation>
    </message>
    <message>
        <source>Delete style</source>
        <translation>Eliminar estilo</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>No se eliminó nada.</translation>
    </message>
    <message>
        <source>The built-in “%1” applies again.</source>
        <translation>Se vuelve a aplicar el estilo integrado «%1».</translation>
    </message>
    <message>
        <source>“%1” was deleted.</source>
        <translation>Se eliminó «%1».</translation>
    </message>
    <message>
        <source>The style was not saved: fix the fields marked in red.</source>
        <translation>El estilo no se guardó: corrija los campos marcados en rojo.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Guardado en %1.</translation>
    </message>
    <message>
        <source>Leave it empty for the default.</source>
        <translation>Déjelo vacío para usar el valor predeterminado.</translation>
    </message>
    <message>
        <source>Default: the style model of the settings</source>
        <translation>Predeterminado: el modelo de estilo de los ajustes</translation>
    </message>
</context>
<context>
    <name>utter::ui::TrayController</name>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Escuchando</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>Transcribiendo</translation>
    </message>
    <message>
        <source>Applying style</source>
        <translation>Aplicando estilo</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Push to talk (hold the key)</source>
        <translation>Pulsar para hablar (mantener la tecla)</translation>
    </message>
    <message>
        <source>Toggle (press to start and stop)</source>
        <translation>Alternar (pulsar para empezar y parar)</translation>
    </message>
    <message>
        <source>Hands-free (stops when you pause)</source>
        <translation>Manos libres (se detiene al hacer una pausa)</translation>
    </message>
    <message>
        <source>Queued dictation delivered</source>
        <translation>Dictado en cola entregado</translation>
    </message>
    <message>
        <source>Could not change the mode</source>
        <translation>No se pudo cambiar el modo</translation>
    </message>
    <message>
        <source>None (raw transcript)</source>
        <translation>Ninguno (transcripción sin estilo)</translation>
    </message>
    <message>
        <source>Could not change the style</source>
        <translation>No se pudo cambiar el estilo</translation>
    </message>
    <message>
        <source>Style: %1</source>
        <translation>Estilo: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Last: %1</source>
        <translation>Último: %1</translation>
    </message>
    <message>
        <source>Dictation</source>
        <translation>Dictado</translation>
    </message>
    <message>
        <source>Dictation queued</source>
        <translation>Dictado en cola</translation>
    </message>
    <message>
        <source>Dictation failed</source>
        <translation>Falló el dictado</translation>
    </message>
    <message>
        <source>Something went wrong; see the log.</source>
        <translation>Algo salió mal; consulte el registro.</translation>
    </message>
    <message>
        <source>The dictation pipeline is not part of this build.</source>
        <translation>La cadena de dictado no forma parte de esta compilación.</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>&amp;Start dictation</source>
        <translation>&amp;Iniciar dictado</translation>
    </message>
    <message>
        <source>&amp;Cancel dictation</source>
        <translation>&amp;Cancelar dictado</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>&amp;Modo</translation>
    </message>
    <message>
        <source>St&amp;yle</source>
        <translation>&amp;Estilo</translation>
    </message>
    <message>
        <source>C&amp;opy last result</source>
        <translation>C&amp;opiar el último resultado</translation>
    </message>
    <message>
        <source>&amp;Recent dictations</source>
        <translation>Dictados &amp;recientes</translation>
    </message>
    <message>
        <source>Read &amp;back last result</source>
        <translation>&amp;Leer el último resultado</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historial…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>A&amp;justes…</translation>
    </message>
    <message>
        <source>&amp;Doctor…</source>
        <translation>&amp;Diagnóstico…</translation>
    </message>
    <message>
        <source>&amp;Pause hotkeys</source>
        <translation>&amp;Pausar atajos</translation>
    </message>
    <message>
        <source>&amp;Quit Utter</source>
        <translation>&amp;Salir de Utter</translation>
    </message>
    <message>
        <source>Nothing dictated yet</source>
        <translation>Aún no se ha dictado nada</translation>
    </message>
    <message>
        <source>Copy: %1</source>
        <translation>Copiar: %1</translation>
    </message>
    <message>
        <source>&amp;Stop dictation</source>
        <translation>Detener d&amp;ictado</translation>
    </message>
</context>
</TS>
