#include "history/historystore.h"
#include "historymodel.h"
#include "historywindow.h"
#include "testenv.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

class TestHistoryWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_store =
            std::make_unique<HistoryStore>(m_home.dataDir() + u"/history.sqlite"_s, m_home.dataDir() + u"/audio"_s);
        QVERIFY(m_store->open().ok());
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-10);
        for (int i = 0; i < 450; ++i) {
            HistoryEntry e;
            e.timestamp = start.addSecs(i * 60);
            e.durationSeconds = 5 + i % 30;
            e.application = i % 2 ? u"thunderbird"_s : u"kate"_s;
            e.style = i % 3 ? QString() : u"email"_s;
            e.rawText = (i % 50 == 0 ? u"banana split number %1"_s : u"ordinary dictation number %1"_s).arg(i);
            e.styledText = e.style.isEmpty() ? QString() : u"Styled: "_s + e.rawText;
            e.sessionId = u"session-%1"_s.arg(i);
            QVERIFY(m_store->add(e).ok());
        }
    }

    void listLoadsLazily()
    {
        HistoryWindow window(*m_store);
        window.show();
        HistoryModel* model = window.model();
        QCOMPARE(model->rowCount(), HistoryModel::PageSize);
        QVERIFY(model->canFetchMore({}));
        // Newest first.
        QVERIFY(model->entry(0)->rawText.endsWith(u"449"_s));
        window.view()->scrollToBottom();
        QTRY_VERIFY(model->rowCount() > HistoryModel::PageSize);
        while (model->canFetchMore({}))
            model->fetchMore({});
        QCOMPARE(model->rowCount(), 450);
        QCOMPARE(model->headerData(HistoryModel::Application, Qt::Horizontal, Qt::DisplayRole).toString(),
                 u"Application"_s);
        QCOMPARE(model->index(1, HistoryModel::Application).data().toString(), u"kate"_s);
    }

    void searchAsYouType()
    {
        HistoryWindow window(*m_store);
        window.show();
        QTest::keyClicks(window.searchField(), u"bana"_s);
        QTRY_COMPARE(window.model()->query(), u"bana"_s);
        QCOMPARE(window.model()->rowCount(), 9);
        for (int row = 0; row < window.model()->rowCount(); ++row)
            QVERIFY(window.model()->entry(row)->rawText.startsWith(u"banana"_s));
        window.searchField()->setText(u"zzzz-nothing"_s);
        QTRY_COMPARE(window.model()->rowCount(), 0);
        window.searchField()->clear();
        QTRY_COMPARE(window.model()->rowCount(), HistoryModel::PageSize);
    }

    void copyDeleteExport()
    {
        HistoryWindow window(*m_store);
        window.show();
        window.selectRow(0);
        const HistoryEntry first = *window.model()->entry(0);
        window.copySelected();
        QCOMPARE(QGuiApplication::clipboard()->text(), first.text());

        QVERIFY(window.deleteSelected(false));
        QVERIFY(!m_store->get(first.id).ok());
        QVERIFY(window.model()->entry(0)->id != first.id);

        const QString path = m_home.path() + u"/export.md"_s;
        QVERIFY(window.exportTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("banana split number 400"));
        QVERIFY(!text.contains(first.rawText.toUtf8()));
        QVERIFY(!window.exportTo(m_home.path() + u"/export.doc"_s));
        QVERIFY(window.statusText().contains(u".md"_s));
    }

    // The detail pane says what a dictation held back, in one line per kind, and hides the line otherwise.
    void detailSaysWhatWasHeldBack()
    {
        HistoryStore store(m_home.dataDir() + u"/held.sqlite"_s, m_home.dataDir() + u"/held-audio"_s);
        QVERIFY(store.open().ok());
        HistoryEntry plain;
        plain.rawText = u"Nothing held back here."_s;
        plain.sessionId = u"plain"_s;
        QVERIFY(store.add(plain).ok());
        HistoryEntry held;
        held.rawText = u"Send the draft."_s;
        held.sessionId = u"held"_s;
        HeldBack keys;
        keys.kind = HeldBack::Kind::NotUploaded;
        keys.reason = HeldBack::Reason::NoVoice;
        keys.startS = 3.1;
        keys.endS = 6.2;
        HeldBack fan = keys;
        fan.startS = 12;
        fan.endS = 19.5;
        HeldBack phantom;
        phantom.reason = HeldBack::Reason::WhisperNoSpeech;
        phantom.noSpeechProb = 0.93;
        phantom.text = u"Thank you."_s;
        held.heldBack = {keys, fan, phantom};
        QVERIFY(store.add(held).ok());

        HistoryWindow window(store);
        window.show();
        QTRY_COMPARE(window.model()->rowCount(), 2);
        window.selectRow(0); // newest: the one that held back
        QVERIFY(window.heldBackLabel()->isVisible());
        QCOMPARE(window.heldBackLabel()->text(), u"Not uploaded: 2 sounds without a voice, 0:03–0:07, 0:12–0:20\n"
                                                 "Not typed: “Thank you.” (Whisper: no speech (p=0.93))"_s);
        window.selectRow(1);
        QVERIFY(!window.heldBackLabel()->isVisible());
    }

private:
    test::TestHome m_home;
    std::unique_ptr<HistoryStore> m_store;
};

QTEST_MAIN(TestHistoryWindow)
#include "testhistorywindow.moc"
