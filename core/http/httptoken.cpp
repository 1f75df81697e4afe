#include "httptoken.h"

#include "httpfrontdoor.h"
#include "logging/logging.h"
#include "secrets/secretstore.h"

#include <QRandomGenerator>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString tokenName()
{
    return QString::fromLatin1(HttpFrontDoor::kTokenSecretName);
}

} // namespace

HttpToken::HttpToken(SecretStore& secrets, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(SecretStore::kRetryFailedMs);
    connect(&m_retry, &QTimer::timeout, this, &HttpToken::check);
}

HttpToken::~HttpToken() = default;

QString HttpToken::generate()
{
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(random.data()), random.size() / 4);
    return QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void HttpToken::start()
{
    connect(&m_secrets, &SecretStore::resolved, this, [this](const QString& name) {
        if (name == tokenName())
            check();
    });
    check();
}

void HttpToken::check()
{
    if (m_generating)
        return;
    const std::optional<SecretLookup> known = m_secrets.cached(tokenName());
    if (!known) {
        if (m_state != State::Ready)
            m_state = State::Reading; // resolved() brings us back
        return;
    }
    if (!known->value.isEmpty()) {
        setReady(known->value, secretSourceName(known->source));
        return;
    }
    if (known->failed) {
        m_detail = known->detail;
        if (m_state == State::Ready)
            return; // keep serving with the token we have; the keychain is asked again when it changes
        m_state = State::Waiting;
        if (!m_warned) {
            m_warned = true;
            qCWarning(lcHttp).noquote()
                << u"The HTTP API waits for its token: %1 Requests get 503 until then; the control socket "
                   "works. Unlock the keychain, or set UTTER_HTTP_TOKEN_API_KEY."_s.arg(m_detail);
        }
        m_retry.start();
        return;
    }
    // None stored anywhere: make one, use it at once, store it in the background.
    const QString token = generate();
    m_generating = true;
    m_secrets.setAsync(
        tokenName(), token, this,
        [this](const Result<SecretSource>& stored) {
            if (!stored.ok()) {
                qCWarning(lcHttp).noquote() << "Cannot store the HTTP API token:" << stored.error().message;
                return;
            }
            m_source = secretSourceName(stored.value());
            qCInfo(lcHttp).noquote() << "generated the HTTP API token; stored in" << m_source << "as" << tokenName();
        },
        SecretStore::KeychainRefuses::UseFile);
    m_generating = false;
    setReady(token, secretSourceName(SecretSource::Keychain));
}

void HttpToken::setReady(const QString& token, const QString& source)
{
    m_source = source;
    m_detail.clear();
    m_retry.stop();
    const bool changed = token != m_token || m_state != State::Ready;
    m_state = State::Ready;
    m_token = token;
    if (changed)
        emit ready(token);
}

QJsonObject HttpToken::describe() const
{
    QJsonObject json{{u"state"_s, m_state == State::Ready     ? u"ready"_s
                                  : m_state == State::Waiting ? u"waiting"_s
                                                              : u"reading"_s}};
    if (!m_source.isEmpty() && m_state == State::Ready)
        json.insert(u"source"_s, m_source);
    if (!m_detail.isEmpty())
        json.insert(u"detail"_s, m_detail);
    return json;
}

} // namespace utter
