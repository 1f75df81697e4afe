#pragma once

#include "platform/textoutput.h"

#include <QObject>

namespace utter
{

// "wayland-paste": wl-copy (wlr-data-control, so it works from the background on wlroots and KDE) serves the
// text exactly once (--paste-once), the paste chord is sent through wtype, and the paste counts as done only
// when wl-copy has served it. Then the user's clipboard is put back (wl-copy restores one format: the richest
// of image/png, text/html, text/plain). Not available on GNOME, where only the focused client may set the
// clipboard.
class WaylandPasteOutput final : public QObject, public TextOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaylandPasteOutput)

public:
    explicit WaylandPasteOutput(QObject* parent = nullptr);

    QString name() const override { return QStringLiteral("wayland-paste"); }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;

private:
    QString m_copy;
    QString m_paste;
    QString m_wtype;
};

} // namespace utter
