// The overlay's live transcript (issue 18 defect 4, issue 19): however long the dictation, the text shown fits the
// window — no line cut at the top or the bottom — and the newest chunk's moving text is dimmed.
#include "recordingoverlay.h"

#include <QApplication>
#include <QLabel>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using utter::ui::RecordingOverlay;

class TestOverlayText final : public QObject
{
    Q_OBJECT

private:
    // The body label shows all of its text: as tall as its text needs at its width, and inside the window.
    static void verifyFits(RecordingOverlay& overlay)
    {
        auto* body = overlay.findChild<QLabel*>(u"overlayBody"_s);
        QVERIFY(body);
        if (!body->isVisible())
            return;
        const int needed = body->heightForWidth(body->width());
        QVERIFY2(body->height() >= needed,
                 qPrintable(u"label %1 px high, its %2 characters need %3 px"_s.arg(body->height())
                                .arg(overlay.bodyText().size())
                                .arg(needed)));
        QVERIFY2(body->geometry().bottom() < overlay.height() && body->geometry().top() >= 0,
                 qPrintable(u"label %1..%2 in a window %3 px high"_s.arg(body->geometry().top())
                                .arg(body->geometry().bottom())
                                .arg(overlay.height())));
    }

private slots:
    void longDictationsFitTheWindow()
    {
        RecordingOverlay overlay;
        overlay.setReducedMotion(true);
        overlay.setServiceState(u"listening"_s);
        QTRY_VERIFY(overlay.isVisible());
        const QStringList words = {u"quarterly"_s, u"report"_s, u"to"_s,   u"Maria"_s,      u"before"_s,
                                   u"Friday,"_s,   u"and"_s,    u"then"_s, u"lighthouse"_s, u"tomatoes."_s};
        QString spoken;
        for (int sequence = 0; sequence < 14; ++sequence) {
            QString chunk;
            for (int w = 0; w < 7; ++w)
                chunk += (chunk.isEmpty() ? QString() : u" "_s) + words.at((sequence * 7 + w) % words.size());
            // The chunk grows delta by delta, as a realtime stream shows it.
            for (qsizetype at = 5; at < chunk.size(); at += 5) {
                overlay.setPartial(sequence, chunk.left(at));
                verifyFits(overlay);
                if (QTest::currentTestFailed())
                    return;
            }
            overlay.setPartial(sequence, chunk);
            verifyFits(overlay);
            if (QTest::currentTestFailed())
                return;
            spoken += (spoken.isEmpty() ? QString() : u" "_s) + chunk;
        }
        QVERIFY(overlay.bodyText().startsWith(u'…'));
        QVERIFY(spoken.endsWith(overlay.bodyText().mid(1)));
        overlay.setFinal(spoken);
        verifyFits(overlay);
    }

    void theMovingTailIsDimmed()
    {
        RecordingOverlay overlay;
        overlay.setReducedMotion(true);
        overlay.setServiceState(u"listening"_s);
        overlay.setPartial(0, u"Turn left at the old lighthouse."_s);
        overlay.setPartial(1, u"Remember to wat"_s);
        QCOMPARE(overlay.bodyText(), u"Turn left at the old lighthouse. Remember to wat"_s);
        auto* body = overlay.findChild<QLabel*>(u"overlayBody"_s);
        QVERIFY(body);
        const QString html = body->text();
        // Solid: the earlier chunk, outside any span; dimmed: the newest one, in a coloured span.
        QVERIFY2(html.startsWith(u"Turn left at the old lighthouse. <span style=\"color:#"_s), qPrintable(html));
        QVERIFY2(html.endsWith(u"\">Remember to wat</span>"_s), qPrintable(html));
        overlay.setFinal(u"Turn left at the old lighthouse. Remember to water the tomatoes."_s);
        QVERIFY(!body->text().contains(u"<span"_s));
        overlay.setPartial(2, u"<b>&"_s); // shown as typed, never as markup
        overlay.setFinal(QString());
        QVERIFY2(body->text().contains(u"&lt;b&gt;&amp;"_s), qPrintable(body->text()));
    }
};

QTEST_MAIN(TestOverlayText)
#include "testoverlaytext.moc"
