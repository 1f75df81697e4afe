#pragma once

#include "command.h"

namespace utter
{

// `utter secret set|clear|status [NAME]`: API keys in the keychain. A value is only ever read from stdin.
class SecretCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;

private:
    int set(const QString& name, AppContext& context);
    int clear(const QString& name, AppContext& context);
    int status(const QStringList& names, bool json, AppContext& context);
};

} // namespace utter
