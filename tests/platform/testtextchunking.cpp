#include "platform/textchunking.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestTextChunking : public QObject
{
    Q_OBJECT

private slots:
    void shortTextIsOneChunk() { QCOMPARE(utter::utf16Chunks(u"hello"_s), QList<QString>{u"hello"_s}); }

    void splitsAtTwentyUnits()
    {
        const QString text(45, u'x');
        const QList<QString> chunks = utter::utf16Chunks(text);
        QCOMPARE(chunks.size(), 3);
        QCOMPARE(chunks[0].size(), 20);
        QCOMPARE(chunks[1].size(), 20);
        QCOMPARE(chunks[2].size(), 5);
        QCOMPARE(chunks.join(QString()), text);
    }

    void neverSplitsSurrogatePairs()
    {
        // 19 ASCII characters then an emoji (2 units): the pair must move to the next chunk whole.
        const QString text = QString(19, u'a') + u"😀你好é"_s;
        const QList<QString> chunks = utter::utf16Chunks(text);
        QCOMPARE(chunks.size(), 2);
        QCOMPARE(chunks[0], QString(19, u'a'));
        QCOMPARE(chunks[1], u"😀你好é"_s);
        for (const QString& chunk : chunks) {
            QVERIFY(chunk.size() <= 20);
            QVERIFY(!chunk.back().isHighSurrogate());
            QVERIFY(!chunk.front().isLowSurrogate());
        }
        // Only emoji: 10 per chunk.
        QString emoji;
        for (int i = 0; i < 25; ++i)
            emoji += u"🎤"_s;
        const QList<QString> e = utter::utf16Chunks(emoji);
        QCOMPARE(e.size(), 3);
        QCOMPARE(e[0].size(), 20);
        QCOMPARE(e.join(QString()), emoji);
    }

    void newlinesAreOwnChunks()
    {
        const QList<QString> chunks = utter::utf16Chunks(u"one\r\ntwo\nthree"_s);
        QCOMPARE(chunks, (QList<QString>{u"one"_s, u"\n"_s, u"two"_s, u"\n"_s, u"three"_s}));
    }

    void windowsEventPlan()
    {
        const auto events = utter::windowsUnicodeEvents(u"aé😀\r\n"_s);
        // a, é: 2 events each; emoji: 2 units × 2; CRLF: one Return down/up.
        QCOMPARE(events.size(), 2 + 2 + 4 + 2);
        QCOMPARE(events[0].unit, quint16('a'));
        QVERIFY(!events[0].keyUp);
        QVERIFY(events[1].keyUp);
        QCOMPARE(events[2].unit, quint16(0xe9));
        QCOMPARE(events[4].unit, quint16(0xd83d)); // high surrogate first
        QCOMPARE(events[6].unit, quint16(0xde00));
        QVERIFY(events[8].isVirtualKey);
        QCOMPARE(events[8].unit, quint16(0x0d)); // VK_RETURN
        QVERIFY(events[9].keyUp);
    }

    void keysyms()
    {
        QCOMPARE(utter::keysymForCodePoint(U'a'), 0x61u);
        QCOMPARE(utter::keysymForCodePoint(U'é'), 0xe9u);
        QCOMPARE(utter::keysymForCodePoint(U'ß'), 0xdfu);
        QCOMPARE(utter::keysymForCodePoint(U'你'), 0x01000000u + 0x4f60u);
        QCOMPARE(utter::keysymForCodePoint(U'😀'), 0x01000000u + 0x1f600u);
        QCOMPARE(utter::keysymForCodePoint(U'\n'), 0xff0du);
        QCOMPARE(utter::keysymForCodePoint(U'\x07'), 0u);
    }
};

QTEST_GUILESS_MAIN(TestTextChunking)
#include "testtextchunking.moc"
