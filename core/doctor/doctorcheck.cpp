#include "doctorcheck.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Ok:
        return u"ok"_s;
    case CheckStatus::Warn:
        return u"warn"_s;
    case CheckStatus::Fail:
        return u"fail"_s;
    case CheckStatus::Skip:
        return u"skip"_s;
    }
    return {};
}

QJsonObject DoctorCheck::toJson() const
{
    QJsonObject o{
        {u"section"_s, section}, {u"name"_s, name}, {u"status"_s, checkStatusName(status)}, {u"detail"_s, detail}};
    if (!fix.isEmpty())
        o.insert(u"fix"_s, fix);
    if (latencyMs)
        o.insert(u"latency_ms"_s, double(*latencyMs));
    if (!action.isEmpty())
        o.insert(u"action"_s, action);
    return o;
}

Doctor::Doctor(QObject* parent)
    : QObject(parent)
{}

Doctor::~Doctor() = default;

void Doctor::add(std::unique_ptr<DoctorContributor> contributor)
{
    m_contributors.push_back(std::move(contributor));
}

void Doctor::run(std::function<void(QList<DoctorCheck>)> done)
{
    m_done = std::move(done);
    m_next = 0;
    m_checks.clear();
    runNext();
}

void Doctor::runNext()
{
    if (m_next >= m_contributors.size()) {
        if (m_done)
            m_done(m_checks);
        return;
    }
    const size_t current = m_next;
    DoctorContributor& contributor = *m_contributors.at(m_next++);
    // What runs after this contributor, by section.
    const auto later = [this, current] {
        QStringList sections;
        for (size_t i = current + 1; i < m_contributors.size(); ++i)
            sections << m_contributors[i]->section();
        return sections;
    };
    contributor.setProgress([this, current, later](const QList<DoctorCheck>& done, const QStringList& pending) {
        if (m_next == current + 1) // still this contributor's turn
            emit progress(m_checks + done, pending + later());
    });
    emit progress(m_checks, QStringList{contributor.section()} + later());
    contributor.run(this, [this, &contributor](const QList<DoctorCheck>& checks) {
        contributor.setProgress({});
        m_checks += checks;
        QMetaObject::invokeMethod(this, &Doctor::runNext, Qt::QueuedConnection);
    });
}

QString Doctor::toText(const QList<DoctorCheck>& checks)
{
    QString out;
    QString section;
    for (const DoctorCheck& check : checks) {
        if (check.section != section) {
            section = check.section;
            out += (out.isEmpty() ? QString() : u"\n"_s) + section.left(1).toUpper() + section.mid(1) + u":\n"_s;
        }
        const QString mark = check.status == CheckStatus::Ok     ? u"[ok]  "_s
                             : check.status == CheckStatus::Warn ? u"[warn]"_s
                             : check.status == CheckStatus::Fail ? u"[FAIL]"_s
                                                                 : u"[skip]"_s;
        out += u"  %1 %2: %3\n"_s.arg(mark, check.name, check.detail);
        if (!check.fix.isEmpty() && check.status != CheckStatus::Ok)
            out += u"         fix: %1\n"_s.arg(check.fix);
    }
    return out;
}

QJsonObject Doctor::toJson(const QList<DoctorCheck>& checks)
{
    QJsonArray array;
    int failed = 0;
    int warned = 0;
    for (const DoctorCheck& check : checks) {
        array.append(check.toJson());
        failed += check.status == CheckStatus::Fail;
        warned += check.status == CheckStatus::Warn;
    }
    return QJsonObject{{u"ok"_s, failed == 0}, {u"failed"_s, failed}, {u"warnings"_s, warned}, {u"checks"_s, array}};
}

bool Doctor::anyFailed(const QList<DoctorCheck>& checks)
{
    return std::any_of(checks.cbegin(), checks.cend(),
                       [](const DoctorCheck& c) { return c.status == CheckStatus::Fail; });
}

} // namespace utter
