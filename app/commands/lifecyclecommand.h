#pragma once

#include "command.h"

namespace utter
{

// `utter --headless run|start|stop|status|logs [--supervisor ...]`: drives the service through the platform's
// supervisor (core/lifecycle). run = start, then follow the logs until Ctrl-C (the service keeps running).
class LifecycleCommand final : public Command
{
public:
    explicit LifecycleCommand(QString action);
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;

private:
    QString m_action;
};

} // namespace utter
