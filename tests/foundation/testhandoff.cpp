// Hand-offs between threads (core/common/handoff.h): a closure posted to a worker runs there, in posting order, with
// what it captured; a signal emitted on a worker reaches a slot on the main thread with copies of its arguments; a
// worker thread stops after the work posted before, and a thread that does not stop by the deadline is reported.
// Under ThreadSanitizer (UTTER_SANITIZE=thread) this test also checks that each hand-off is one TSan sees: plain
// (non-atomic) data written on one side and read on the other must not be reported.
#include "common/handoff.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

namespace utter
{

namespace
{

class Emitter final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

signals:
    void data(const QString& text, const std::vector<int>& values);
};

} // namespace

class TestHandOff final : public QObject
{
    Q_OBJECT

private slots:
    void postedWorkRunsOnTheWorkerInOrder()
    {
        QThread thread;
        QObject worker;
        worker.moveToThread(&thread);
        thread.start();

        std::vector<int> seen; // written on the worker only, read here after the thread stopped
        QThread* ranOn = nullptr;
        for (int i = 0; i < 100; ++i) {
            auto payload = std::make_unique<std::vector<int>>(100, i); // written here, read on the worker
            postTo(&worker, [&seen, &ranOn, payload = std::move(payload)] {
                ranOn = QThread::currentThread();
                seen.push_back(payload->front() + payload->back());
            });
        }
        QVERIFY(stopWorkerThread(&thread, &worker, [&seen] { seen.push_back(-1); }));

        QCOMPARE(ranOn, &thread);
        QCOMPARE(seen.size(), std::size_t(101));
        for (int i = 0; i < 100; ++i)
            QCOMPARE(seen[std::size_t(i)], 2 * i);
        QCOMPARE(seen.back(), -1);
    }

    void signalArgumentsAreCopiedToTheContextThread()
    {
        QThread thread;
        auto owned = std::make_unique<Emitter>(); // deleted here once its thread has stopped
        Emitter* emitter = owned.get();
        emitter->moveToThread(&thread);
        thread.start();

        QObject context;
        QStringList texts;
        std::vector<int> sums;
        QThread* ranOn = nullptr;
        connectHandOff(emitter, &Emitter::data, &context, [&](const QString& text, const std::vector<int>& values) {
            ranOn = QThread::currentThread();
            texts << text;
            int sum = 0;
            for (const int v : values)
                sum += v;
            sums.push_back(sum);
        });
        postTo(emitter, [emitter] {
            for (int i = 0; i < 20; ++i) {
                std::vector<int> values(50, i); // a fresh buffer each time, freed after the emit
                emit emitter->data(QString::number(i).repeated(3), values);
            }
        });
        QTRY_COMPARE(sums.size(), std::size_t(20));
        QCOMPARE(ranOn, QThread::currentThread());
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(texts.at(i), QString::number(i).repeated(3));
            QCOMPARE(sums[std::size_t(i)], 50 * i);
        }
        QVERIFY(stopWorkerThread(&thread, emitter, [] {}));
    }

    void aThreadThatDoesNotStopByTheDeadlineIsReported()
    {
        QThread thread;
        QObject worker;
        worker.moveToThread(&thread);
        thread.start();
        QSemaphore started;
        QSemaphore release;
        postTo(&worker, [&] {
            started.release();
            release.acquire(); // busy until the test lets go
        });
        started.acquire();

        QVERIFY(!stopWorkerThread(
            &thread, &worker, [] {}, QDeadlineTimer(50)));
        QVERIFY(thread.isRunning());

        release.release();
        QVERIFY(thread.wait());
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestHandOff)
#include "testhandoff.moc"
