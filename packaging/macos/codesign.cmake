# CPACK_PRE_BUILD_SCRIPTS of the DragNDrop generator: signs Utter.app in cpack's staging folder (after macdeployqt,
# before the disk image) with the hardened runtime and utter.entitlements, when MACOS_SIGNING_IDENTITY names a
# Developer ID Application certificate in the keychain. Unsigned otherwise (local builds).
if(NOT DEFINED ENV{MACOS_SIGNING_IDENTITY} OR "$ENV{MACOS_SIGNING_IDENTITY}" STREQUAL "")
    message(STATUS "MACOS_SIGNING_IDENTITY is not set: Utter.app stays unsigned")
    return()
endif()
file(GLOB_RECURSE bundles LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*Utter.app")
foreach(bundle IN LISTS bundles)
    if(NOT IS_DIRECTORY "${bundle}")
        continue()
    endif()
    execute_process(
        COMMAND codesign --force --deep --options runtime --timestamp
            --entitlements "${CMAKE_CURRENT_LIST_DIR}/utter.entitlements" --sign "$ENV{MACOS_SIGNING_IDENTITY}" "${bundle}"
        COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND codesign --verify --strict --verbose=2 "${bundle}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()
