#include <QTest>
class TestLifecycle final : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestLifecycle)
#include "testlifecycle.moc"
