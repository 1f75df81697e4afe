<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>utter::EndpointHealth</name>
    <message>
        <source>Connected in %1 ms.</source>
        <translation>Connecté en %1 ms.</translation>
    </message>
    <message>
        <source>The server does not list the model “%1”; check the model name.</source>
        <translation>Le serveur ne liste pas le modèle « %1 » ; vérifiez le nom du modèle.</translation>
    </message>
    <message>
        <source>The hal0 slot is %1, so the first request waits for the model to load.</source>
        <translation>Le slot hal0 est %1 : la première requête attendra le chargement du modèle.</translation>
    </message>
</context>
<context>
    <name>utter::HttpEndpoint</name>
    <message>
        <source>&quot;%1&quot; is not HOST:PORT; use e.g. 127.0.0.1:8765 or [::1]:8765.</source>
        <translation>« %1 » n’est pas de la forme HÔTE:PORT ; utilisez par ex. 127.0.0.1:8765 ou [::1]:8765.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address; use a numeric address (or localhost) to listen on.</source>
        <translation>« %1 » n’est pas une adresse IP ; indiquez une adresse numérique (ou localhost) d’écoute.</translation>
    </message>
</context>
<context>
    <name>utter::KeySpec</name>
    <message>
        <source>No key given; write a key such as F9 or RightCtrl, or a chord such as Ctrl+Alt+Space.</source>
        <translation>Aucune touche indiquée ; écrivez une touche comme F9 ou RightCtrl, ou une combinaison comme Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has an empty part; separate keys with a single + as in Ctrl+Alt+Space.</source>
        <translation>« %1 » contient une partie vide ; séparez les touches par un seul + comme dans Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names %2 twice; list each modifier once.</source>
        <translation>« %1 » cite %2 deux fois ; indiquez chaque modificateur une seule fois.</translation>
    </message>
    <message>
        <source>Unknown key &quot;%1&quot; in &quot;%2&quot;; use names such as Ctrl, Alt, Shift, Meta, Space, Enter, F1–F24, A–Z, 0–9, Insert, Pause or RightCtrl.</source>
        <translation>Touche inconnue « %1 » dans « %2 » ; utilisez des noms comme Ctrl, Alt, Shift, Meta, Space, Enter, F1–F24, A–Z, 0–9, Insert, Pause ou RightCtrl.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has two keys (%2 and %3); a chord is modifiers plus exactly one key.</source>
        <translation>« %1 » contient deux touches (%2 et %3) ; une combinaison, ce sont des modificateurs plus une seule touche.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has only modifiers; add a key (Ctrl+Alt+Space), or use one side-specific modifier key on its own such as RightCtrl or RightAlt.</source>
        <translation>« %1 » ne contient que des modificateurs ; ajoutez une touche (Ctrl+Alt+Space) ou utilisez seul un modificateur d’un côté précis, comme RightCtrl ou RightAlt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a modifier key such as %2 works only on its own; write just %2, or pick a chord such as Ctrl+Alt+Space.</source>
        <translation>« %1 » : un modificateur comme %2 ne fonctionne que seul ; écrivez seulement %2 ou choisissez une combinaison comme Ctrl+Alt+Space.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; would take %2 away from typing in every application; add Ctrl, Alt or Meta (e.g. Ctrl+Alt+%2) or use a key such as F9, Pause or RightCtrl.</source>
        <translation>« %1 » retirerait %2 de la saisie dans toutes les applications ; ajoutez Ctrl, Alt ou Meta (par ex. Ctrl+Alt+%2) ou utilisez une touche comme F9, Pause ou RightCtrl.</translation>
    </message>
</context>
<context>
    <name>utter::Settings</name>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>un nombre entier de %1 à %2</translation>
    </message>
    <message>
        <source>a number from %1 to %2</source>
        <translation>un nombre de %1 à %2</translation>
    </message>
    <message>
        <source>text</source>
        <translation>du texte</translation>
    </message>
    <message>
        <source>non-empty text</source>
        <translation>un texte non vide</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>l’une des valeurs : %1</translation>
    </message>
    <message>
        <source>an http:// or https:// URL, or nothing</source>
        <translation>une URL http:// ou https://, ou rien</translation>
    </message>
    <message>
        <source>an http://, https://, ws:// or wss:// URL</source>
        <translation>une URL http://, https://, ws:// ou wss://</translation>
    </message>
    <message>
        <source>an http:// or https:// URL</source>
        <translation>une URL http:// ou https://</translation>
    </message>
    <message>
        <source>a comma-separated list</source>
        <translation>une liste séparée par des virgules</translation>
    </message>
    <message>
        <source>expected %1, found &quot;%2&quot;</source>
        <translation>attendu : %1, trouvé : « %2 »</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a two-letter language code such as en, de or fr (leave it empty to detect the language)</source>
        <translation>« %1 » n’est pas un code de langue à deux lettres comme en, de ou fr (laissez vide pour détecter la langue)</translation>
    </message>
    <message>
        <source>%1 is used by most applications; pick a key you do not type with, such as F9, Pause, RightCtrl or Ctrl+Alt+Space</source>
        <translation>%1 est utilisé par la plupart des applications ; choisissez une touche que vous ne tapez pas, comme F9, Pause, RightCtrl ou Ctrl+Alt+Space</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no fixed port; use a port from 1 to 65535, e.g. 127.0.0.1:8765</source>
        <translation>« %1 » n’a pas de port fixe ; utilisez un port de 1 à 65535, par ex. 127.0.0.1:8765</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not application=style (e.g. thunderbird=email)</source>
        <translation>« %1 » n’est pas de la forme application=style (par ex. thunderbird=email)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not from=&gt;to (e.g. utter=&gt;Utter)</source>
        <translation>« %1 » n’est pas de la forme de=&gt;vers (par ex. utter=&gt;Utter)</translation>
    </message>
    <message>
        <source>%1 is already %2; the two must differ</source>
        <translation>%1 est déjà %2 ; les deux doivent être différents</translation>
    </message>
    <message>
        <source>a two-letter language code such as en, or nothing to detect it</source>
        <translation>un code de langue à deux lettres comme en, ou rien pour la détecter</translation>
    </message>
    <message>
        <source>a key such as F9 or RightCtrl, or a chord such as Ctrl+Alt+Space</source>
        <translation>une touche comme F9 ou RightCtrl, ou une combinaison comme Ctrl+Alt+Space</translation>
    </message>
    <message>
        <source>a key such as F10 or a chord such as Ctrl+Alt+Backspace, or nothing for none</source>
        <translation>une touche comme F10 ou une combinaison comme Ctrl+Alt+Backspace, ou rien pour aucune</translation>
    </message>
    <message>
        <source>a comma-separated list of application=style</source>
        <translation>une liste de application=style séparés par des virgules</translation>
    </message>
    <message>
        <source>a comma-separated list of from=&gt;to</source>
        <translation>une liste de de=&gt;vers séparés par des virgules</translation>
    </message>
    <message>
        <source>HOST:PORT with a numeric address or localhost, e.g. 127.0.0.1:8765</source>
        <translation>HÔTE:PORT avec une adresse numérique ou localhost, par ex. 127.0.0.1:8765</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither auto nor a number of seconds from 0 to 600</source>
        <translation>« %1 » n’est ni auto ni un nombre de secondes entre 0 et 600</translation>
    </message>
    <message>
        <source>auto, or a number of seconds from 0 to 600</source>
        <translation>auto, ou un nombre de secondes entre 0 et 600</translation>
    </message>
    <message>
        <source>History is trimmed to this when Utter starts; a running Utter applies it at its next start.</source>
        <translation>L’historique est réduit à cela au démarrage d’Utter ; un Utter en cours l’applique à son prochain démarrage.</translation>
    </message>
    <message>
        <source>The HTTP API is opened when the service starts: restart Utter (or `utter --headless serve`) to apply this.</source>
        <translation>L’API HTTP est ouverte au démarrage du service : redémarrez Utter (ou `utter --headless serve`) pour l’appliquer.</translation>
    </message>
    <message>
        <source>The interface language changes when Utter is started again.</source>
        <translation>La langue de l’interface change au prochain démarrage d’Utter.</translation>
    </message>
