// Microphone privacy (issue 18, defect 11): what closing the microphone between dictations costs. On real
// PulseAudio (tests/with-services.sh: the virtual microphone "virtmic" fed in real time), for each of N presses:
//   closed  — audio/keepOpen=false: the device opens at the press; press → first captured sample (what is said
//             before it is lost, and there is no pre-roll);
//   open    — audio/keepOpen=true (the baseline, same run): press → first block (the pre-roll) and press → first
//             live block.
// The feeder keeps the pipe source fed in real time (a closed microphone's pipe fills meanwhile, so what the
// first captured samples contain says nothing about a real microphone; only the times are measured). Prints
// medians and the 90th percentile, and the ratio closed/open; asserts nothing.
//   tests/with-services.sh build/bench/audio/benchmicopen [presses]
#include "audio/audiocapture.h"
#include "realtimefeeder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace utter;

namespace
{

struct Sample
{
    double firstBlockMs = -1; // press → first block with samples
    double firstLiveMs = -1;  // press → first block captured after the press (open: after the pre-roll)
};

void waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5))];
}

// A quiet ramp: any signal does, the times are what is measured.
std::vector<std::int16_t> ramp(std::size_t n)
{
    std::vector<std::int16_t> pcm(n);
    for (std::size_t i = 0; i < n; ++i)
        pcm[i] = std::int16_t(i % 1024);
    return pcm;
}

std::vector<Sample> measure(bool keepOpen, int presses)
{
    std::vector<Sample> out;
    AudioCapture capture;
    CaptureConfig config;
    config.keepOpen = keepOpen;
    config.preRollMs = 500;
    bool opened = false;
    QObject::connect(&capture, &AudioCapture::opened, &capture, [&] { opened = true; });
    capture.open(config);
    if (keepOpen) {
        waitFor([&] { return opened; }, 10000);
        waitFor([] { return false; }, 700); // the pre-roll fills
    }
    for (int i = 0; i < presses; ++i) {
        Sample s;
        QElapsedTimer sincePress;
        bool ended = false;
        QObject context;
        std::int64_t liveSamples = 0;
        QObject::connect(
            &capture, &AudioCapture::samplesReady, &context,
            [&](const AudioBlock& block) {
                if (block.samples.empty())
                    return;
                const double ms = double(sincePress.nsecsElapsed()) / 1e6;
                if (s.firstBlockMs < 0) {
                    s.firstBlockMs = ms;
                    if (!keepOpen)
                        s.firstLiveMs = ms;
                    liveSamples = 0;
                    if (keepOpen && block.samples.size() >= 320 * 10)
                        return; // the pre-roll block
                }
                liveSamples += std::int64_t(block.samples.size());
                if (s.firstLiveMs < 0)
                    s.firstLiveMs = ms;
            },
            Qt::DirectConnection);
        QObject::connect(&capture, &AudioCapture::ended, &context, [&] { ended = true; });
        sincePress.start();
        capture.begin();
        waitFor([&] { return s.firstLiveMs >= 0 && sincePress.elapsed() > 300; }, 5000);
        capture.end();
        waitFor([&] { return ended; }, 5000);
        waitFor([] { return false; }, keepOpen ? 600 : 150); // between presses (open: the pre-roll refills)
        out.push_back(s);
    }
    capture.close();
    return out;
}

void report(const char* name, const std::vector<Sample>& samples, double Sample::*field)
{
    std::vector<double> v;
    for (const Sample& s : samples)
        if (s.*field >= 0)
            v.push_back(s.*field);
    std::printf("  %-44s median %7.1f ms   p90 %7.1f ms   (n=%zu)\n", name, percentile(v, 0.5), percentile(v, 0.9),
                v.size());
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int presses = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    const QString fifo = qEnvironmentVariable("UTTER_TEST_MIC_FIFO");
    if (fifo.isEmpty()) {
        std::fprintf(stderr, "needs the virtual microphone: run under tests/with-services.sh\n");
        return 2;
    }
    test::RealTimeFeeder feeder(fifo, ramp(std::size_t(16000) * 600));
    waitFor([&] { return feeder.written() > 16000; }, 5000);

    std::printf("press → first captured audio, real PulseAudio, %d presses each\n", presses);
    const std::vector<Sample> open = measure(true, presses);
    const std::vector<Sample> closed = measure(false, presses);
    std::printf("microphone open between dictations (audio/keepOpen=true, baseline):\n");
    report("press → first block (500 ms pre-roll)", open, &Sample::firstBlockMs);
    report("press → first live block", open, &Sample::firstLiveMs);
    std::printf("microphone closed between dictations (audio/keepOpen=false):\n");
    report("press → first captured sample", closed, &Sample::firstBlockMs);
    std::vector<double> o, c;
    for (const Sample& s : open)
        o.push_back(s.firstLiveMs);
    for (const Sample& s : closed)
        c.push_back(s.firstBlockMs);
    std::printf("ratio closed/open (first live audio, medians): %.2f\n", percentile(c, 0.5) / percentile(o, 0.5));
    return 0;
}
