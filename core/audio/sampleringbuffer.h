#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace utter
{

// Fixed-capacity ring of s16 samples: always holds the most recent capacity() samples pushed. Used as the
// pre-roll buffer (the last ~0.5 s before the key press). Pure C++, not thread-safe (owned by one thread).
class SampleRingBuffer final
{
public:
    explicit SampleRingBuffer(std::size_t capacity = 0) { setCapacity(capacity); }

    void setCapacity(std::size_t capacity)
    {
        m_data.assign(capacity, 0);
        m_head = 0;
        m_size = 0;
    }
    std::size_t capacity() const { return m_data.size(); }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void clear()
    {
        m_head = 0;
        m_size = 0;
    }

    void push(std::span<const std::int16_t> samples)
    {
        const std::size_t cap = m_data.size();
        if (cap == 0)
            return;
        if (samples.size() >= cap)
            samples = samples.subspan(samples.size() - cap);
        for (const std::int16_t s : samples) {
            m_data[m_head] = s;
            m_head = (m_head + 1) % cap;
        }
        m_size = std::min(cap, m_size + samples.size());
    }

    // Oldest first.
    std::vector<std::int16_t> snapshot() const
    {
        std::vector<std::int16_t> out;
        out.reserve(m_size);
        const std::size_t cap = m_data.size();
        const std::size_t start = (m_head + cap - m_size) % (cap == 0 ? 1 : cap);
        for (std::size_t i = 0; i < m_size; ++i)
            out.push_back(m_data[(start + i) % cap]);
        return out;
    }

private:
    std::vector<std::int16_t> m_data;
    std::size_t m_head = 0; // next write position
    std::size_t m_size = 0;
};

} // namespace utter
