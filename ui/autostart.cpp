#include "autostart.h"

#include "common/version.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

// Linux/BSD and macOS: one file whose presence means "enabled". An entry an older Utter wrote under a previous
// name (legacyPath) is migrated: writing the new file removes it, and switching off removes both.
class FileAutoStart final : public AutoStart
{
public:
    FileAutoStart(QString path, QByteArray contents, QString legacyPath)
        : m_path(std::move(path))
        , m_contents(std::move(contents))
        , m_legacyPath(std::move(legacyPath))
    {}

    bool isEnabled() const override { return QFile::exists(m_path); }
    QString location() const override { return m_path; }

    Status setEnabled(bool enabled) override
    {
        if (!enabled) {
            for (const QString& path : {m_path, m_legacyPath}) {
                if (Status removed = remove(path); !removed.ok())
                    return removed;
            }
            return {};
        }
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        QSaveFile file(m_path);
        if (!file.open(QIODevice::WriteOnly) || file.write(m_contents) != m_contents.size() || !file.commit())
            return Error(ErrorCode::Failed,
                         QCoreApplication::translate("utter::ui::AutoStart",
                                                     "Could not write %1 (%2); check that the folder is writable.")
                             .arg(m_path, file.errorString()));
        return remove(m_legacyPath);
    }

private:
    static Status remove(const QString& path)
    {
        if (path.isEmpty() || !QFile::exists(path) || QFile::remove(path))
            return {};
        return Error(
            ErrorCode::Failed,
            QCoreApplication::translate("utter::ui::AutoStart", "Could not remove %1; delete it by hand.").arg(path));
    }

    QString m_path;
    QByteArray m_contents;
    QString m_legacyPath;
};

// Inside a Flatpak the autostart folder is the sandbox's own, which no session reads; the entry has to be made
// outside (docs/packaging.md, "Flatpak"). Says so instead of writing a file that does nothing.
class SandboxedAutoStart final : public AutoStart
{
public:
    bool isEnabled() const override { return false; }
    QString location() const override { return {}; }
    Status setEnabled(bool enabled) override
    {
        if (!enabled)
            return {};
        return Error(ErrorCode::Failed,
                     QCoreApplication::translate("utter::ui::AutoStart",
                                                 "Utter runs as a Flatpak and cannot add itself to your login items; "
                                                 "add Utter in your desktop's startup applications instead."));
    }
};

#ifdef Q_OS_WIN
class RunKeyAutoStart final : public AutoStart
{
public:
    explicit RunKeyAutoStart(QString command)
        : m_command(std::move(command))
    {}
    bool isEnabled() const override { return settings().contains(u"Utter"_s); }
    QString location() const override { return u"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Utter"_s; }
    Status setEnabled(bool enabled) override
    {
        QSettings s = settings();
        if (enabled)
            s.setValue(u"Utter"_s, m_command);
        else
            s.remove(u"Utter"_s);
        s.sync();
        if (s.status() != QSettings::NoError)
            return Error(ErrorCode::Failed, u"Could not change the Run key in the registry."_s);
        return {};
    }

private:
    static QSettings settings()
    {
        return QSettings(u"HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"_s,
                         QSettings::NativeFormat);
    }
    QString m_command;
};
#endif

QString quotedExec(const QString& path)
{
    // Desktop Entry Exec quoting: wrap in quotes when needed, escape \, ", `, $.
    QString escaped = path;
    for (const QString& c : {u"\\"_s, u"\""_s, u"`"_s, u"$"_s})
        escaped.replace(c, u"\\"_s + c);
    return escaped.contains(u' ') || escaped != path ? u"\""_s + escaped + u"\""_s : path;
}

} // namespace

std::unique_ptr<AutoStart> AutoStart::create(const QString& executable)
{
    const QString binary = executable.isEmpty() ? QCoreApplication::applicationFilePath() : executable;
    [[maybe_unused]] const QString desktopId = appId();
#if defined(Q_OS_WIN)
    return std::make_unique<RunKeyAutoStart>(u"\""_s + QDir::toNativeSeparators(binary) + u"\""_s);
#elif defined(Q_OS_MACOS)
    const QString agents = QDir::homePath() + u"/Library/LaunchAgents/"_s;
    const QString path = agents + desktopId + u".plist"_s;
    const QString plist =
        u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        "<plist version=\"1.0\"><dict>\n"
        "  <key>Label</key><string>%2</string>\n"
        "  <key>ProgramArguments</key><array><string>%1</string></array>\n"
        "  <key>RunAtLoad</key><true/>\n"
        "  <key>ProcessType</key><string>Interactive</string>\n"
        "</dict></plist>\n"_s.arg(binary.toHtmlEscaped(), desktopId);
    return std::make_unique<FileAutoStart>(path, plist.toUtf8(), agents + u"app.utter.Utter.plist"_s);
#else
    if (QFile::exists(u"/.flatpak-info"_s))
        return std::make_unique<SandboxedAutoStart>();
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/autostart/"_s;
    const QString entry = u"[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Utter\n"
                          "Comment=Dictation: hold a key, speak, and the words land where you type\n"
                          "Exec=%1\n"
                          "Icon=%2\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n"
                          "X-GNOME-Autostart-Delay=2\n"_s.arg(quotedExec(binary), desktopId);
    return std::make_unique<FileAutoStart>(folder + desktopId + u".desktop"_s, entry.toUtf8(),
                                           folder + u"utter.desktop"_s);
#endif
}

} // namespace utter::ui
