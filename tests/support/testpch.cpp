// The translation unit that builds the tests' precompiled headers in a sanitizer build (CMakeLists.txt).