</context>
<context>
    <name>utter::Style</name>
    <message>
        <source>The style needs a name.</source>
        <translation>Le style doit avoir un nom.</translation>
    </message>
    <message>
        <source>Use letters, digits, “-”, “_” and “.” in a style&apos;s name (it is the file name), starting with a letter or digit.</source>
        <translation>Utilisez des lettres, des chiffres, « - », « _ » et « . » dans le nom d’un style (c’est le nom du fichier), en commençant par une lettre ou un chiffre.</translation>
    </message>
    <message>
        <source>Use at most %1 characters for a style&apos;s name.</source>
        <translation>Le nom d’un style compte au plus %1 caractères.</translation>
    </message>
    <message>
        <source>The temperature must be a number from %1 to %2.</source>
        <translation>La température doit être un nombre de %1 à %2.</translation>
    </message>
    <message>
        <source>The timeout must be more than 0 and at most %1 seconds.</source>
        <translation>Le délai doit être supérieur à 0 et d’au plus %1 secondes.</translation>
    </message>
    <message>
        <source>The minimum number of words must be a whole number from %1 to %2.</source>
        <translation>Le nombre minimal de mots doit être un entier de %1 à %2.</translation>
    </message>
    <message>
        <source>The style needs a prompt; without one it works like raw.</source>
        <translation>Le style doit avoir un prompt ; sans lui, il agit comme « raw ».</translation>
    </message>
</context>
<context>
    <name>utter::ui::ArchiveTranscription</name>
    <message>
        <source>No speech was found in the recording.</source>
        <translation>Aucune parole n’a été trouvée dans l’enregistrement.</translation>
    </message>
</context>
<context>
    <name>utter::ui::AutoStart</name>
    <message>
        <source>Could not remove %1; delete it by hand.</source>
        <translation>Impossible de supprimer %1 ; supprimez-le à la main.</translation>
    </message>
    <message>
        <source>Could not write %1 (%2); check that the folder is writable.</source>
        <translation>Impossible d’écrire %1 (%2) ; vérifiez que le dossier est accessible en écriture.</translation>
    </message>
    <message>
        <source>Utter runs as a Flatpak and cannot add itself to your login items; add Utter in your desktop&apos;s startup applications instead.</source>
        <translation>Utter s’exécute en Flatpak et ne peut pas s’ajouter lui-même aux éléments de connexion ; ajoutez plutôt Utter aux applications de démarrage de votre bureau.</translation>
    </message>
</context>
<context>
    <name>utter::ui::DesktopApp</name>
    <message>
        <source>Start at login</source>
        <translation>Lancer à l’ouverture de session</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>History is not part of this build.</source>
        <translation>L’historique ne fait pas partie de cette version.</translation>
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
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignoré</translation>
    </message>
    <message>
        <source>Utter Doctor</source>
        <translation>Diagnostic Utter</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Vérifications</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation>&amp;Relancer</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>&amp;Copier le rapport</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Solution : %1</translation>
    </message>
    <message>
        <source>Fix…</source>
        <translation>Corriger…</translation>
    </message>
    <message>
        <source>Fix %1</source>
        <translation>Corriger %1</translation>
    </message>
    <message>
        <source>Everything Utter needs is in place.</source>
        <translation>Tout ce dont Utter a besoin est en place.</translation>
    </message>
    <message>
        <source>System tray</source>
        <translation>Zone de notification</translation>
    </message>
    <message>
        <source>The tray icon is shown.</source>
        <translation>L’icône est affichée dans la zone de notification.</translation>
    </message>
    <message>
        <source>This desktop has no system tray; Utter shows a small window instead.</source>
        <translation>Ce bureau n’a pas de zone de notification ; Utter affiche une petite fenêtre à la place.</translation>
    </message>
    <message>
        <source>On GNOME, install and enable the “AppIndicator and KStatusNotifierItem Support” extension, then restart Utter.</source>
        <translation>Sous GNOME, installez et activez l’extension « AppIndicator and KStatusNotifierItem Support », puis redémarrez Utter.</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Fichier de réglages</translation>
    </message>
    <message>
        <source>No problems.</source>
        <translation>Aucun problème.</translation>
    </message>
    <message>
        <source>Run “utter config check” for line numbers, or set the values again in the settings window.</source>
        <translation>Lancez « utter config check » pour les numéros de ligne, ou redéfinissez les valeurs dans la fenêtre des réglages.</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Trousseau</translation>
    </message>
    <message>
        <source>Install and unlock a Secret Service keychain (GNOME Keyring, KWallet) so API keys are not kept in a file.</source>
        <translation>Installez et déverrouillez un trousseau Secret Service (GNOME Keyring, KWallet) pour que les clés d’API ne soient pas gardées dans un fichier.</translation>
    </message>
    <message>
        <source>1 problem found. It says how to fix it.</source>
        <translation>1 problème trouvé. Il indique comment le corriger.</translation>
    </message>
    <message>
        <source>%1 problems found. Each one says how to fix it.</source>
        <translation>%1 problèmes trouvés. Chacun indique comment le corriger.</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>Déverrouiller…</translation>
    </message>
    <message>
        <source>Set up…</source>
        <translation>Configurer…</translation>
    </message>
    <message>
        <source>Unlock the keyring</source>
        <translation>Déverrouiller le trousseau</translation>
    </message>
    <message>
        <source>Set up a keyring</source>
        <translation>Configurer un trousseau</translation>
    </message>
    <message>
        <source>Waiting for the keyring&apos;s password prompt…</source>
        <translation>En attente de la demande de mot de passe du trousseau…</translation>
    </message>
    <message>
        <source>The keyring was not set up: %1</source>
        <translation>Le trousseau n’a pas été configuré : %1</translation>
    </message>
    <message>
        <source>Copy command</source>
        <translation>Copier la commande</translation>
    </message>
    <message>
        <source>Copy the install command: %1</source>
        <translation>Copier la commande d’installation : %1</translation>
    </message>
    <message>
        <source>“%1” is on the clipboard: paste it into a terminal, then log in again.</source>
        <translation>« %1 » est dans le presse-papiers : collez-le dans un terminal, puis reconnectez-vous.</translation>
    </message>
    <message>
        <source>Sound settings…</source>
        <translation>Réglages du son…</translation>
    </message>
    <message>
        <source>Open the system&apos;s sound input settings</source>
        <translation>Ouvrir les réglages d&apos;entrée audio du système</translation>
    </message>
    <message>
        <source>The system&apos;s sound settings did not open.</source>
        <translation>Les réglages du son du système ne se sont pas ouverts.</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Fournisseurs</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Hotkeys</source>
        <translation>Raccourcis</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Bureau</translation>
    </message>
</context>
<context>
    <name>utter::ui::HistoryModel</name>
    <message>
        <source>raw</source>
        <translation>brut</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
