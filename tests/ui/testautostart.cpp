#include "autostart.h"
#include "common/version.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

// The XDG autostart entry (Linux/BSD): named after the application id, migrated from the old utter.desktop.
class TestAutoStart final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        qputenv("XDG_CONFIG_HOME", m_config->path().toUtf8());
    }

    void cleanup()
    {
        qunsetenv("XDG_CONFIG_HOME");
        m_config.reset();
    }

    void entryIsNamedAfterTheAppId()
    {
        QCOMPARE(appId(), u"dev.utter.Utter"_s);
        const auto autoStart = AutoStart::create(u"/opt/My Apps/utter"_s);
        QCOMPARE(autoStart->location(), entry());
        QVERIFY(!autoStart->isEnabled());
        QVERIFY(autoStart->setEnabled(true).ok());
        QVERIFY(autoStart->isEnabled());

        QSettings desktop(entry(), QSettings::IniFormat);
        desktop.beginGroup(u"Desktop Entry"_s);
        QCOMPARE(desktop.value(u"Icon"_s).toString(), u"dev.utter.Utter"_s);
        QCOMPARE(desktop.value(u"Type"_s).toString(), u"Application"_s);
        QFile file(entry());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\nExec=\"/opt/My Apps/utter\"\n"));

        QVERIFY(autoStart->setEnabled(false).ok());
        QVERIFY(!QFile::exists(entry()));
        QVERIFY(!autoStart->isEnabled());
    }

    void writingTheEntryRemovesTheOldOne()
    {
        writeLegacy();
        const auto autoStart = AutoStart::create(u"/usr/bin/utter"_s);
        // The old entry is not the current one: the desktop app sees "off" and writes the new entry at start.
        QVERIFY(!autoStart->isEnabled());
        QVERIFY(autoStart->setEnabled(true).ok());
        QVERIFY(QFile::exists(entry()));
        QVERIFY(!QFile::exists(legacy()));
    }

    void switchingOffRemovesBoth()
    {
        const auto autoStart = AutoStart::create(u"/usr/bin/utter"_s);
        QVERIFY(autoStart->setEnabled(true).ok());
        writeLegacy();
        QVERIFY(autoStart->setEnabled(false).ok());
        QVERIFY(!QFile::exists(entry()));
        QVERIFY(!QFile::exists(legacy()));
    }

    void anUnrelatedEntryIsKept()
    {
        const QString other = m_config->filePath(u"autostart/utter-notes.desktop"_s);
        QVERIFY(QDir().mkpath(QFileInfo(other).absolutePath()));
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const auto autoStart = AutoStart::create(u"/usr/bin/utter"_s);
        QVERIFY(autoStart->setEnabled(true).ok());
        QVERIFY(autoStart->setEnabled(false).ok());
        QVERIFY(QFile::exists(other));
    }

private:
    QString entry() const { return m_config->filePath(u"autostart/dev.utter.Utter.desktop"_s); }
    QString legacy() const { return m_config->filePath(u"autostart/utter.desktop"_s); }

    void writeLegacy()
    {
        QVERIFY(QDir().mkpath(QFileInfo(legacy()).absolutePath()));
        QFile file(legacy());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[Desktop Entry]\nType=Application\nName=Utter\nExec=/usr/bin/utter\nIcon=utter\n");
    }

    std::unique_ptr<QTemporaryDir> m_config;
};

QTEST_GUILESS_MAIN(TestAutoStart)
#include "testautostart.moc"
