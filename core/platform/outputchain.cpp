#include "outputchain.h"

#include "logging/logging.h"

#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

bool isTerminalAppId(const QString& appId)
{
    static const QStringList terminals = {
        u"xterm"_s,
        u"uxterm"_s,
        u"urxvt"_s,
        u"rxvt"_s,
        u"st"_s,
        u"st-256color"_s,
        u"alacritty"_s,
        u"kitty"_s,
        u"foot"_s,
        u"footclient"_s,
        u"wezterm"_s,
        u"konsole"_s,
        u"yakuake"_s,
        u"terminator"_s,
        u"tilix"_s,
        u"guake"_s,
        u"sakura"_s,
        u"lxterminal"_s,
        u"qterminal"_s,
        u"terminology"_s,
        u"xfce4-terminal"_s,
        u"mate-terminal"_s,
        u"gnome-terminal"_s,
        u"kgx"_s,
        u"ghostty"_s,
        u"tabby"_s,
        u"hyper"_s,
        u"cool-retro-term"_s,
        u"contour"_s,
        u"warp"_s,
        u"org.gnome.terminal"_s,
        u"org.gnome.console"_s,
        u"org.kde.konsole"_s,
        u"com.mitchellh.ghostty"_s,
        u"org.wezfurlong.wezterm"_s,
        u"com.apple.terminal"_s,
        u"com.googlecode.iterm2"_s,
        u"windowsterminal"_s,
        u"cmd"_s,
        u"conhost"_s,
        u"powershell"_s,
        u"pwsh"_s,
        u"mintty"_s,
    };
    const QString id = appId.trimmed().toLower();
    if (terminals.contains(id))
        return true;
    // gnome-terminal-server, org.gnome.Terminal.Preferences-like ids, "xterm-256color" classes
    return id.startsWith(u"gnome-terminal"_s) || id.startsWith(u"xterm-"_s) || id.endsWith(u".terminal"_s);
}

struct OutputChain::Attempt
{
    QString text;
    TargetApp target;
    InsertOptions options;
    InsertCallback done;
    std::size_t index = 0;
    bool retried = false;
    bool probed = false;  // the method at index was re-probed for this attempt and answered available
    QStringList failures; // "method: why" for the final message
    std::shared_ptr<void> busy;
};

OutputChain::OutputChain(std::vector<std::unique_ptr<TextOutput>> methods, std::unique_ptr<FocusProbe> focus,
                         QObject* parent)
    : QObject(parent)
    , m_methods(std::move(methods))
    , m_available(m_methods.size(), true)
    , m_focus(std::move(focus))
{}

OutputChain::~OutputChain() = default;

QStringList OutputChain::methodNames() const
{
    QStringList names;
    for (const auto& method : m_methods)
        names << method->name();
    return names;
}

QList<OutputChain::MethodStatus> OutputChain::probeAll()
{
    QList<MethodStatus> result;
    for (std::size_t i = 0; i < m_methods.size(); ++i) {
        Status status = m_methods[i]->probe();
        m_available[i] = status.ok();
        if (!status.ok())
            qCInfo(lcInject) << "output method" << m_methods[i]->name() << "unavailable:" << status.error().message;
        result.append({m_methods[i]->name(), std::move(status)});
    }
    return result;
}

std::shared_ptr<void> OutputChain::busyToken()
{
    ++m_busy;
    return std::shared_ptr<void>(nullptr, [self = QPointer<OutputChain>(this)](void*) {
        if (self && --self->m_busy == 0)
            emit self->idle();
    });
}

void OutputChain::probeAllAsync(QObject* context, std::function<void(const QList<MethodStatus>&)> done)
{
    struct Round
    {
        QList<MethodStatus> statuses;
        std::size_t waiting = 0;
    };
    if (m_methods.empty()) {
        done({});
        return;
    }
    auto round = std::make_shared<Round>();
    round->waiting = m_methods.size();
    for (const auto& method : m_methods)
        round->statuses.append({method->name(), Status()});
    const QPointer<QObject> guard(context);
    auto answered = [round, guard, done = std::move(done)]() {
        if (--round->waiting == 0 && guard)
            done(round->statuses);
    };
    QPointer<OutputChain> self(this);
    for (std::size_t i = 0; i < m_methods.size(); ++i) {
        m_methods[i]->probeAsync([self, round, answered, i](const Status& status) {
            if (!self)
                return;
            self->m_available[i] = status.ok();
            if (!status.ok())
                qCInfo(lcInject) << "output method" << self->m_methods[i]->name()
                                 << "unavailable:" << status.error().message;
            round->statuses[qsizetype(i)].status = status;
            answered();
        });
    }
}