</context>
<context>
    <name>utter::ui::HistoryWindow</name>
    <message>
        <source>Utter History</source>
        <translation>Historique Utter</translation>
    </message>
    <message>
        <source>Search dictations…</source>
        <translation>Rechercher dans les dictées…</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>Rechercher dans l’historique</translation>
    </message>
    <message>
        <source>Dictations</source>
        <translation>Dictées</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Transcription</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>St&amp;yled text</source>
        <translation>Texte &amp;stylisé</translation>
    </message>
    <message>
        <source>Styled text</source>
        <translation>Texte stylisé</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Play audio</source>
        <translation>&amp;Écouter</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Export all…</source>
        <translation>&amp;Tout exporter…</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exporter l’historique</translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON (*.json);;CSV (*.csv)</source>
        <translation>Markdown (*.md);;JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>The audio of this dictation was not kept.</source>
        <translation>L’audio de cette dictée n’a pas été conservé.</translation>
    </message>
    <message>
        <source>No dictations yet.</source>
        <translation>Aucune dictée pour l’instant.</translation>
    </message>
    <message>
        <source>Nothing matches “%1”.</source>
        <translation>Aucun résultat pour « %1 ».</translation>
    </message>
    <message>
        <source>(no style was applied)</source>
        <translation>(aucun style appliqué)</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>Copié.</translation>
    </message>
    <message>
        <source>Delete dictation</source>
        <translation>Supprimer la dictée</translation>
    </message>
    <message>
        <source>Delete this dictation and its audio? This cannot be undone.</source>
        <translation>Supprimer cette dictée et son audio ? Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Supprimé.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossible de lire %1.</translation>
    </message>
    <message>
        <source>Pick a .md, .json or .csv file name.</source>
        <translation>Choisissez un nom de fichier en .md, .json ou .csv.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exporté vers %1.</translation>
    </message>
    <message>
        <source>&amp;Re-transcribe</source>
        <translation>&amp;Retranscrire</translation>
    </message>
    <message>
        <source>Transcribes the archived audio again with the current settings; the result is shown next to this one and saved only if you ask.</source>
        <translation>Retranscrit l’audio archivé avec les réglages actuels ; le résultat s’affiche à côté de celui-ci et n’est enregistré que si vous le demandez.</translation>
    </message>
    <message>
        <source>Re-&amp;style</source>
        <translation>Changer de &amp;style</translation>
    </message>
    <message>
        <source>Applies a style to the transcript; the result is shown next to this one and saved only if you ask.</source>
        <translation>Applique un style à la transcription ; le résultat s’affiche à côté de celle-ci et n’est enregistré que si vous le demandez.</translation>
    </message>
    <message>
        <source>Held back</source>
        <translation>Retenu</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Whisper: no speech (p=%1)</source>
        <translation>Whisper : pas de parole (p=%1)</translation>
    </message>
    <message>
        <source>Whisper: no speech</source>
        <translation>Whisper : pas de parole</translation>
    </message>
    <message>
        <source>phantom phrase</source>
        <translation>phrase fantôme</translation>
    </message>
    <message>
        <source>echoes the prompt</source>
        <translation>répète l’invite</translation>
    </message>
    <message>
        <source>repetition loop</source>
        <translation>boucle de répétition</translation>
    </message>
    <message>
        <source>no voice</source>
        <translation>pas de voix</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>“%1” (%2)</source>
        <translation>« %1 » (%2)</translation>
    </message>
    <message>
        <source>Not uploaded: 1 sound without a voice</source>
        <translation>Non envoyé : 1 son sans voix</translation>
    </message>
    <message>
        <source>Not uploaded: %1 sounds without a voice</source>
        <translation>Non envoyés : %1 sons sans voix</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Not typed: %1</source>
        <translation>Non saisi : %1</translation>
    </message>
    <message>
        <source>; </source>
        <translation> ; </translation>
    </message>
</context>
<context>
    <name>utter::ui::KeyCaptureWidget</name>
    <message>
        <source>Activate, then press the key or key combination to use.</source>
        <translation>Activez, puis appuyez sur la touche ou la combinaison à utiliser.</translation>
    </message>
    <message>
        <source>That key cannot be used as a hotkey; try a function key or a chord such as Ctrl+Alt+Space.</source>
        <translation>Cette touche ne peut pas servir de raccourci ; essayez une touche de fonction ou une combinaison comme Ctrl+Alt+Espace.</translation>
    </message>
    <message>
        <source>Press a key or combination… (Esc cancels)</source>
        <translation>Appuyez sur une touche ou une combinaison… (Échap annule)</translation>
    </message>
    <message>
        <source>None — click to record</source>
        <translation>Aucune — cliquez pour enregistrer</translation>
    </message>
    <message>
        <source>Hotkey: %1</source>
        <translation>Raccourci : %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
</context>
<context>
    <name>utter::ui::LevelMeterWidget</name>
    <message>
        <source>Input level</source>
        <translation>Niveau d’entrée</translation>
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
        <translation>Tester le &amp;microphone</translation>
    </message>
    <message>
        <source>Records four seconds and shows what Utter heard.</source>
        <translation>Enregistre quatre secondes et affiche ce qu’Utter a entendu.</translation>
    </message>
    <message>
        <source>What Utter heard</source>
        <translation>Ce qu’Utter a entendu</translation>
    </message>
    <message>
        <source>Recording — say a sentence…</source>
        <translation>Enregistrement — dites une phrase…</translation>
    </message>
    <message>
        <source>No sound arrived from this microphone. Check that it is not muted.</source>
        <translation>Aucun son n’est arrivé de ce microphone. Vérifiez qu’il n’est pas coupé.</translation>
    </message>
    <message>
        <source>Recorded %1 s; no transcription endpoint is configured.</source>
        <translation>%1 s enregistrées ; aucun service de transcription n’est configuré.</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcription…</translation>
    </message>
    <message>
        <source>Utter heard no words. Speak a little louder or move closer.</source>
        <translation>Utter n’a entendu aucun mot. Parlez un peu plus fort ou rapprochez-vous.</translation>
    </message>
    <message>
        <source>Utter heard: “%1”</source>
        <translation>Utter a entendu : « %1 »</translation>
    </message>
