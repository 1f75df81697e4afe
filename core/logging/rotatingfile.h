#pragma once

#include <QFile>
#include <QString>

namespace utter
{

// An append-only file that rolls over to name.1, name.2, ... when it grows past a size limit.
// Not thread-safe: the log handler serialises access.
class RotatingFile final
{
public:
    RotatingFile(QString path, qint64 maxBytes, int keepFiles);

    bool append(const QByteArray& line);
    QString path() const { return m_path; }

private:
    bool openIfNeeded();
    void rotate();

    QString m_path;
    qint64 m_maxBytes;
    int m_keepFiles;
    QFile m_file;
};

} // namespace utter