void OutputChain::requestFocus(QObject* context, FocusProbe::Answer done)
{
    if (!m_focus) {
        done({});
        return;
    }
    m_focus->request(context, [busy = busyToken(), done = std::move(done)](const TargetApp& app) { done(app); });
}

QString OutputChain::focusProbeName() const
{
    return m_focus ? m_focus->name() : u"none"_s;
}

void OutputChain::insert(const QString& text, const InsertOptions& options, InsertCallback done)
{
    requestFocus(this, [this, text, options, done = std::move(done)](const TargetApp& target) mutable {
        insert(text, target, options, std::move(done));
    });
}

void OutputChain::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                         InsertCallback done)
{
    auto attempt = std::make_shared<Attempt>();
    attempt->text = text;
    attempt->target = target;
    attempt->options = options;
    attempt->done = std::move(done);
    attempt->busy = busyToken();
    qCInfo(lcInject) << "inserting" << text.size() << "characters into" << target.appId
                     << (target.isTerminal ? "(terminal)" : "");
    qCDebug(lcInject) << "text:" << text;
    tryMethod(attempt);
}

void OutputChain::tryMethod(const std::shared_ptr<Attempt>& attempt)
{
    while (attempt->index < m_methods.size()) {
        const std::size_t i = attempt->index;
        TextOutput* method = m_methods[i].get();
        QPointer<OutputChain> self(this);
        if (!m_available[i] && !attempt->probed) {
            // Re-probe: a daemon may have started, a permission may have been granted since. Without waiting: the
            // attempt goes on when the method answers.
            attempt->probed = true;
            method->probeAsync([self, attempt, i](const Status& status) {
                if (!self)
                    return;
                self->m_available[i] = status.ok();
                if (!status.ok()) {
                    attempt->failures << self->m_methods[i]->name() + u": "_s + status.error().message;
                    attempt->probed = false;
                    ++attempt->index;
                }
                self->tryMethod(attempt);
            });
            return;
        }
        attempt->probed = false;
        method->insert(attempt->text, attempt->target, attempt->options,
                       [self, attempt, i](const InsertResult& result) {
                           if (!self)
                               return;
                           if (result.ok()) {
                               self->finish(attempt, result);
                               return;
                           }
                           TextOutput* m = self->m_methods[i].get();
                           qCWarning(lcInject) << "output method" << m->name() << "failed:" << result.error.message;
                           if (result.outcome == InsertResult::Retry && !attempt->retried) {
                               attempt->retried = true;
                               self->m_available[i] = false; // re-probed (asynchronously) before the retry
                           } else {
                               attempt->failures << m->name() + u": "_s + result.error.message;
                               self->m_available[i] = false; // re-probed before its next use
                               attempt->retried = false;
                               ++attempt->index;
                           }
                           // Continue outside the method's own call stack.
                           QMetaObject::invokeMethod(
                               self, [self, attempt] { self->tryMethod(attempt); }, Qt::QueuedConnection);
                       });
        return;
    }

    // Nothing worked: keep the text for the user instead of losing it.
    QString message;
    if (m_methods.empty())
        message = u"No text output method is available on this desktop"_s;
    else
        message = u"The text could not be inserted (%1)"_s.arg(attempt->failures.join(u"; "_s));
    const bool copied = m_copyFallback && m_copyFallback(attempt->text);
    message += copied ? u"; it is on the clipboard — paste it with Ctrl+V, or run `utter last`."_s
                      : u"; run `utter last` to get it, and `utter doctor` to see how to fix the output."_s;
    finish(attempt, InsertResult::failed(u"chain"_s, Error(ErrorCode::InjectionBlocked, message)));
}

void OutputChain::finish(const std::shared_ptr<Attempt>& attempt, InsertResult result)
{
    if (result.ok())
        qCInfo(lcInject) << "inserted with" << result.method << result.detail;
    else
        qCWarning(lcInject) << "insertion failed:" << result.error.message;
    if (attempt->done)
        attempt->done(result);
    emit inserted(result);
    attempt->busy.reset();
}

} // namespace utter