</context>
<context>
    <name>utter::ui::OnboardingWizard</name>
    <message>
        <source>Welcome to Utter</source>
        <translation>Bienvenue dans Utter</translation>
    </message>
    <message>
        <source>S&amp;kip setup</source>
        <translation>I&amp;gnorer la configuration</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Clé :</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Speak and watch the level; then test what Utter hears.</source>
        <translation>Parlez et observez le niveau ; puis testez ce qu’Utter entend.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Défaut du système</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>&amp;Entrée :</translation>
    </message>
    <message>
        <source>Dictation key</source>
        <translation>Touche de dictée</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Mode :</translation>
    </message>
    <message>
        <source>%1 it is.</source>
        <translation>Ce sera %1.</translation>
    </message>
    <message>
        <source>macOS asks for two permissions: &lt;b&gt;Microphone&lt;/b&gt; (the first time you dictate) and &lt;b&gt;Accessibility&lt;/b&gt; (so Utter can type). Allow both in System Settings → Privacy &amp; Security, then restart Utter.</source>
        <translation>macOS demande deux autorisations : &lt;b&gt;Microphone&lt;/b&gt; (à la première dictée) et &lt;b&gt;Accessibilité&lt;/b&gt; (pour qu’Utter puisse taper). Autorisez-les dans Réglages Système → Confidentialité et sécurité, puis redémarrez Utter.</translation>
    </message>
    <message>
        <source>Windows needs nothing more. Utter cannot type into programs running as administrator unless it runs as administrator too.</source>
        <translation>Windows n’a besoin de rien d’autre. Utter ne peut pas taper dans les programmes lancés en administrateur, sauf s’il l’est aussi.</translation>
    </message>
    <message>
        <source>On Wayland, applications cannot grab keys or type for themselves. If your desktop offers the Global Shortcuts portal, Utter asks for your key there. Otherwise bind a key in your compositor to run &lt;code&gt;utter toggle&lt;/code&gt; (or &lt;code&gt;utter begin&lt;/code&gt; on press and &lt;code&gt;utter end&lt;/code&gt; on release). Run &lt;code&gt;utter doctor&lt;/code&gt; for the exact lines for your desktop.</source>
        <translation>Sous Wayland, les applications ne peuvent ni capturer des touches ni taper elles-mêmes. Si votre bureau propose le portail Global Shortcuts, Utter y demande votre touche. Sinon, associez dans votre compositeur une touche à &lt;code&gt;utter toggle&lt;/code&gt; (ou &lt;code&gt;utter begin&lt;/code&gt; à l’appui et &lt;code&gt;utter end&lt;/code&gt; au relâchement). Lancez &lt;code&gt;utter doctor&lt;/code&gt; pour les lignes exactes pour votre bureau.</translation>
    </message>
    <message>
        <source>Nothing to do on X11: Utter can grab your key and type directly.</source>
        <translation>Rien à faire sous X11 : Utter peut capturer votre touche et taper directement.</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Autorisations</translation>
    </message>
    <message>
        <source>What your system needs to allow.</source>
        <translation>Ce que votre système doit autoriser.</translation>
    </message>
    <message>
        <source>Utter lives in the tray from now on.</source>
        <translation>Utter vit désormais dans la zone de notification.</translation>
    </message>
    <message>
        <source>The key name &quot;%1&quot; in the settings is not valid.</source>
        <translation>Le nom de clé « %1 » dans les réglages n’est pas valide.</translation>
    </message>
    <message>
        <source>Key saved in the %1.</source>
        <translation>Clé enregistrée dans le %1.</translation>
    </message>
    <message>
        <source>The key was not stored</source>
        <translation>La clé n’a pas été enregistrée</translation>
    </message>
    <message>
        <source>Key in use; storing it in the keychain…</source>
        <translation>Clé utilisée ; enregistrement dans le trousseau…</translation>
    </message>
    <message>
        <source>Utter setup</source>
        <translation>Configuration d&apos;Utter</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>Close setup</source>
        <translation>Fermer la configuration</translation>
    </message>
    <message>
        <source>Skip setup</source>
        <translation>Passer la configuration</translation>
    </message>
    <message>
        <source>Speak, and your words appear where you type</source>
        <translation>Parlez, vos mots s&apos;écrivent là où vous tapez</translation>
    </message>
    <message>
        <source>Two minutes of setup: a speech service, your microphone, your dictation key.</source>
        <translation>Deux minutes de configuration : un service de reconnaissance vocale, votre micro, votre touche de dictée.</translation>
    </message>
    <message>
        <source>Utter logo</source>
        <translation>Logo d&apos;Utter</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;font-size:large&quot;&gt;&lt;b&gt;Utter&lt;/b&gt; — dictation for every application.&lt;/p&gt;&lt;p&gt;Press your key, speak, and the text is typed where your cursor is: in the browser, the terminal, the mail client. Fast, exact, and nothing is lost: each recording is saved before it is sent.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;font-size:large&quot;&gt;&lt;b&gt;Utter&lt;/b&gt; — la dictée dans toutes les applications.&lt;/p&gt;&lt;p&gt;Appuyez sur votre touche, parlez, et le texte est tapé là où se trouve votre curseur : dans le navigateur, le terminal, la messagerie. Rapide, exact, et rien ne se perd : chaque enregistrement est sauvegardé avant d&apos;être envoyé.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Each step can be skipped with &lt;b&gt;Next&lt;/b&gt;, and you can run this setup again at any time from Settings.</source>
        <translation>Chaque étape peut être passée avec &lt;b&gt;Suivant&lt;/b&gt;, et vous pouvez relancer cette configuration à tout moment depuis les Paramètres.</translation>
    </message>
    <message>
        <source>Speech-to-text service</source>
        <translation>Service de reconnaissance vocale</translation>
    </message>
    <message>
        <source>Where Utter sends your voice to be written down.</source>
        <translation>Où Utter envoie votre voix pour la transcrire.</translation>
    </message>
    <message>
        <source>&amp;Groq — hosted Whisper, fast and accurate (free key)</source>
        <translation>&amp;Groq — Whisper hébergé, rapide et précis (clé gratuite)</translation>
    </message>
    <message>
        <source>My &amp;own server — hal0, speaches, whisper.cpp server or any OpenAI-compatible service</source>
        <translation>Mon &amp;propre serveur — hal0, speaches, serveur whisper.cpp ou tout service compatible OpenAI</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>The base URL of the OpenAI-compatible API, ending in /v1 — e.g. http://localhost:8000/v1 (speaches), http://127.0.0.1:8080/v1 (whisper.cpp server) or your hal0 address.</source>
        <translation>L&apos;URL de base de l&apos;API compatible OpenAI, se terminant par /v1 — p. ex. http://localhost:8000/v1 (speaches), http://127.0.0.1:8080/v1 (serveur whisper.cpp) ou votre adresse hal0.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation>M&amp;odèle :</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d&apos;API</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Tester</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Résultat du test</translation>
    </message>
    <message>
        <source>Utter sends audio to &lt;code&gt;ADDRESS/audio/transcriptions&lt;/code&gt; and checks &lt;code&gt;ADDRESS/models&lt;/code&gt;. A key is needed only if your server asks for one.</source>
        <translation>Utter envoie l&apos;audio à &lt;code&gt;ADDRESS/audio/transcriptions&lt;/code&gt; et vérifie &lt;code&gt;ADDRESS/models&lt;/code&gt;. Une clé n&apos;est nécessaire que si votre serveur en demande une.</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>&amp;Key (optional):</source>
        <translation>&amp;Clé (facultative) :</translation>
    </message>
    <message>
        <source>Create a free key at &lt;a href=&quot;https://console.groq.com/keys&quot;&gt;console.groq.com/keys&lt;/a&gt; and paste it here. It is stored in your system keychain, never in a settings file.</source>
        <translation>Créez une clé gratuite sur &lt;a href=&quot;https://console.groq.com/keys&quot;&gt;console.groq.com/keys&lt;/a&gt; et collez-la ici. Elle est conservée dans le trousseau de votre système, jamais dans un fichier de paramètres.</translation>
    </message>
    <message>
        <source>a key is stored; paste another to replace it</source>
        <translation>une clé est enregistrée ; collez-en une autre pour la remplacer</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as http://localhost:8000/v1.</source>
        <translation>Saisissez l&apos;adresse du serveur, par exemple http://localhost:8000/v1.</translation>
    </message>
    <message>
        <source>Keep the microphone &amp;ready between dictations</source>
        <translation>Garder le micro &amp;prêt entre les dictées</translation>
    </message>
    <message>
        <source>&lt;b&gt;On:&lt;/b&gt; recording starts the instant you press the key and includes the half second before it, so no first word is ever cut — but your desktop shows the microphone as in use all the time (nothing leaves your computer until you press the key). &lt;b&gt;Off:&lt;/b&gt; the microphone opens only when you press the key (about %1 ms later) and the indicator shows only while you dictate.</source>
        <translation>&lt;b&gt;Activé :&lt;/b&gt; l&apos;enregistrement commence dès que vous appuyez sur la touche et inclut la demi-seconde précédente, aucun premier mot n&apos;est donc coupé — mais votre bureau indique que le micro est utilisé en permanence (rien ne quitte votre ordinateur avant l&apos;appui sur la touche). &lt;b&gt;Désactivé :&lt;/b&gt; le micro ne s&apos;ouvre qu&apos;à l&apos;appui sur la touche (environ %1 ms plus tard) et l&apos;indicateur ne s&apos;affiche que pendant la dictée.</translation>
    </message>
    <message>
        <source>Choose how you start and stop dictating, then try the key.</source>
        <translation>Choisissez comment démarrer et arrêter la dictée, puis essayez la touche.</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>To change it, activate the key field, then press the key or combination you want.</source>
        <translation>Pour la changer, activez le champ de touche, puis appuyez sur la touche ou la combinaison voulue.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>Vérification :</translation>
    </message>
    <message>
        <source>Utter heard you press %1. That is your dictation key.</source>
        <translation>Utter vous a entendu appuyer sur %1. C&apos;est votre touche de dictée.</translation>
    </message>
    <message>
        <source>No key is set: dictate from the tray menu or with `utter toggle`.</source>
        <translation>Aucune touche définie : dictez depuis le menu de la zone de notification ou avec `utter toggle`.</translation>
    </message>
    <message>
        <source>Utter&apos;s service is not running here, so the key cannot be tried now.</source>
        <translation>Le service d&apos;Utter ne tourne pas ici, la touche ne peut donc pas être essayée maintenant.</translation>
    </message>
    <message>
        <source>This desktop does not let Utter grab keys; see the next page.</source>
        <translation>Ce bureau ne permet pas à Utter de capturer des touches ; voir la page suivante.</translation>
    </message>
    <message>
        <source>Grabbing %1…</source>
        <translation>Capture de %1…</translation>
    </message>
    <message>
        <source>Not active: %1</source>
        <translation>Inactive : %1</translation>
    </message>
    <message>
        <source>Utter holds %1. Press it now to check — nothing is recorded on this page.</source>
        <translation>Utter détient %1. Appuyez dessus maintenant pour vérifier — rien n&apos;est enregistré sur cette page.</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>Essayer</translation>
    </message>
    <message>
        <source>Dictate into the field below, exactly as you will everywhere else.</source>
        <translation>Dictez dans le champ ci-dessous, exactement comme partout ailleurs.</translation>
    </message>
    <message>
        <source>Test field</source>
        <translation>Champ de test</translation>
    </message>
    <message>
        <source>Click here, then dictate: say “Hello from Utter.”</source>
        <translation>Cliquez ici, puis dictez : dites « Bonjour d&apos;Utter. »</translation>
    </message>
    <message>
        <source>Text arrived. Utter types the same way into any application.</source>
        <translation>Le texte est arrivé. Utter tape de la même façon dans toute application.</translation>
    </message>
    <message>
        <source>You are ready</source>
        <translation>Vous êtes prêt</translation>
    </message>
    <message>
        <source>The tray menu has your recent dictations, styles, History, Settings and &lt;b&gt;Doctor…&lt;/b&gt;, which checks everything when something does not work. This setup is under Settings → &lt;b&gt;Run setup again&lt;/b&gt;.</source>
        <translation>Le menu de la zone de notification contient vos dernières dictées, les styles, l&apos;Historique, les Paramètres et &lt;b&gt;Diagnostic…&lt;/b&gt;, qui vérifie tout quand quelque chose ne fonctionne pas. Cette configuration se trouve dans Paramètres → &lt;b&gt;Relancer la configuration&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>No dictation key is set. Start and stop dictating from the tray menu, or bind a key of your desktop to &lt;code&gt;utter toggle&lt;/code&gt;.</source>
        <translation>Aucune touche de dictée n&apos;est définie. Démarrez et arrêtez la dictée depuis le menu de la zone de notification, ou associez une touche de votre bureau à &lt;code&gt;utter toggle&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Press %1&lt;/b&gt;, speak, and &lt;b&gt;press %1 again&lt;/b&gt;. The text is typed where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Appuyez sur %1&lt;/b&gt;, parlez, puis &lt;b&gt;appuyez à nouveau sur %1&lt;/b&gt;. Le texte est tapé là où se trouve votre curseur, dans toute application.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Press %1&lt;/b&gt; and speak. Utter stops by itself when you pause, and types the text where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Appuyez sur %1&lt;/b&gt; et parlez. Utter s&apos;arrête tout seul quand vous faites une pause et tape le texte là où se trouve votre curseur, dans toute application.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Hold %1&lt;/b&gt;, speak, and &lt;b&gt;let go&lt;/b&gt;. The text is typed where your cursor is, in any application.</source>
        <translation>&lt;b&gt;Maintenez %1&lt;/b&gt;, parlez, puis &lt;b&gt;relâchez&lt;/b&gt;. Le texte est tapé là où se trouve votre curseur, dans toute application.</translation>
    </message>
    <message>
        <source>Changed your mind? %1 throws the dictation away.</source>
        <translation>Vous avez changé d&apos;avis ? %1 abandonne la dictée.</translation>
    </message>
