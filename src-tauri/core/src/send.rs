//! Test emails, as Ghost and Buttondown offer them: the issue's `.eml` sent over
//! SMTP to the editor's own address, so she sees in her own inbox, in her own mail
//! clients, what readers will get.
//!
//! What goes out is the `.eml` as exported, its parts byte for byte, with only the
//! headers a sent message needs changed (`To`, `Date`, `Message-ID`, no `X-Unsent`;
//! see `render/eml.rs`). The connection is lettre's SMTP client over the system's TLS
//! library and certificates, driven one step at a time so that each way
//! it can fail (server unreachable, TLS, login, sender, recipient) is its own
//! sentence. The password is passed in by the front end and never stored here.

use std::time::Duration;

use lettre::Address;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::mailing::SmtpSecurity;
use crate::newsroom::{Body, Format, Newsroom};
use crate::render::eml_for_sending;

/// How long a step of the conversation with the mail server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// What the mail server said when it took a test email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TestEmailSent {
    /// Where it went.
    pub to: String,
    /// The mail server it went through.
    pub host: String,
    /// Its Message-ID, to find it in the server's logs.
    pub message_id: String,
    /// The server's reply (`250 2.0.0 Ok: queued as …`).
    pub reply: String,
}

/// Sends issue `number`'s `.eml` as a test email to `to` (or, when `to` is none or
/// empty, to the `testRecipient` setting) through the mail server in the settings,
/// logging in with its `smtpUser` and `password` when a user is set.
pub fn send_test_email(
    newsroom: &Newsroom,
    number: u32,
    to: Option<&str>,
    password: Option<&str>,
    now: OffsetDateTime,
) -> Result<TestEmailSent> {
    let publication = newsroom.settings().publication();
    let host = publication.smtp_host.trim().to_owned();
    if host.is_empty() {
        return Err(Error::SmtpHostMissing);
    }
    let to = to
        .map(str::trim)
        .filter(|to| !to.is_empty())
        .unwrap_or(publication.test_recipient.trim());
    if to.is_empty() {
        return Err(Error::TestRecipientMissing);
    }
    let recipient = plain_address(to).ok_or_else(|| Error::InvalidRecipient {
        address: to.chars().take(80).collect(),
    })?;
    let user = publication.smtp_user.trim();
    let credentials = if user.is_empty() {
        None
    } else {
        let password = password
            .filter(|password| !password.is_empty())
            .ok_or_else(|| Error::SmtpPasswordMissing {
                host: host.clone(),
                user: user.to_owned(),
            })?;
        Some(Credentials::new(user.to_owned(), password.to_owned()))
    };
    let eml = newsroom.render(number, Format::Eml, Body::Saved)?;
    let (message, message_id) = eml_for_sending(&eml, &publication, to, now)?;
    let sender = plain_address(&publication.sender_email).ok_or_else(|| Error::SenderMissing {
        sender: publication.sender_email.chars().take(80).collect(),
    })?;
    let server = Server {
        host: &host,
        port: publication.smtp_port_or_usual(),
        security: publication.smtp_security,
    };
    let reply = server.send(
        credentials.as_ref().map(|credentials| (user, credentials)),
        &sender,
        &recipient,
        message.as_bytes(),
    )?;
    Ok(TestEmailSent {
        to: to.to_owned(),
        host,
        message_id,
        reply,
    })
}

/// `someone@example.org`, ASCII, as an SMTP envelope takes it; none otherwise.
fn plain_address(text: &str) -> Option<Address> {
    let text = text.trim();
    if !text.is_ascii() || text.contains(['<', '>', '"', ',', ' ']) {
        return None;
    }
    let (local, domain) = text.rsplit_once('@')?;
    (!local.is_empty() && domain.contains('.') && !domain.ends_with('.'))
        .then(|| text.parse::<Address>().ok())
        .flatten()
}

/// The mail server, and how to talk to it.
struct Server<'a> {
    host: &'a str,
    port: u16,
    security: SmtpSecurity,
}

