# CPack: .deb, .rpm and .tar.gz on Linux, a DragNDrop .dmg on macOS, a WiX .msi and a .zip on Windows.
# docs/packaging.md explains every runtime dependency listed here and how to build each package.
set(CPACK_PACKAGE_NAME "utter")
set(CPACK_PACKAGE_VENDOR "Utter")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Utter is a native dictation app: hold a key, speak, and the words are typed into the focused application. \
Audio is uploaded in chunks while you speak and kept on disk until its text is delivered; API keys live in the \
system keychain. The same binary runs as a headless service (utter --headless serve) driven from the command line \
or its HTTP API.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Utter developers <maintainers@utter.dev>")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Utter")
set(CPACK_PACKAGE_EXECUTABLES "utter;Utter")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/;/build[^/]*/")
# Per-generator settings that cannot live here (the zsh completion folder of the RPM).
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/cpack-generator.cmake")

if(WIN32)
    set(CPACK_GENERATOR "WIX;ZIP")
    # Never change: Windows Installer finds the installed Utter by it to upgrade in place.
    set(CPACK_WIX_UPGRADE_GUID "6C3B5E52-8E0A-4C8F-9D51-2B7A1F0E4D93")
    set(CPACK_WIX_PRODUCT_ICON "${CMAKE_SOURCE_DIR}/packaging/windows/utter.ico")
    set(CPACK_WIX_PROGRAM_MENU_FOLDER "Utter")
    set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${PROJECT_HOMEPAGE_URL}")
    # Start-menu shortcut (CPACK_PACKAGE_EXECUTABLES) plus the optional "start at login" feature.
    set(CPACK_WIX_PATCH_FILE "${CMAKE_SOURCE_DIR}/packaging/windows/autostart-patch.wxs")
    set(CPACK_WIX_EXTRA_SOURCES "${CMAKE_SOURCE_DIR}/packaging/windows/autostart.wxs")
    set(CPACK_WIX_UI_REF "WixUI_FeatureTree")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "Utter")
    set(CPACK_DMG_FORMAT "UDZO")
    # Utter.app next to CPack's link to /Applications. No Finder layout script: driving Finder through
    # AppleScript needs an Apple-events permission that CI runners do not grant.
    set(CPACK_BUNDLE_NAME "Utter")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    find_program(UTTER_RPMBUILD rpmbuild)
    if(UTTER_RPMBUILD)
        list(APPEND CPACK_GENERATOR "RPM")
    endif()
    set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")

    # Debian: shared libraries from dpkg-shlibdeps; then what it cannot see because Qt loads it as a plugin
    # (SQLite driver) or another program provides it (a sound server, a Secret Service, a desktop portal).
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_SECTION "sound")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6, libsecret-1-0, gstreamer1.0-plugins-base")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
        "pipewire-pulse | pulseaudio, pulseaudio-utils, gnome-keyring | libkf5wallet-bin | keepassxc, \
qt6-wayland, xdg-desktop-portal, gstreamer1.0-plugins-good")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "wtype, wl-clipboard, ydotool, gstreamer1.0-libav")

    # RPM (Fedora names): rpmbuild's dependency generator adds the shared libraries (lib*.so.N()(64bit));
    # Fedora's qt6-qtbase carries the SQLite driver and qt6-qtbase-gui the xcb platform plugin.
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_GROUP "Applications/Multimedia")
    set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtbase-gui, qt6-qtsvg, qt6-qtmultimedia, libsecret, gstreamer1-plugins-base")
    # Weak dependencies go into the spec preamble directly: CPack has no variable for Recommends, and drops its
    # Suggests when its probe of rpmbuild fails (as with Debian's rpm).
    set(CPACK_RPM_SPEC_MORE_DEFINE
        "Recommends: (pipewire-pulseaudio or pulseaudio)
Recommends: pulseaudio-utils
Recommends: (gnome-keyring or kf5-kwallet or keepassxc)
Recommends: qt6-qtwayland
Recommends: xdg-desktop-portal
Recommends: gstreamer1-plugins-good
Suggests: wtype
Suggests: wl-clipboard
Suggests: ydotool")
    # Folders other packages own (the filesystem package, hicolor-icon-theme, bash-completion, systemd).
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
        /usr/share/man /usr/share/man/man1 /usr/share/bash-completion /usr/share/bash-completion/completions
        /usr/share/zsh /usr/share/zsh/site-functions /usr/share/zsh/vendor-completions /usr/share/fish
        /usr/share/fish/vendor_completions.d /usr/lib/systemd /usr/lib/systemd/user)
    foreach(size scalable 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256 512x512)
        list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
            /usr/share/icons/hicolor/${size} /usr/share/icons/hicolor/${size}/apps)
    endforeach()
endif()
include(CPack)
