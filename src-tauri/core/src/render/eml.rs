//! The `.eml` draft: the email edition and its plain-text part as one
//! multipart/alternative message, to open in a mail program and send or forward,
//! and the same message readied to go out as a test email.
//!
//! A mail program fills in no merge tags, so the parts are rendered for it (real
//! unsubscribe address, or no link), and the message says how to leave the list
//! in its headers too: `List-Unsubscribe` with the https:// and/or mailto: address,
//! and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) only when
//! there is an https:// one, which is where mailbox providers send that POST.
//!
//! The same issue always makes the same bytes: it is dated on the issue's date at
//! 12:00 UTC (the same calendar day from UTC−11 to UTC+11, where readers' mail
//! programs show it), its Message-ID is made from the issue's number and date,
//! and the MIME boundary from the parts' contents.

use mail_builder::MessageBuilder;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::url::URL;
use mail_builder::mime::MimePart;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;
use time::macros::time;

use crate::error::{Error, Result};
use crate::issue::Issue;
use crate::publication::Publication;

/// Builds the message from the parts rendered for a mail program.
pub(crate) fn build_eml(
    publication: &Publication,
    issue: &Issue,
    html: &str,
    text: &str,
) -> Result<String> {
    let (sender, domain) = sender_of(publication)?;
    let from = if publication.sender_name.trim().is_empty() {
        mail_builder::headers::address::Address::new_address(None::<&str>, sender)
    } else {
        mail_builder::headers::address::Address::new_address(
            Some(publication.sender_name.trim()),
            sender,
        )
    };
    let dated = issue.date.with_time(time!(12:00)).assume_utc();
    let name = crate::text::ascii_words(&publication.name, 40);
    let name = if name.is_empty() { "newsletter" } else { &name };
    let message_id = format!(
        "{name}-{}-{}@{domain}",
        issue.number,
        issue.date.to_string().replace('-', "")
    );
    let mut message = MessageBuilder::new()
        .from(from)
        .subject(issue.title.as_str())
        .date(dated.unix_timestamp())
        .message_id(message_id);
    let unsubscribe = publication.direct_unsubscribe();
    let addresses: Vec<&str> = [&unsubscribe.https, &unsubscribe.mailto]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !addresses.is_empty() {
        message = message.header("List-Unsubscribe", URL::new_list(addresses.into_iter()));
    }
    if unsubscribe.one_click() {
        message = message.header(
            "List-Unsubscribe-Post",
            Raw::new("List-Unsubscribe=One-Click"),
        );
    }
    let boundary = boundary_for(html, text);
    message
        // Outlook opens a message with this header as a draft to send.
        .header("X-Unsent", Raw::new("1"))
        .body(MimePart::new(
            ContentType::new("multipart/alternative").attribute("boundary", boundary),
            vec![
                MimePart::new("text/plain", text),
                MimePart::new("text/html", html),
            ],
        ))
        .write_to_string()
        .map_err(|error| Error::MessageBuild(error.to_string()))
}

/// The sender's address and its domain, which the settings must have.
fn sender_of(publication: &Publication) -> Result<(&str, &str)> {
    let sender = publication.sender_email.trim();
    sender
        .split_once('@')
        .filter(|(local, domain)| !local.is_empty() && domain.contains('.'))
        .map(|(_, domain)| (sender, domain))
        .ok_or_else(|| Error::SenderMissing {
            sender: sender.chars().take(80).collect(),
        })
}

/// A boundary made from the parts, so the same parts make the same message. It
/// starts with `=_`, which neither quoted-printable nor base64 can produce, so it
/// can never occur inside a part.
fn boundary_for(html: &str, text: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(text.as_bytes());
    hash.update([0]);
    hash.update(html.as_bytes());
    let digest = hash.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("=_newsflash_{hex}")
}

