#include "platform/platformdoctor.h"
#include "settings/settings.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

const DoctorCheck* find(const QList<DoctorCheck>& checks, const QString& name)
{
    for (const DoctorCheck& check : checks) {
        if (check.name == name)
            return &check;
    }
    return nullptr;
}

} // namespace

// The desktop part of `utter doctor` on the fake backends (UTTER_PLATFORM_BACKEND=fake): every failure comes
// with the exact fix.
class TestPlatformDoctor : public QObject
{
    Q_OBJECT

private slots:
    void reportsBadSettingsWithFixes()
    {
        // Settings refuse such values (settingrules.h), so the doctor is handed them directly, as a settings file
        // from a newer or older Utter could still describe them to it.
        QTemporaryDir dir;
        Settings settings(dir.filePath(u"utter.ini"_s));
        QVERIFY(!settings.setValue(SettingKey::HotkeyCancel, u"Ctrl+Foo"_s).ok());
        QVERIFY(!settings.setValue(SettingKey::TransformAppStyles, QStringList{u"Slack=casual"_s, u"nonsense"_s}).ok());
        HotkeyConfig hotkeys = HotkeyConfig::fromSettings(settings);
        hotkeys.cancelText = u"Ctrl+Foo"_s;
        hotkeys.cancel = KeySpec::parse(hotkeys.cancelText);
        const QList<DoctorCheck> checks =
            PlatformDoctor(hotkeys, OutputConfig::fromSettings(settings), {u"Slack=casual"_s, u"nonsense"_s}).checks();

        const DoctorCheck* cancel = find(checks, u"cancel key"_s);
        QVERIFY(cancel);
        QCOMPARE(cancel->status, CheckStatus::Fail);
        QVERIFY(cancel->detail.contains(u"Unknown key \"Foo\""_s));
        QVERIFY(cancel->fix.startsWith(u"utter config set hotkey/cancel"_s));

        const DoctorCheck* styles = find(checks, u"app styles"_s);
        QVERIFY(styles);
        QCOMPARE(styles->status, CheckStatus::Fail);
        QVERIFY(styles->detail.contains(u"nonsense"_s));

        const DoctorCheck* grab = find(checks, u"global hotkey"_s);
        QVERIFY(grab);
        QCOMPARE(grab->status, CheckStatus::Ok); // the fake backend grabs anything
        QVERIFY2(grab->detail.contains(u"Ctrl+Alt+Space can be grabbed through fake"_s), qPrintable(grab->detail));
        for (const DoctorCheck& check : checks) {
            if (check.status == CheckStatus::Fail)
                QVERIFY2(!check.fix.isEmpty(), qPrintable(check.name));
        }
        QVERIFY(!find(checks, u"focused app"_s)); // asked by run(), without waiting

        // run(): the same checks, then the focused application once the probe has answered.
        PlatformDoctor doctor(hotkeys, OutputConfig::fromSettings(settings), {u"Slack=casual"_s, u"nonsense"_s});
        std::optional<QList<DoctorCheck>> ran;
        QObject context;
        doctor.run(&context, [&ran](QList<DoctorCheck> all) { ran = std::move(all); });
        QTRY_VERIFY(ran.has_value());
        QCOMPARE(ran->size(), checks.size() + 1);
        const DoctorCheck* focus = find(*ran, u"focused app"_s);
        QVERIFY(focus);
        QCOMPARE(focus->status, CheckStatus::Warn); // the fake backend's probe knows no application
    }
};

QTEST_GUILESS_MAIN(TestPlatformDoctor)
#include "testplatformdoctor.moc"
