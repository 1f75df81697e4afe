#include "keycapturewidget.h"
#include "secrets/filesecretbackend.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "settingsdialog.h"
#include "settingsform.h"
#include "styleeditor.h"
#include "testenv.h"
#include "wheelguard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private:
    QString iniPath() const { return m_home->configDir() + u"/utter.ini"_s; }
    QByteArray iniBytes() const
    {
        QFile f(iniPath());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    template<typename W>
    W* editor(SettingsDialog& dialog, SettingKey key)
    {
        return qobject_cast<W*>(dialog.form().editor(key));
    }

private slots:
    void init()
    {
        for (const char* name : {"GROQ_API_KEY", "UTTER_GROQ_API_KEY", "DEEPSEEK_API_KEY", "UTTER_DEEPSEEK_API_KEY"})
            qunsetenv(name);
        m_home = std::make_unique<test::TestHome>();
        m_settings = std::make_unique<Settings>(iniPath());
        m_secrets = std::make_unique<SecretStore>(
            nullptr, std::make_unique<FileSecretBackend>(m_home->configDir() + u"/secrets.ini"_s));
    }

    void cleanup()
    {
        m_secrets.reset();
        m_settings.reset();
        m_home.reset();
    }

    void everySectionIsThere()
    {
        SettingsDialog dialog(*m_settings, m_secrets.get());
        const QList<SettingsDialog::Page> pages = {SettingsDialog::Page::General, SettingsDialog::Page::Hotkeys,
                                                   SettingsDialog::Page::Audio,   SettingsDialog::Page::Providers,
                                                   SettingsDialog::Page::Styles,  SettingsDialog::Page::Output,
                                                   SettingsDialog::Page::History, SettingsDialog::Page::Advanced};
        for (SettingsDialog::Page page : pages) {
            dialog.showPage(page);
            QCOMPARE(dialog.currentPage(), page);
        }
        for (SettingKey key : {SettingKey::GeneralMode, SettingKey::HotkeyDictate, SettingKey::AudioDevice,
                               SettingKey::TranscribeUrl, SettingKey::TransformAppStyles, SettingKey::OutputMethods,
                               SettingKey::HistoryRetention, SettingKey::HttpListen}) {
            QWidget* w = dialog.form().editor(key);
            QVERIFY(w);
            QVERIFY2(!w->accessibleName().isEmpty(), "every control has an accessible name");
        }
    }

    void setupCanBeRunAgain()
    {
        SettingsDialog dialog(*m_settings, m_secrets.get());
        dialog.showPage(SettingsDialog::Page::General);
        QPushButton* setup = nullptr;
        for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
            if (button->text().contains(u"setup again"_s))
                setup = button;
        }
        QVERIFY(setup);
        QVERIFY(!setup->accessibleName().isEmpty());
        QSignalSpy requested(&dialog, &SettingsDialog::setupRequested);
        setup->click();
        QCOMPARE(requested.size(), 1);
    }

    void roundTrip()
    {
        {
            SettingsDialog dialog(*m_settings, m_secrets.get());
            auto* mode = editor<QComboBox>(dialog, SettingKey::GeneralMode);
            mode->setCurrentIndex(mode->findData(u"hands-free"_s));
            editor<QLineEdit>(dialog, SettingKey::GeneralLanguage)->setText(u"de"_s);
            editor<QSpinBox>(dialog, SettingKey::AudioPreRollMs)->setValue(750);
            editor<QDoubleSpinBox>(dialog, SettingKey::AudioVadSensitivity)->setValue(0.8);
            QVERIFY(!editor<QCheckBox>(dialog, SettingKey::AudioKeepOpen)->isChecked()); // off by default (privacy)
            editor<QCheckBox>(dialog, SettingKey::AudioKeepOpen)->setChecked(true);
            editor<KeyCaptureWidget>(dialog, SettingKey::HotkeyDictate)->setKeySpec(u"F9"_s);
            editor<QPlainTextEdit>(dialog, SettingKey::TransformAppStyles)->setPlainText(u"thunderbird=email\n"_s);
            editor<QLineEdit>(dialog, SettingKey::TranscribeUrl)->setText(u"http://127.0.0.1:9000/v1"_s);
            dialog.secretEditor(u"transcribe"_s)->setText(u"gsk_round_trip_1234"_s);
            QVERIFY(dialog.apply().ok());
            QCOMPARE(dialog.secretEditor(u"transcribe"_s)->text(), QString());
            QVERIFY(dialog.secretEditor(u"transcribe"_s)->placeholderText().contains(u"1234"_s));
        }
        Settings reread(iniPath());
        QCOMPARE(reread.stringValue(SettingKey::GeneralMode), u"hands-free"_s);
        QCOMPARE(reread.stringValue(SettingKey::GeneralLanguage), u"de"_s);
        QCOMPARE(reread.intValue(SettingKey::AudioPreRollMs), 750);
        QCOMPARE(reread.doubleValue(SettingKey::AudioVadSensitivity), 0.8);
        QCOMPARE(reread.boolValue(SettingKey::AudioKeepOpen), true);
        QCOMPARE(reread.stringValue(SettingKey::HotkeyDictate), u"F9"_s);
        QCOMPARE(reread.stringListValue(SettingKey::TransformAppStyles), QStringList{u"thunderbird=email"_s});
        QCOMPARE(reread.stringValue(SettingKey::TranscribeUrl), u"http://127.0.0.1:9000/v1"_s);
        QCOMPARE(m_secrets->value(u"groq"_s), u"gsk_round_trip_1234"_s);
        QVERIFY(!iniBytes().contains("gsk_round_trip"));

        // A fresh dialog shows what was saved.
        SettingsDialog again(*m_settings, m_secrets.get());
        QCOMPARE(again.form().editorValue(SettingKey::GeneralLanguage).toString(), u"de"_s);
        QCOMPARE(again.form().editorValue(SettingKey::HotkeyDictate).toString(), u"F9"_s);
        QVERIFY(!again.form().isModified());
    }

    void invalidFieldSavesNothing()
    {
        QVERIFY(m_settings->setValue(SettingKey::AudioPreRollMs, 300).ok());
        const QByteArray before = iniBytes();
        SettingsDialog dialog(*m_settings, m_secrets.get());
        dialog.showPage(SettingsDialog::Page::General);
        editor<QSpinBox>(dialog, SettingKey::AudioPreRollMs)->setValue(900); // valid, on another page
        editor<QLineEdit>(dialog, SettingKey::TranscribeUrl)->setText(u"ftp://nowhere"_s);
        dialog.secretEditor(u"transcribe"_s)->setText(u"gsk_must_not_be_saved"_s);
        QVERIFY(!dialog.form().errorFor(SettingKey::TranscribeUrl).isEmpty());
        const Status applied = dialog.apply();
        QVERIFY(!applied.ok());
        QCOMPARE(iniBytes(), before);
        QCOMPARE(m_secrets->value(u"groq"_s), QString());
        QCOMPARE(dialog.currentPage(), SettingsDialog::Page::Providers); // jumped to the bad field
        QVERIFY(dialog.statusText().contains(u"Nothing was saved"_s));
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        // Fixing it makes the dialog savable again.
        editor<QLineEdit>(dialog, SettingKey::TranscribeUrl)->setText(u"https://api.groq.com/openai/v1"_s);
        QVERIFY(dialog.form().errorFor(SettingKey::TranscribeUrl).isEmpty());
        QVERIFY(dialog.apply().ok());
        QCOMPARE(Settings(iniPath()).intValue(SettingKey::AudioPreRollMs), 900);
    }

    void extraRules_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("language ok") << int(SettingKey::GeneralLanguage) << u"fr"_s << true;
        QTest::newRow("language long") << int(SettingKey::GeneralLanguage) << u"french"_s << false;
        QTest::newRow("listen ok") << int(SettingKey::HttpListen) << u"127.0.0.1:8765"_s << true;
        QTest::newRow("listen no port") << int(SettingKey::HttpListen) << u"localhost"_s << false;
        QTest::newRow("app rule bad") << int(SettingKey::TransformAppStyles) << u"thunderbird"_s << false;
        QTest::newRow("replacement bad") << int(SettingKey::OutputReplacements) << u"teh->the"_s << false;
        QTest::newRow("replacement ok") << int(SettingKey::OutputReplacements) << u"teh=>the"_s << true;
        QTest::newRow("empty model") << int(SettingKey::TranscribeModel) << QString() << false;
    }

    void extraRules()
    {
        QFETCH(int, key);
        QFETCH(QString, text);
        QFETCH(bool, valid);
        SettingsDialog dialog(*m_settings, nullptr);
        QWidget* w = dialog.form().editor(SettingKey(key));
        if (auto* line = qobject_cast<QLineEdit*>(w))
            line->setText(text);
        else if (auto* plain = qobject_cast<QPlainTextEdit*>(w))
            plain->setPlainText(text);
        else
            QFAIL("unexpected editor");
        QCOMPARE(dialog.form().errorFor(SettingKey(key)).isEmpty(), valid);
    }

    void hotkeyConflictIsShown()
    {
        SettingsDialog dialog(*m_settings, nullptr);
        editor<KeyCaptureWidget>(dialog, SettingKey::HotkeyDictate)->setKeySpec(u"F9"_s);
        auto* cancel = editor<KeyCaptureWidget>(dialog, SettingKey::HotkeyCancel);
        cancel->setKeySpec(u"F9"_s);
        emit cancel->keySpecChanged(u"F9"_s);
        QVERIFY(dialog.form().errorFor(SettingKey::HotkeyCancel).contains(u"differ"_s));
        QVERIFY(!dialog.apply().ok());
        editor<KeyCaptureWidget>(dialog, SettingKey::HotkeyDictate)->setKeySpec(u"Ctrl+C"_s);
        emit cancel->keySpecChanged(u"F9"_s);
        QVERIFY(!dialog.form().errorFor(SettingKey::HotkeyDictate).isEmpty());
    }

    void theWheelChangesOnlyAFocusedField()
    {
        // Issue 18: scrolling the Styles page over its fields turned Timeout (s) from 15 to 1, and Apply saved it.
        WheelGuard guard; // as DesktopApp installs it
        qApp->installEventFilter(&guard);
        SettingsDialog dialog(*m_settings, m_secrets.get());
        dialog.showPage(SettingsDialog::Page::Styles);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* timeout = editor<QSpinBox>(dialog, SettingKey::TransformTimeoutS);
        auto* mode = editor<QComboBox>(dialog, SettingKey::GeneralMode);
        QVERIFY(timeout && mode);
        // The wheel no longer focuses a field (Qt's default for both is WheelFocus).
        QCOMPARE(timeout->focusPolicy(), Qt::StrongFocus);
        QCOMPARE(mode->focusPolicy(), Qt::StrongFocus);
        const auto scroll = [](QWidget* field, int steps) {
            const QPointF at = QRectF(field->rect()).center();
            QWheelEvent wheel(at, field->mapToGlobal(at), QPoint(), QPoint(0, -120 * steps), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(field, &wheel);
        };
        dialog.setFocus();
        const int before = timeout->value();
        const int modeBefore = mode->currentIndex();
        scroll(timeout, 5);
        scroll(mode, 1);
        QCOMPARE(timeout->value(), before);
        QCOMPARE(mode->currentIndex(), modeBefore);
        // Clicked or tabbed into, a field takes the wheel as usual.
        timeout->setFocus();
        QTRY_VERIFY(timeout->hasFocus());
        scroll(timeout, 2);
        QCOMPARE(timeout->value(), before - 2);
        qApp->removeEventFilter(&guard);
    }

    void endpointsAndModelsAreBehindADisclosure()
    {
        SettingsDialog dialog(*m_settings, m_secrets.get());
        dialog.show();
        dialog.showPage(SettingsDialog::Page::Providers);
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.disclosures().size(), 2); // Providers, Styles
        QToolButton* endpoints = dialog.disclosures().constFirst();
        QWidget* url = dialog.form().editor(SettingKey::TranscribeUrl);
        // Common choices first: the key and its test are shown, the raw URL and model id are not.
        QVERIFY(dialog.secretEditor(u"transcribe"_s)->isVisible());
        QVERIFY(!endpoints->isChecked());
        QVERIFY(!url->isVisible());
        QVERIFY(!dialog.form().editor(SettingKey::TranscribeModel)->isVisible());
        QVERIFY(!endpoints->accessibleName().isEmpty());
        endpoints->click();
        QVERIFY(url->isVisible());
        QVERIFY(dialog.form().editor(SettingKey::SpeechVoice)->isVisible());
        endpoints->click();
        QVERIFY(!url->isVisible());

        // An error behind a closed disclosure opens it, so the field marked red can be seen.
        qobject_cast<QLineEdit*>(url)->setText(u"ftp://nowhere"_s);
        dialog.showPage(SettingsDialog::Page::General);
        QVERIFY(!dialog.apply().ok());
        QCOMPARE(dialog.currentPage(), SettingsDialog::Page::Providers);
        QVERIFY(endpoints->isChecked());
        QVERIFY(url->isVisible());

        // What the user set is never hidden: a custom endpoint opens the disclosure from the start.
        QVERIFY(m_settings->setValue(SettingKey::TranscribeUrl, u"http://127.0.0.1:9000/v1"_s).ok());
        SettingsDialog custom(*m_settings, m_secrets.get());
        QVERIFY(custom.disclosures().constFirst()->isChecked());
        QVERIFY(!custom.disclosures().constLast()->isChecked()); // the style endpoint is still the default
    }

    void buttonsFitAtTheDefaultSize()
    {
        // Issue 18, defect 8: at the default size the style editor's buttons were below the fold.
        SettingsDialog dialog(*m_settings, m_secrets.get());
        dialog.setStylesDir(m_home->configDir() + u"/styles"_s);
        dialog.showPage(SettingsDialog::Page::Styles);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        StyleEditor* editor = dialog.styleEditor();
        QVERIFY(editor);
        QScrollArea* area = nullptr;
        for (QScrollArea* candidate : dialog.findChildren<QScrollArea*>()) {
            if (candidate->widget() && candidate->widget()->isAncestorOf(editor))
                area = candidate;
        }
        QVERIFY(area);
        const QRect viewport = area->viewport()->rect();
        for (QAbstractButton* button : editor->findChildren<QAbstractButton*>()) {
            if (!button->isVisible())
                continue;
            const QRect at(button->mapTo(area->viewport(), QPoint(0, 0)), button->size());
            QVERIFY2(viewport.contains(at), qPrintable(button->text() + u" is cut off"_s));
        }
        // The Advanced page's tools sit in a button box with the platform's spacing, none overlapping.
        dialog.showPage(SettingsDialog::Page::Advanced);
        auto* tools = dialog.findChild<QDialogButtonBox*>(u"advancedTools"_s);
        QVERIFY(tools);
        const QList<QAbstractButton*> buttons = tools->buttons();
        QCOMPARE(buttons.size(), 3);
        QTRY_VERIFY(buttons.constFirst()->isVisible());
        for (qsizetype i = 0; i < buttons.size(); ++i) {
            for (qsizetype j = i + 1; j < buttons.size(); ++j)
                QVERIFY(!buttons.at(i)->geometry().intersects(buttons.at(j)->geometry()));
        }
    }

    void diagnosticsHaveNoSecrets()
    {
        QVERIFY(m_secrets->set(u"groq"_s, u"gsk_secret_diag_5678"_s).ok());
        SettingsDialog dialog(*m_settings, m_secrets.get());
        const QString text = dialog.diagnostics();
        QVERIFY(text.contains(u"Utter "_s));
        QVERIFY(!text.contains(u"gsk_secret_diag_5678"_s));
        // The masked field shows only the last four characters as a hint.
        QVERIFY(dialog.secretEditor(u"transcribe"_s)->placeholderText().contains(u"5678"_s));
        QCOMPARE(dialog.secretEditor(u"transcribe"_s)->echoMode(), QLineEdit::Password);
    }

private:
    std::unique_ptr<test::TestHome> m_home;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
};

QTEST_MAIN(TestSettingsDialog)
#include "testsettingsdialog.moc"
