#pragma once

#include "secretbackend.h"

#include <QStringList>

namespace utter
{

// Secrets in an INI file readable only by the user (0600), for machines where no keychain answers.
class FileSecretBackend final : public SecretBackend
{
public:
    explicit FileSecretBackend(QString path);

    QString description() const override;
    Result<std::optional<QString>> read(const QString& name) override;
    Status write(const QString& name, const QString& value) override;
    Status remove(const QString& name) override;

    QStringList names() const;
    QString path() const { return m_path; }

private:
    QString m_path;
};

} // namespace utter
