#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <QString>

#include <fcntl.h>
#include <unistd.h>

namespace utter::test
{

// Writes PCM into a FIFO at real-time pace (20 ms blocks), on its own thread.
class RealTimeFeeder final
{
public:
    RealTimeFeeder(const QString& fifo, std::vector<std::int16_t> pcm)
        : m_pcm(std::move(pcm))
    {
        m_thread = std::thread([this, path = fifo.toStdString()] {
            const int fd = ::open(path.c_str(), O_WRONLY);
            if (fd < 0) {
                m_failed = true;
                m_done = true;
                return;
            }
            const std::size_t block = 320;
            auto next = std::chrono::steady_clock::now();
            for (std::size_t at = 0; at < m_pcm.size() && !m_stop; at += block) {
                const std::size_t n = std::min(block, m_pcm.size() - at);
                const char* bytes = reinterpret_cast<const char*>(m_pcm.data() + at);
                std::size_t left = n * 2;
                while (left > 0) {
                    const ssize_t w = ::write(fd, bytes, left);
                    if (w <= 0) {
                        m_failed = true;
                        break;
                    }
                    bytes += w;
                    left -= std::size_t(w);
                }
                m_written = at + n;
                next += std::chrono::milliseconds(20);
                std::this_thread::sleep_until(next);
            }
            ::close(fd);
            m_done = true;
        });
    }
    ~RealTimeFeeder()
    {
        m_stop = true;
        m_thread.join();
    }
    bool done() const { return m_done; }
    bool failed() const { return m_failed; }
    std::size_t written() const { return m_written; }

private:
    std::vector<std::int16_t> m_pcm;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_done{false};
    std::atomic<bool> m_failed{false};
    std::atomic<std::size_t> m_written{0};
};

} // namespace utter::test
