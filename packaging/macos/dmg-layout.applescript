-- CPACK_DMG_DS_STORE_SETUP_SCRIPT: the dmg window shows Utter.app next to a link to /Applications.
on run argv
    set image_name to item 1 of argv
    tell application "Finder"
        tell disk image_name
            open
            set current view of container window to icon view
            set toolbar visible of container window to false
            set statusbar visible of container window to false
            set the bounds of container window to {200, 120, 760, 460}
            set viewOptions to the icon view options of container window
            set arrangement of viewOptions to not arranged
            set icon size of viewOptions to 96
            set position of item "Utter.app" of container window to {140, 160}
            set position of item "Applications" of container window to {420, 160}
            close
            open
            update without registering applications
            delay 2
            close
        end tell
    end tell
end run