</context>
<context>
    <name>utter::ui::QueuedNotice</name>
    <message>
        <source>Queued — waiting for the network</source>
        <translation>En attente — attend le réseau</translation>
    </message>
    <message>
        <source>Queued — will finish when the network is back</source>
        <translation>En attente — se terminera au retour du réseau</translation>
    </message>
    <message>
        <source>There is no network connection. Your recording is saved and will be transcribed when the connection is back.</source>
        <translation>Aucune connexion réseau. Votre enregistrement est conservé et sera transcrit au retour de la connexion.</translation>
    </message>
    <message>
        <source>Queued — waiting for the provider</source>
        <translation>En attente — attend le fournisseur</translation>
    </message>
    <message>
        <source>Queued — will finish when the provider answers</source>
        <translation>En attente — se terminera quand le fournisseur répondra</translation>
    </message>
    <message>
        <source>The transcription provider is not answering.</source>
        <translation>Le fournisseur de transcription ne répond pas.</translation>
    </message>
    <message>
        <source>Your recording is saved and will be transcribed when the provider answers again.</source>
        <translation>Votre enregistrement est conservé et sera transcrit quand le fournisseur répondra de nouveau.</translation>
    </message>
</context>
<context>
    <name>utter::ui::RecordingOverlay</name>
    <message>
        <source>Dictation overlay</source>
        <translation>Fenêtre de dictée</translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation>Temps écoulé</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>À l’écoute</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Transcription…</translation>
    </message>
    <message>
        <source>Applying style…</source>
        <translation>Application du style…</translation>
    </message>
    <message>
        <source>Typing…</source>
        <translation>Saisie…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Queued — will finish when the provider answers</source>
        <translation>En attente — se terminera quand le fournisseur répondra</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Transcription en direct</translation>
    </message>
</context>
<context>
    <name>utter::ui::ReprocessPanel</name>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>New text</source>
        <translation>Nouveau texte</translation>
    </message>
    <message>
        <source>C&amp;opy new text</source>
        <translation>C&amp;opier le nouveau texte</translation>
    </message>
    <message>
        <source>Save as &amp;new dictation</source>
        <translation>Enregistrer comme &amp;nouvelle dictée</translation>
    </message>
    <message>
        <source>Adds the new text to the history as a dictation of its own; this one stays as it is.</source>
        <translation>Ajoute le nouveau texte à l’historique comme une dictée à part ; celle-ci reste telle quelle.</translation>
    </message>
    <message>
        <source>From the dictation of %1.</source>
        <translation>À partir de la dictée du %1.</translation>
    </message>
    <message>
        <source>The dictation service is not available, so nothing can be transcribed.</source>
        <translation>Le service de dictée n’est pas disponible ; rien ne peut être transcrit.</translation>
    </message>
    <message>
        <source>The audio of this dictation was not kept, so it cannot be transcribed again. New dictations keep it while Settings → History → “Keep the audio of each dictation” is on.</source>
        <translation>L’audio de cette dictée n’a pas été conservé ; elle ne peut pas être retranscrite. Les nouvelles dictées le conservent tant que Paramètres → Historique → « Conserver l’audio de chaque dictée » est activé.</translation>
    </message>
    <message>
        <source>The audio of this dictation is gone from %1, so it cannot be transcribed again.</source>
        <translation>L’audio de cette dictée n’est plus dans %1 ; elle ne peut pas être retranscrite.</translation>
    </message>
    <message>
        <source>%1 of %2 parts transcribed</source>
        <translation>%1 parties sur %2 transcrites</translation>
    </message>
    <message>
        <source>Transcribing part %1 of %2 with the current transcription settings…</source>
        <translation>Transcription de la partie %1 sur %2 avec les réglages de transcription actuels…</translation>
    </message>
    <message>
        <source>The dictation service is not available, so no style can run.</source>
        <translation>Le service de dictée n’est pas disponible ; aucun style ne peut être appliqué.</translation>
    </message>
    <message>
        <source>This dictation has no transcript to style.</source>
        <translation>Cette dictée n’a pas de transcription à laquelle appliquer un style.</translation>
    </message>
    <message>
        <source>Styling the transcript…</source>
        <translation>Application du style à la transcription…</translation>
    </message>
    <message>
        <source>Not saved yet. You can edit it before you copy or save it.</source>
        <translation>Pas encore enregistré. Vous pouvez le modifier avant de le copier ou de l’enregistrer.</translation>
    </message>
    <message>
        <source>The dictation itself is unchanged.</source>
        <translation>La dictée elle-même n’a pas changé.</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Closes this column; an unsaved new text is dropped.</source>
        <translation>Ferme cette colonne ; un nouveau texte non enregistré est abandonné.</translation>
    </message>
    <message>
        <source>New text copied.</source>
        <translation>Nouveau texte copié.</translation>
    </message>
    <message>
        <source>There is no new text to save.</source>
        <translation>Il n’y a pas de nouveau texte à enregistrer.</translation>
    </message>
    <message>
        <source>Saved as a new dictation.</source>
        <translation>Enregistré comme nouvelle dictée.</translation>
    </message>
    <message>
        <source>The text is shorter than this style&apos;s minimum, so it was left as it was.</source>
        <translation>Le texte est plus court que le minimum de ce style ; il est resté inchangé.</translation>
    </message>
    <message>
        <source>The new text appears here.</source>
        <translation>Le nouveau texte s’affichera ici.</translation>
    </message>
    <message>
        <source>New transcript</source>
        <translation>Nouvelle transcription</translation>
    </message>
    <message>
        <source>Styled with “%1”</source>
        <translation>Style « %1 » appliqué</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Utter heard no voice in this dictation, so none of it was uploaded, and sound without a voice is not kept: there is nothing to transcribe again.</source>
        <translation>Utter n’a entendu aucune voix dans cette dictée : rien n’en a été envoyé, et les sons sans voix ne sont pas conservés. Il n’y a rien à transcrire de nouveau.</translation>
    </message>
