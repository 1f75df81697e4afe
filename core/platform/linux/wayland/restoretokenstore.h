#pragma once

#include "common/result.h"

#include <QString>

namespace utter
{

// Keeps the RemoteDesktop portal's restore token in one owner-only file (Utter's data dir,
// remotedesktop-restore-token), so the desktop's consent dialog is asked once, not at every session. The
// portal's tokens are single-use UUIDs: every started session hands out the next one, which replaces the old.
class RestoreTokenStore final
{
public:
    explicit RestoreTokenStore(QString filePath);

    QString filePath() const { return m_filePath; }
    // The stored token, or empty when there is none or the file holds anything but a token.
    QString load() const;
    // Replaces the stored token (atomically, mode 0600); an empty token removes the file.
    Status save(const QString& token) const;
    Status clear() const;

    // The portal refuses anything but a UUID string ("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", hex digits).
    static bool isValidToken(const QString& token);

private:
    QString m_filePath;
};

} // namespace utter
