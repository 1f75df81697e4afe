// The settings file (utter.conf) as a user or another program may have written it (core/settings/configcheck):
// inspect() must never fail, and every problem names a key or a line.
#include "fuzzsupport.h"
#include "settings/configcheck.h"

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    utter::fuzz::ensureApplication();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = utter::fuzz::writeScratchFile(utter::fuzz::bytes(data, size), QStringLiteral(".conf"));
    const utter::ConfigReport report = utter::ConfigCheck::inspect(path);
    (void)utter::ConfigCheck::hasSyntaxErrors(path);
    if (!report.exists)
        utter::fuzz::fail("an existing file reported as missing");
    return 0;
}