</context>
<context>
    <name>utter::ui::SettingsDialog</name>
    <message>
        <source>Utter Settings</source>
        <translation>Réglages d’Utter</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Sections des réglages</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Dictation &amp;mode:</source>
        <translation>&amp;Mode de dictée :</translation>
    </message>
    <message>
        <source>&amp;Spoken language:</source>
        <translation>Langue &amp;parlée :</translation>
    </message>
    <message>
        <source>Two-letter code such as en, de or fr; leave empty to detect it.</source>
        <translation>Code à deux lettres comme en, de ou fr ; laissez vide pour la détecter.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>Langue de l’&amp;interface :</translation>
    </message>
    <message>
        <source>Start Utter when I log in</source>
        <translation>Lancer Utter à l’ouverture de session</translation>
    </message>
    <message>
        <source>&amp;Overlay:</source>
        <translation>&amp;Fenêtre de dictée :</translation>
    </message>
    <message>
        <source>Play sounds when dictation starts, stops or fails</source>
        <translation>Jouer un son au début, à la fin ou en cas d’échec d’une dictée</translation>
    </message>
    <message>
        <source>Sound &amp;volume (%):</source>
        <translation>&amp;Volume (%) :</translation>
    </message>
    <message>
        <source>Hotkeys</source>
        <translation>Raccourcis</translation>
    </message>
    <message>
        <source>&amp;Dictation key:</source>
        <translation>Touche de &amp;dictée :</translation>
    </message>
    <message>
        <source>Click, then press a key (F9, RightCtrl) or a combination (Ctrl+Alt+Space).</source>
        <translation>Cliquez, puis appuyez sur une touche (F9, RightCtrl) ou une combinaison (Ctrl+Alt+Space).</translation>
    </message>
    <message>
        <source>&amp;Cancel key:</source>
        <translation>Touche d’&amp;annulation :</translation>
    </message>
    <message>
        <source>Discards the current dictation. Backspace clears it.</source>
        <translation>Abandonne la dictée en cours. Retour arrière l’efface.</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Défaut du système</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (par défaut)</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Microphone :</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (non connecté)</translation>
    </message>
    <message>
        <source>Voice &amp;sensitivity:</source>
        <translation>&amp;Sensibilité de la voix :</translation>
    </message>
    <message>
        <source>0 = only loud speech counts, 1 = everything above the noise floor.</source>
        <translation>0 = seule la parole forte compte, 1 = tout ce qui dépasse le bruit de fond.</translation>
    </message>
    <message>
        <source>&amp;Pre-roll (ms):</source>
        <translation>&amp;Pré-enregistrement (ms) :</translation>
    </message>
    <message>
        <source>Audio kept from just before the key press, so the first word is never cut.</source>
        <translation>Audio conservé juste avant l’appui sur la touche, pour ne jamais couper le premier mot.</translation>
    </message>
    <message>
        <source>&amp;Hands-free stop after (ms):</source>
        <translation>Arrêt &amp;mains libres après (ms) :</translation>
    </message>
    <message>
        <source>Shortest &amp;pause (ms):</source>
        <translation>&amp;Pause la plus courte (ms) :</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Fournisseurs</translation>
    </message>
    <message>
        <source>Transcription &amp;URL:</source>
        <translation>&amp;URL de transcription :</translation>
    </message>
    <message>
        <source>Transcription &amp;model:</source>
        <translation>&amp;Modèle de transcription :</translation>
    </message>
    <message>
        <source>Transcription &amp;key:</source>
        <translation>&amp;Clé de transcription :</translation>
    </message>
    <message>
        <source>&amp;Fallback URL:</source>
        <translation>URL de &amp;secours :</translation>
    </message>
    <message>
        <source>Used when the primary fails; leave empty for none.</source>
        <translation>Utilisée si le service principal échoue ; laissez vide pour aucune.</translation>
    </message>
    <message>
        <source>https:// uploads chunks at your pauses (Groq: $0.04 per hour, at least 10 s per request). A wss:// URL streams instead, so words appear while you speak (OpenAI Realtime: wss://api.openai.com/v1 with gpt-4o-transcribe, $0.006 per minute, or gpt-4o-mini-transcribe, $0.003): everything the microphone records during a dictation is sent as it is captured, pauses included, and billed per second.</source>
        <translation>https:// envoie des segments à chaque pause (Groq : 0,04 $ de l’heure, au moins 10 s par requête). Une URL wss:// diffuse en continu, pour que les mots apparaissent pendant que vous parlez (OpenAI Realtime : wss://api.openai.com/v1 avec gpt-4o-transcribe, 0,006 $ la minute, ou gpt-4o-mini-transcribe, 0,003 $) : tout ce que le micro enregistre pendant une dictée est envoyé au fur et à mesure, pauses comprises, et facturé à la seconde.</translation>
    </message>
    <message>
        <source>Fallback m&amp;odel:</source>
        <translation>M&amp;odèle de secours :</translation>
    </message>
    <message>
        <source>Fallback k&amp;ey:</source>
        <translation>Cl&amp;é de secours :</translation>
    </message>
    <message>
        <source>&amp;Read-back URL:</source>
        <translation>URL de &amp;lecture :</translation>
    </message>
    <message>
        <source>An /v1/audio/speech endpoint for &quot;Read back last result&quot;; empty turns it off.</source>
        <translation>Un point d’accès /v1/audio/speech pour « Relire le dernier résultat » ; vide le désactive.</translation>
    </message>
    <message>
        <source>Read-back &amp;voice:</source>
        <translation>&amp;Voix de lecture :</translation>
    </message>
    <message>
        <source>Styles</source>
        <translation>Styles</translation>
    </message>
    <message>
        <source>&amp;Default style:</source>
        <translation>Style par &amp;défaut :</translation>
    </message>
    <message>
        <source>&quot;raw&quot; types the transcript as spoken; a style rewrites it (e.g. email, notes).</source>
        <translation>« raw » tape la transcription telle quelle ; un style la réécrit (par ex. email, notes).</translation>
    </message>
    <message>
        <source>Style &amp;URL:</source>
        <translation>&amp;URL des styles :</translation>
    </message>
    <message>
        <source>Style &amp;model:</source>
        <translation>&amp;Modèle des styles :</translation>
    </message>
    <message>
        <source>Style &amp;key:</source>
        <translation>&amp;Clé des styles :</translation>
    </message>
    <message>
        <source>&amp;Timeout (s):</source>
        <translation>&amp;Délai (s) :</translation>
    </message>
    <message>
        <source>After this long the raw transcript is delivered instead.</source>
        <translation>Passé ce délai, la transcription brute est livrée à la place.</translation>
    </message>
    <message>
        <source>Per-&amp;application styles:</source>
        <translation>Styles par &amp;application :</translation>
    </message>
    <message>
        <source>One rule per line as application=style, e.g. thunderbird=email. First match wins.</source>
        <translation>Une règle par ligne sous la forme application=style, par ex. thunderbird=email. La première correspondance l’emporte.</translation>
    </message>
    <message>
        <source>&amp;Vocabulary:</source>
        <translation>&amp;Vocabulaire :</translation>
    </message>
    <message>
        <source>Names and terms the transcriber should spell right, one per line.</source>
        <translation>Noms et termes à bien orthographier, un par ligne.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>&amp;Methods in order:</source>
        <translation>&amp;Méthodes dans l’ordre :</translation>
    </message>
    <message>
        <source>One per line, tried top to bottom; &quot;auto&quot; uses the best chain for this desktop.</source>
        <translation>Une par ligne, essayées de haut en bas ; « auto » utilise la meilleure chaîne pour ce bureau.</translation>
    </message>
    <message>
        <source>Restore my clipboard after pasting</source>
        <translation>Restaurer mon presse-papiers après le collage</translation>
    </message>
    <message>
        <source>Press Enter after inserting the text</source>
        <translation>Appuyer sur Entrée après l’insertion du texte</translation>
    </message>
    <message>
        <source>&amp;Replacements:</source>
        <translation>&amp;Remplacements :</translation>
    </message>
    <message>
        <source>One per line as from=&gt;to, applied to every transcript.</source>
        <translation>Un par ligne sous la forme de=&gt;vers, appliqué à chaque transcription.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>&amp;Conserver :</translation>
    </message>
    <message>
        <source>&amp;N:</source>
        <translation>&amp;N :</translation>
    </message>
    <message>
        <source>Days or dictations, for the &quot;last N&quot; choices.</source>
        <translation>Jours ou dictées, pour les choix « les N derniers ».</translation>
    </message>
    <message>
        <source>Keep the audio of each dictation</source>
        <translation>Conserver l’audio de chaque dictée</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>Serve the HTTP API</source>
        <translation>Servir l’API HTTP</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <source>HOST:PORT; loopback unless you allow remote.</source>
        <translation>HÔTE:PORT ; boucle locale sauf si vous autorisez l’accès distant.</translation>
    </message>
    <message>
        <source>Regenerate API &amp;token</source>
        <translation>Régénérer le &amp;jeton d’API</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>&amp;Copier le diagnostic</translation>
    </message>
    <message>
        <source>A new token was created; clients need it from `utter secret status http-token`.</source>
        <translation>Un nouveau jeton a été créé ; les clients l’obtiennent avec `utter secret status http-token`.</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard (keys are never included).</source>
        <translation>Diagnostic copié dans le presse-papiers (les clés n’y figurent jamais).</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>Collez la clé d’API</translation>
    </message>
    <message>
        <source>Set by the environment (%1)</source>
        <translation>Définie par l’environnement (%1)</translation>
    </message>
    <message>
        <source>Stored — ends in …%1; type to replace</source>
        <translation>Enregistrée — se termine par …%1 ; tapez pour la remplacer</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Nothing was saved: fix the fields marked in red.</source>
        <translation>Rien n’a été enregistré : corrigez les champs marqués en rouge.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>On Wayland, bind a key in your compositor to run “utter begin” and “utter end” (or “utter toggle”); “utter doctor” prints the exact lines for your desktop.</source>
        <translation>Sous Wayland, associez une touche dans votre compositeur à « utter begin » et « utter end » (ou « utter toggle ») ; « utter doctor » donne les lignes exactes pour votre bureau.</translation>
    </message>
    <message>
        <source>Style library</source>
        <translation>Bibliothèque de styles</translation>
    </message>
    <message>
        <source>✖ Not active: %1</source>
        <translation>✖ Inactif : %1</translation>
    </message>
    <message>
        <source>Creating a new token…</source>
        <translation>Création d’un nouveau jeton…</translation>
    </message>
    <message>
        <source>Reading the keychain…</source>
        <translation>Lecture du trousseau…</translation>
    </message>
    <message>
        <source>The keychain did not answer; paste the key to store it</source>
        <translation>Le trousseau n’a pas répondu ; collez la clé pour l’enregistrer</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid key name.</source>
        <translation>« %1 » n’est pas un nom de clé valide.</translation>
    </message>
    <message>
        <source>Saved; storing the key in the keychain…</source>
        <translation>Enregistré ; enregistrement de la clé dans le trousseau…</translation>
    </message>
    <message>
        <source>&amp;Between dictations:</source>
        <translation>&amp;Entre les dictées :</translation>
    </message>
    <message>
        <source>auto: a space when a dictation continues the one typed just before into the same window (none after a new line or Enter); space: always; none: the text as spoken.</source>
        <translation>auto : une espace quand une dictée prolonge celle tapée juste avant dans la même fenêtre (aucune après un saut de ligne ou Entrée) ; space : toujours ; none : le texte tel que dicté.</translation>
    </message>
    <message>
        <source>Utter sends what you say to a speech-to-text service: Groq by default (paste your key and test it), or any OpenAI-compatible server such as a local whisper.cpp or speaches server or a hal0 box (under “Endpoints and models”). Keys are stored in the system keychain.</source>
        <translation>Utter envoie ce que vous dites à un service de transcription : Groq par défaut (collez votre clé et testez-la), ou tout serveur compatible OpenAI, comme un serveur local whisper.cpp ou speaches ou un boîtier hal0 (sous « Points d’accès et modèles »). Les clés sont gardées dans le trousseau du système.</translation>
    </message>
    <message>
        <source>&amp;Endpoints and models</source>
        <translation>&amp;Points d’accès et modèles</translation>
    </message>
    <message>
        <source>&amp;Endpoint, model and timeout</source>
        <translation>&amp;Point d’accès, modèle et délai</translation>
    </message>
    <message>
        <source>Makes a new bearer token for the HTTP API; clients need the new one.</source>
        <translation>Crée un nouveau jeton bearer pour l’API HTTP ; les clients auront besoin du nouveau.</translation>
    </message>
    <message>
        <source>Keep the microphone open between dictations</source>
        <translation>Garder le micro ouvert entre les dictées</translation>
    </message>
    <message>
        <source>On: dictation starts instantly and keeps the half second before the key press, but the desktop shows the microphone in use all the time. Off: the microphone opens when you press the key (about 0.1 s).</source>
        <translation>Activé : la dictée démarre instantanément et garde la demi-seconde avant l&apos;appui sur la touche, mais le bureau indique que le micro est utilisé en permanence. Désactivé : le micro s&apos;ouvre à l&apos;appui sur la touche (environ 0,1 s).</translation>
    </message>
    <message>
        <source>Run &amp;setup again…</source>
        <translation>&amp;Relancer la configuration…</translation>
    </message>
    <message>
        <source>Run the first-run setup again</source>
        <translation>Relancer la configuration initiale</translation>
    </message>