/// The `.eml` made ready to go out as a test email to `to` at `now`: the same
/// message, its parts byte for byte, with four headers changed. It is addressed to
/// `to`; dated `now`, so that it sorts as just received; given a Message-ID of its
/// own (Gmail shows only the first of several messages with one ID, so a second
/// test of the same issue would seem never to arrive); and it loses `X-Unsent`,
/// since it is sent, not a draft. Returns the message and its Message-ID.
pub(crate) fn eml_for_sending(
    eml: &str,
    publication: &Publication,
    to: &str,
    now: OffsetDateTime,
) -> Result<(String, String)> {
    let (_, domain) = sender_of(publication)?;
    let (head, body) = eml
        .split_once("\r\n\r\n")
        .ok_or_else(|| Error::MessageBuild("the .eml has no header block".into()))?;
    let date = now
        .to_offset(time::UtcOffset::UTC)
        .format(&Rfc2822)
        .map_err(|error| Error::MessageBuild(error.to_string()))?;
    let message_id = format!("test-{}@{domain}", now.unix_timestamp_nanos());
    let mut out = String::with_capacity(eml.len() + 200);
    out.push_str(&format!("To: <{to}>\r\n"));
    out.push_str(&format!("Date: {date}\r\n"));
    out.push_str(&format!("Message-ID: <{message_id}>\r\n"));
    let mut keep = true;
    for line in head.split("\r\n") {
        // A line starting with white space continues the header before it.
        if !line.starts_with([' ', '\t']) {
            let name = line.split(':').next().unwrap_or_default().trim();
            keep = !["To", "Date", "Message-ID", "X-Unsent"]
                .iter()
                .any(|dropped| dropped.eq_ignore_ascii_case(name));
        }
        if keep {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("\r\n");
    out.push_str(body);
    Ok((out, message_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::IssueStatus;
    use time::macros::{date, datetime};

    fn issue() -> Issue {
        Issue {
            number: 7,
            date: date!(2024 - 03 - 05),
            title: "Rain and shine".into(),
            preheader: String::new(),
            status: IssueStatus::Draft,
            body: String::new(),
            updated_at: datetime!(2024-03-01 10:00 UTC),
            version: 1,
        }
    }

    fn publication(unsubscribe_address: &str) -> Publication {
        Publication::default()
            .with("senderEmail", "editors@example.org")
            .and_then(|p| p.with("senderName", "The editors"))
            .and_then(|p| p.with("unsubscribeAddress", unsubscribe_address))
            .unwrap()
    }

    fn header<'a>(eml: &'a str, name: &str) -> Option<&'a str> {
        eml.split("\r\n\r\n")
            .next()
            .unwrap()
            .split("\r\n")
            .find_map(|line| line.strip_prefix(&format!("{name}: ")))
    }

    #[test]
    fn the_same_issue_makes_the_same_message() {
        let both = publication("https://example.org/leave mailto:leave@example.org");
        let eml = build_eml(&both, &issue(), "<p>Hi</p>", "Hi\n").unwrap();
        assert_eq!(
            eml,
            build_eml(&both, &issue(), "<p>Hi</p>", "Hi\n").unwrap()
        );
        for (name, value) in [
            ("Date", "Tue, 5 Mar 2024 12:00:00 +0000"),
            ("Message-ID", "<newsflash-7-20240305@example.org>"),
            (
                "List-Unsubscribe",
                "<https://example.org/leave>, <mailto:leave@example.org>",
            ),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ] {
            assert_eq!(header(&eml, name), Some(value), "{name}");
        }
        assert!(eml.contains("boundary=\"=_newsflash_"), "{eml}");
        assert_ne!(
            eml,
            build_eml(&both, &issue(), "<p>Hello</p>", "Hello\n").unwrap()
        );
    }

    #[test]
    fn one_click_only_with_an_https_address() {
        let mail = build_eml(&publication("mailto:leave@example.org"), &issue(), "h", "t").unwrap();
        assert_eq!(
            header(&mail, "List-Unsubscribe"),
            Some("<mailto:leave@example.org>")
        );
        assert_eq!(header(&mail, "List-Unsubscribe-Post"), None);
        let none = build_eml(&publication(""), &issue(), "h", "t").unwrap();
        assert_eq!(header(&none, "List-Unsubscribe"), None);
    }

    #[test]
    fn a_test_email_keeps_the_parts_and_changes_four_headers() {
        let p = publication("https://example.org/leave");
        let eml = build_eml(&p, &issue(), "<p>Hi</p>", "Hi\n").unwrap();
        let now = datetime!(2024-03-04 09:30:15.5 UTC);
        let (sent, id) = eml_for_sending(&eml, &p, "me@example.net", now).unwrap();
        assert_eq!(id, "test-1709544615500000000@example.org");
        assert_eq!(
            sent.split_once("\r\n\r\n").unwrap().1,
            eml.split_once("\r\n\r\n").unwrap().1
        );
        for (name, value) in [
            ("To", "<me@example.net>"),
            ("Date", "Mon, 04 Mar 2024 09:30:15 +0000"),
            ("Message-ID", "<test-1709544615500000000@example.org>"),
        ] {
            assert_eq!(header(&sent, name), Some(value), "{name}");
        }
        assert_eq!(header(&sent, "X-Unsent"), None);
        for kept in ["From", "Subject", "List-Unsubscribe", "MIME-Version"] {
            assert_eq!(header(&sent, kept), header(&eml, kept), "{kept}");
        }
        let head = sent.split_once("\r\n\r\n").unwrap().0;
        assert_eq!(
            head.split("\r\n")
                .filter(|l| l.starts_with("Date:"))
                .count(),
            1
        );
    }
}