impl Server<'_> {
    /// Delivers `message` from `sender` to `recipient`; the server's last reply.
    fn send(
        &self,
        login: Option<(&str, &Credentials)>,
        sender: &Address,
        recipient: &Address,
        message: &[u8],
    ) -> Result<String> {
        let hello = ClientId::default();
        let tls = TlsParameters::new(self.host.to_owned()).map_err(|error| Error::SmtpTls {
            host: self.host.to_owned(),
            detail: detail(&error),
        })?;
        let wrapped = (self.security == SmtpSecurity::Tls).then_some(&tls);
        let mut connection =
            SmtpConnection::connect((self.host, self.port), Some(TIMEOUT), &hello, wrapped, None)
                .map_err(|error| self.connect_failed(&error))?;
        let result = self.converse(
            &mut connection,
            &tls,
            &hello,
            login,
            sender,
            recipient,
            message,
        );
        // Whatever happened, say goodbye; a server that has hung up needs none.
        if result.is_ok() {
            let _ = connection.quit();
        } else {
            connection.abort();
        }
        result
    }

    #[allow(clippy::too_many_arguments)] // One step after the other, each with what it needs.
    fn converse(
        &self,
        connection: &mut SmtpConnection,
        tls: &TlsParameters,
        hello: &ClientId,
        login: Option<(&str, &Credentials)>,
        sender: &Address,
        recipient: &Address,
        message: &[u8],
    ) -> Result<String> {
        let host = self.host.to_owned();
        if self.security == SmtpSecurity::Starttls {
            if !connection
                .server_info()
                .supports_feature(Extension::StartTls)
            {
                return Err(Error::SmtpNoStarttls { host });
            }
            connection
                .starttls(tls, hello)
                .map_err(|error| self.connect_failed(&error))?;
        }
        if let Some((user, credentials)) = login {
            connection
                .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .map_err(|error| {
                    self.refused(&error, |reply| Error::SmtpLoginRefused {
                        host: host.clone(),
                        user: (*user).to_owned(),
                        reply,
                    })
                })?;
        }
        let mut parameters = Vec::new();
        if !message.is_ascii() {
            if !connection
                .server_info()
                .supports_feature(Extension::EightBitMime)
            {
                return Err(Error::SmtpFailed {
                    host,
                    detail: "the message has 8-bit text and the server does not take it".into(),
                });
            }
            parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        connection
            .command(Mail::new(Some(sender.clone()), parameters))
            .map_err(|error| {
                self.refused(&error, |reply| Error::SmtpSenderRejected {
                    host: host.clone(),
                    sender: sender.to_string(),
                    reply,
                })
            })?;
        connection
            .command(Rcpt::new(recipient.clone(), Vec::new()))
            .map_err(|error| {
                self.refused(&error, |reply| Error::SmtpRecipientRejected {
                    host: host.clone(),
                    to: recipient.to_string(),
                    reply,
                })
            })?;
        connection
            .command(Data)
            .map_err(|error| self.failed(&error))?;
        // lettre ends the data with CRLF "." CRLF, whose first CRLF belongs to the
        // message: without this, a message that ends with a line break (as every
        // .eml does) would arrive with an empty line more than it has.
        let message = message.strip_suffix(b"\r\n").unwrap_or(message);
        let reply = connection
            .message(message)
            .map_err(|error| self.failed(&error))?;
        Ok(format!(
            "{} {}",
            reply.code(),
            reply.message().collect::<Vec<_>>().join(" ")
        ))
    }

    /// The connection or its encryption failed.
    fn connect_failed(&self, error: &lettre::transport::smtp::Error) -> Error {
        if is_tls_failure(error) {
            Error::SmtpTls {
                host: self.host.to_owned(),
                detail: detail(error),
            }
        } else if error.status().is_some() {
            // The server answered, and said no before anything was asked of it.
            Error::SmtpFailed {
                host: self.host.to_owned(),
                detail: detail(error),
            }
        } else {
            Error::SmtpUnreachable {
                host: self.host.to_owned(),
                port: self.port,
                detail: if error.is_timeout() {
                    "no answer in 30 seconds".to_owned()
                } else {
                    detail(error)
                },
            }
        }
    }

    /// A step the server answered with a reply code: it said no, as `refusal` of
    /// its reply says; without one, the step failed otherwise.
    fn refused(
        &self,
        error: &lettre::transport::smtp::Error,
        refusal: impl FnOnce(String) -> Error,
    ) -> Error {
        match error.status() {
            Some(_) => refusal(detail(error)),
            None => self.failed(error),
        }
    }

    /// A later step failed otherwise.
    fn failed(&self, error: &lettre::transport::smtp::Error) -> Error {
        if is_tls_failure(error) {
            return Error::SmtpTls {
                host: self.host.to_owned(),
                detail: detail(error),
            };
        }
        Error::SmtpFailed {
            host: self.host.to_owned(),
            detail: detail(error),
        }
    }
}

/// Whether the error comes from TLS: a failed handshake or a certificate the system
/// does not trust, reported by lettre as TLS or inside the I/O error of the read
/// that needed it.
fn is_tls_failure(error: &lettre::transport::smtp::Error) -> bool {
    if error.is_tls() {
        return true;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(cause) = source {
        if cause.is::<native_tls::Error>() {
            return true;
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io
                .get_ref()
                .is_some_and(|inner| inner.is::<native_tls::Error>())
        {
            return true;
        }
        source = cause.source();
    }
    false
}

/// What went wrong, in the words of the server or the network: the reply code and
/// text for an SMTP reply, the innermost cause otherwise; on one line.
fn detail(error: &lettre::transport::smtp::Error) -> String {
    let mut text = match error.status() {
        Some(code) => {
            let reply = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("{code} {reply}")
        }
        None => {
            let mut innermost: &dyn std::error::Error = error;
            while let Some(cause) = innermost.source() {
                innermost = cause;
            }
            innermost.to_string()
        }
    };
    text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches('.');
    text.chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_addresses_are_plain_ascii() {
        assert!(plain_address("me@example.org").is_some());
        assert!(plain_address(" me@example.org ").is_some());
        for bad in [
            "me",
            "me@localhost",
            "Me <me@example.org>",
            "a,b@example.org",
            "jö@example.org",
            "me@example.",
        ] {
            assert!(plain_address(bad).is_none(), "{bad}");
        }
    }
}
