#include "utterprocess.h"

#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

// The headless build (UTTER_BUILD_UI=OFF) must not depend on Qt Widgets, directly or indirectly.
class TestHeadlessBinary final : public QObject
{
    Q_OBJECT

private slots:
    void hasNoWidgetsDependency()
    {
#ifndef Q_OS_LINUX
        QSKIP("ldd is Linux-only");
#endif
        QProcess ldd;
        ldd.start(u"ldd"_s, {utter::test::utterBinary()});
        QVERIFY(ldd.waitForFinished());
        const QString libraries = QString::fromUtf8(ldd.readAllStandardOutput());
        QVERIFY2(libraries.contains(u"libQt6Core"_s), qPrintable(libraries));
        QVERIFY2(!libraries.contains(u"libQt6Widgets"_s), qPrintable(libraries));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessBinary)
#include "testheadlessbinary.moc"
