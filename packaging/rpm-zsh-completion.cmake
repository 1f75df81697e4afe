# CPACK_PRE_BUILD_SCRIPTS of the RPM generator: moves the zsh completion from Debian's folder to the one zsh on
# Fedora and openSUSE reads, in the staging tree before rpmbuild lists its files.
file(GLOB_RECURSE completions "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/zsh/vendor-completions/_utter")
foreach(completion IN LISTS completions)
    cmake_path(GET completion PARENT_PATH vendor)
    cmake_path(GET vendor PARENT_PATH zsh)
    file(MAKE_DIRECTORY "${zsh}/site-functions")
    file(RENAME "${completion}" "${zsh}/site-functions/_utter")
    file(REMOVE "${vendor}")
endforeach()
