//! The `.eml` draft: the email edition and its plain-text part as one
//! multipart/alternative message, to open in a mail program and send or forward.

use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;

use crate::error::{Error, Result};
use crate::issue::Issue;
use crate::publication::Publication;

/// Builds the message. It is dated when the issue was last changed, so the same
/// issue always makes the same message.
pub(crate) fn build_eml(
    publication: &Publication,
    issue: &Issue,
    html: &str,
    text: &str,
) -> Result<String> {
    let now = issue.updated_at;
    let sender = publication.sender_email.trim();
    let Some((_, domain)) = sender
        .split_once('@')
        .filter(|(local, domain)| !local.is_empty() && domain.contains('.'))
    else {
        return Err(Error::SenderMissing {
            sender: sender.chars().take(80).collect(),
        });
    };
    let from = if publication.sender_name.trim().is_empty() {
        mail_builder::headers::address::Address::new_address(None::<&str>, sender)
    } else {
        mail_builder::headers::address::Address::new_address(
            Some(publication.sender_name.trim()),
            sender,
        )
    };
    MessageBuilder::new()
        .from(from)
        .subject(issue.title.as_str())
        .date(now.unix_timestamp())
        .message_id(format!(
            "{}.{}@{domain}",
            issue.slug(),
            now.unix_timestamp()
        ))
        // Outlook opens a message with this header as a draft to send.
        .header("X-Unsent", Raw::new("1"))
        .text_body(text)
        .html_body(html)
        .write_to_string()
        .map_err(|error| Error::MessageBuild(error.to_string()))
}