</context>
<context>
    <name>utter::ui::SettingsForm</name>
    <message>
        <source>Push to talk — hold the key</source>
        <translation>Appuyer pour parler — maintenir la touche</translation>
    </message>
    <message>
        <source>Toggle — press to start, press to stop</source>
        <translation>Bascule — appuyer pour démarrer, appuyer pour arrêter</translation>
    </message>
    <message>
        <source>Hands-free — stops when you pause</source>
        <translation>Mains libres — s’arrête quand vous faites une pause</translation>
    </message>
    <message>
        <source>Top of the screen</source>
        <translation>En haut de l’écran</translation>
    </message>
    <message>
        <source>Bottom of the screen</source>
        <translation>En bas de l’écran</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Masquée</translation>
    </message>
    <message>
        <source>Keep everything</source>
        <translation>Tout conserver</translation>
    </message>
    <message>
        <source>Keep the last N days</source>
        <translation>Conserver les N derniers jours</translation>
    </message>
    <message>
        <source>Keep the last N dictations</source>
        <translation>Conserver les N dernières dictées</translation>
    </message>
    <message>
        <source>Keep nothing</source>
        <translation>Ne rien conserver</translation>
    </message>
    <message>
        <source>Some settings are not valid; fix the fields marked in red.</source>
        <translation>Certains réglages ne sont pas valides ; corrigez les champs marqués en rouge.</translation>
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
        <translation>Votre bureau n’a pas de zone de notification (sous GNOME, installez l’extension AppIndicator). Utter reste utilisable par son raccourci, cette fenêtre et la ligne de commande (&lt;code&gt;utter toggle&lt;/code&gt;).</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Plus</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Autres actions</translation>
    </message>
