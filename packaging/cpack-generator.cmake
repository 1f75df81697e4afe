# CPACK_PROJECT_CONFIG_FILE: read by cpack once per generator (CPACK_GENERATOR is the current one).
if(CPACK_GENERATOR STREQUAL "RPM")
    # zsh on Fedora and openSUSE reads /usr/share/zsh/site-functions; Debian's reads vendor-completions.
    set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/rpm-zsh-completion.cmake")
elseif(CPACK_GENERATOR STREQUAL "DragNDrop")
    # Sign Utter.app before it goes into the disk image (release workflow).
    set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/macos/codesign.cmake")
endif()
