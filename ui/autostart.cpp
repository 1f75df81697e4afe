#include "autostart.h"

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

// Linux/BSD and macOS: one file whose presence means "enabled".
class FileAutoStart final : public AutoStart
{
public:
    FileAutoStart(QString path, QByteArray contents)
        : m_path(std::move(path))
        , m_contents(std::move(contents))
    {}

    bool isEnabled() const override { return QFile::exists(m_path); }
    QString location() const override { return m_path; }

    Status setEnabled(bool enabled) override
    {
        if (!enabled) {
            if (QFile::exists(m_path) && !QFile::remove(m_path))
                return Error(ErrorCode::Failed, QCoreApplication::translate("utter::ui::AutoStart",
                                                                            "Could not remove %1; delete it by hand.")
                                                    .arg(m_path));
            return {};
        }
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        QSaveFile file(m_path);
        if (!file.open(QIODevice::WriteOnly) || file.write(m_contents) != m_contents.size() || !file.commit())
            return Error(ErrorCode::Failed,
                         QCoreApplication::translate("utter::ui::AutoStart",
                                                     "Could not write %1 (%2); check that the folder is writable.")
                             .arg(m_path, file.errorString()));
        return {};
    }

private:
    QString m_path;
    QByteArray m_contents;
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
#if defined(Q_OS_WIN)
    return std::make_unique<RunKeyAutoStart>(u"\""_s + QDir::toNativeSeparators(binary) + u"\""_s);
#elif defined(Q_OS_MACOS)
    const QString path = QDir::homePath() + u"/Library/LaunchAgents/app.utter.Utter.plist"_s;
    const QString plist =
        u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        "<plist version=\"1.0\"><dict>\n"
        "  <key>Label</key><string>app.utter.Utter</string>\n"
        "  <key>ProgramArguments</key><array><string>%1</string></array>\n"
        "  <key>RunAtLoad</key><true/>\n"
        "  <key>ProcessType</key><string>Interactive</string>\n"
        "</dict></plist>\n"_s.arg(binary.toHtmlEscaped());
    return std::make_unique<FileAutoStart>(path, plist.toUtf8());
#else
    const QString path =
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/autostart/utter.desktop"_s;
    const QString entry = u"[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Utter\n"
                          "Comment=Dictation: hold a key, speak, and the words land where you type\n"
                          "Exec=%1\n"
                          "Icon=utter\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n"
                          "X-GNOME-Autostart-Delay=2\n"_s.arg(quotedExec(binary));
    return std::make_unique<FileAutoStart>(path, entry.toUtf8());
#endif
}

} // namespace utter::ui