</context>
<context>
    <name>utter::ui::StyleEditor</name>
    <message>
        <source>Styles</source>
        <translation>Styles</translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation>Nou&amp;veau</translation>
    </message>
    <message>
        <source>Starts a new style of your own.</source>
        <translation>Crée un nouveau style personnel.</translation>
    </message>
    <message>
        <source>Dupli&amp;cate</source>
        <translation>Dupli&amp;quer</translation>
    </message>
    <message>
        <source>Starts a new style from a copy of the selected one.</source>
        <translation>Crée un nouveau style à partir d’une copie de celui sélectionné.</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>Supprime&amp;r</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>One line for menus and lists</source>
        <translation>Une ligne pour les menus et les listes</translation>
    </message>
    <message>
        <source>Descr&amp;iption:</source>
        <translation>Descr&amp;iption :</translation>
    </message>
    <message>
        <source>Mod&amp;el:</source>
        <translation>Mod&amp;èle :</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Tempe&amp;rature:</source>
        <translation>Tempé&amp;rature :</translation>
    </message>
    <message>
        <source>From 0 (predictable) to 2 (inventive); empty for the default.</source>
        <translation>De 0 (prévisible) à 2 (inventif) ; vide pour la valeur par défaut.</translation>
    </message>
    <message>
        <source>Time&amp;out (s):</source>
        <translation>Délai maximal (&amp;s) :</translation>
    </message>
    <message>
        <source>Seconds before the raw transcript is delivered instead; empty for the timeout above.</source>
        <translation>Secondes avant que la transcription brute soit livrée à la place ; vide pour le délai ci-dessus.</translation>
    </message>
    <message>
        <source>Minimum word&amp;s:</source>
        <translation>Mi&amp;nimum de mots :</translation>
    </message>
    <message>
        <source>Shorter texts are typed as spoken, without calling the style; empty for the default (3).</source>
        <translation>Les textes plus courts sont tapés tels que dictés, sans appeler le style ; vide pour la valeur par défaut (3).</translation>
    </message>
    <message>
        <source>What the style does, e.g. “Rewrite the text as a short, friendly chat message. Keep names and numbers exactly.”</source>
        <translation>Ce que fait le style, p. ex. « Réécris le texte comme un message de chat court et aimable. Garde les noms et les nombres tels quels. »</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>&amp;Consigne :</translation>
    </message>
    <message>
        <source>Discard c&amp;hanges</source>
        <translation>A&amp;bandonner les modifications</translation>
    </message>
    <message>
        <source>Save st&amp;yle</source>
        <translation>Enregistrer le st&amp;yle</translation>
    </message>
    <message>
        <source>%1 · built-in</source>
        <translation>%1 · intégré</translation>
    </message>
    <message>
        <source>%1 · your copy</source>
        <translation>%1 · votre copie</translation>
    </message>
    <message>
        <source>“raw” types the transcript as spoken, without calling a style; there is nothing to edit.</source>
        <translation>« raw » tape la transcription telle qu’elle a été dite, sans style ; il n’y a rien à modifier.</translation>
    </message>
    <message>
        <source>A built-in style. Saving a change writes your own copy to the styles folder, which replaces the built-in; deleting the copy brings the built-in back.</source>
        <translation>Un style intégré. Enregistrer une modification écrit votre propre copie dans le dossier des styles, qui remplace le style intégré ; supprimer la copie rétablit le style intégré.</translation>
    </message>
    <message>
        <source>Your copy of the built-in style, in %1. “Restore built-in” deletes the copy.</source>
        <translation>Votre copie du style intégré, dans %1. « Rétablir l’intégré » supprime la copie.</translation>
    </message>
    <message>
        <source>Stored in %1.</source>
        <translation>Enregistré dans %1.</translation>
    </message>
    <message>
        <source>Not saved yet: “Save style” writes it to the styles folder.</source>
        <translation>Pas encore enregistré : « Enregistrer le style » l’écrit dans le dossier des styles.</translation>
    </message>
    <message>
        <source>Restore bui&amp;lt-in</source>
        <translation>Rétablir l’intég&amp;ré</translation>
    </message>
    <message>
        <source>Built-in styles cannot be deleted.</source>
        <translation>Les styles intégrés ne peuvent pas être supprimés.</translation>
    </message>
    <message>
        <source>There is already a style called “%1”.</source>
        <translation>Il existe déjà un style nommé « %1 ».</translation>
    </message>
    <message>
        <source>Save or discard the changes to pick another style.</source>
        <translation>Enregistrez ou abandonnez les modifications pour choisir un autre style.</translation>
    </message>
    <message>
        <source>%1 · new</source>
        <translation>%1 · nouveau</translation>
    </message>
    <message>
        <source>Delete your copy of “%1”? The built-in style applies again.</source>
        <translation>Supprimer votre copie de « %1 » ? Le style intégré s’applique de nouveau.</translation>
    </message>
    <message>
        <source>Delete the style “%1”? Its file is removed from the styles folder.</source>
        <translation>Supprimer le style « %1 » ? Son fichier est retiré du dossier des styles.</translation>
    </message>
    <message>
        <source>Delete style</source>
        <translation>Supprimer le style</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>Rien n’a été supprimé.</translation>
    </message>
    <message>
        <source>The built-in “%1” applies again.</source>
        <translation>Le style intégré « %1 » s’applique de nouveau.</translation>
    </message>
    <message>
        <source>“%1” was deleted.</source>
        <translation>« %1 » a été supprimé.</translation>
    </message>
    <message>
        <source>The style was not saved: fix the fields marked in red.</source>
        <translation>Le style n’a pas été enregistré : corrigez les champs marqués en rouge.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Enregistré dans %1.</translation>
    </message>
    <message>
        <source>Leave it empty for the default.</source>
        <translation>Laissez vide pour la valeur par défaut.</translation>
    </message>
    <message>
        <source>Default: the style model of the settings</source>
        <translation>Par défaut : le modèle de style des réglages</translation>
    </message>
</context>
<context>
    <name>utter::ui::TrayController</name>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>À l’écoute</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>Transcription</translation>
    </message>
    <message>
        <source>Applying style</source>
        <translation>Application du style</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Push to talk (hold the key)</source>
        <translation>Appuyer pour parler (maintenir la touche)</translation>
    </message>
    <message>
        <source>Toggle (press to start and stop)</source>
        <translation>Bascule (appuyer pour démarrer et arrêter)</translation>
    </message>
    <message>
        <source>Hands-free (stops when you pause)</source>
        <translation>Mains libres (s’arrête à la pause)</translation>
    </message>
    <message>
        <source>Queued dictation delivered</source>
        <translation>Dictée en attente livrée</translation>
    </message>
    <message>
        <source>Could not change the mode</source>
        <translation>Impossible de changer de mode</translation>
    </message>
    <message>
        <source>None (raw transcript)</source>
        <translation>Aucun (transcription brute)</translation>
    </message>
    <message>
        <source>Could not change the style</source>
        <translation>Impossible de changer de style</translation>
    </message>
    <message>
        <source>Style: %1</source>
        <translation>Style : %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Last: %1</source>
        <translation>Dernier : %1</translation>
    </message>
    <message>
        <source>Dictation</source>
        <translation>Dictée</translation>
    </message>
    <message>
        <source>Dictation queued</source>
        <translation>Dictée en attente</translation>
    </message>
    <message>
        <source>Dictation failed</source>
        <translation>Échec de la dictée</translation>
    </message>
    <message>
        <source>Something went wrong; see the log.</source>
        <translation>Un problème est survenu ; consultez le journal.</translation>
    </message>
    <message>
        <source>The dictation pipeline is not part of this build.</source>
        <translation>La chaîne de dictée ne fait pas partie de cette version.</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>&amp;Start dictation</source>
        <translation>&amp;Démarrer la dictée</translation>
    </message>
    <message>
        <source>&amp;Cancel dictation</source>
        <translation>&amp;Annuler la dictée</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>&amp;Mode</translation>
    </message>
    <message>
        <source>St&amp;yle</source>
        <translation>St&amp;yle</translation>
    </message>
    <message>
        <source>C&amp;opy last result</source>
        <translation>&amp;Copier le dernier résultat</translation>
    </message>
    <message>
        <source>&amp;Recent dictations</source>
        <translation>Dictées &amp;récentes</translation>
    </message>
    <message>
        <source>Read &amp;back last result</source>
        <translation>Re&amp;lire le dernier résultat</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historique…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Réglag&amp;es…</translation>
    </message>
    <message>
        <source>&amp;Doctor…</source>
        <translation>Dia&amp;gnostic…</translation>
    </message>
    <message>
        <source>&amp;Pause hotkeys</source>
        <translation>&amp;Suspendre les raccourcis</translation>
    </message>
    <message>
        <source>&amp;Quit Utter</source>
        <translation>&amp;Quitter Utter</translation>
    </message>
    <message>
        <source>Nothing dictated yet</source>
        <translation>Rien de dicté pour l’instant</translation>
    </message>
    <message>
        <source>Copy: %1</source>
        <translation>Copier : %1</translation>
    </message>
    <message>
        <source>&amp;Stop dictation</source>
        <translation>Arrêter la &amp;dictée</translation>
    </message>
</context>
</TS>
