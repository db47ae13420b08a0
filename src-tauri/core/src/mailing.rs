//! How an issue reaches readers: the mailing tool that sends the email and the merge
//! tags it fills in, the real unsubscribe addresses of a message sent from a mail
//! program (the `.eml`, test emails), and how test emails reach the mail server.
//!
//! A mailing tool replaces its merge tags with each reader's own values before
//! sending; a mail program replaces nothing. So the email HTML and plain text carry
//! the tool's tags, and the `.eml` carries only real addresses (see `render/eml.rs`).

use serde::{Deserialize, Serialize};

/// The mailing tool the email goes to, which decides its unsubscribe merge tag and
/// any other tag the tool requires.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "lowercase")]
pub enum MailingTool {
    /// listmonk: Go templates, `{{ UnsubscribeURL }}`.
    Listmonk,
    /// Mailchimp: `*|UNSUB|*`, and the postal address `*|LIST:ADDRESSLINE|*` that
    /// its terms require in every campaign (it adds its own footer otherwise).
    Mailchimp,
    /// Buttondown: Django-style templates, `{{ unsubscribe_url }}`.
    Buttondown,
    /// Sendy: `[unsubscribe]`.
    Sendy,
    /// Another tool: the unsubscribe link is the `unsubscribeUrl` setting, as it is
    /// (the tool's merge tag, or an address). Newsrooms made before this setting
    /// existed are this.
    #[default]
    Other,
    /// No mailing tool: the email goes out from a mail program, so it carries no
    /// merge tags and links to the real unsubscribe address.
    None,
}

impl MailingTool {
    /// Every tool, in the order settings list them.
    pub const ALL: [MailingTool; 6] = [
        MailingTool::Listmonk,
        MailingTool::Mailchimp,
        MailingTool::Buttondown,
        MailingTool::Sendy,
        MailingTool::Other,
        MailingTool::None,
    ];

    /// Its name in the settings (`listmonk`).
    pub fn as_str(self) -> &'static str {
        match self {
            MailingTool::Listmonk => "listmonk",
            MailingTool::Mailchimp => "mailchimp",
            MailingTool::Buttondown => "buttondown",
            MailingTool::Sendy => "sendy",
            MailingTool::Other => "other",
            MailingTool::None => "none",
        }
    }

    /// The tool named `text` (any case).
    pub fn parse(text: &str) -> Option<MailingTool> {
        MailingTool::ALL
            .into_iter()
            .find(|tool| tool.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The merge tag the tool replaces with each reader's unsubscribe link, as its
    /// documentation gives it; none for `other` (the newsroom's own) and `none`.
    pub fn unsubscribe_tag(self) -> Option<&'static str> {
        match self {
            MailingTool::Listmonk => Some("{{ UnsubscribeURL }}"),
            MailingTool::Mailchimp => Some("*|UNSUB|*"),
            MailingTool::Buttondown => Some("{{ unsubscribe_url }}"),
            MailingTool::Sendy => Some("[unsubscribe]"),
            MailingTool::Other | MailingTool::None => None,
        }
    }

    /// The merge tag for the sender's postal address, for a tool whose terms require
    /// one in every campaign (anti-spam laws such as CAN-SPAM ask for it).
    pub fn postal_address_tag(self) -> Option<&'static str> {
        match self {
            MailingTool::Mailchimp => Some("*|LIST:ADDRESSLINE|*"),
            _ => None,
        }
    }
}

impl std::fmt::Display for MailingTool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Who sends a message, which decides the unsubscribe link and merge tags in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// The mailing tool (the email HTML and plain text exports): its merge tags.
    MailingTool,
    /// A mail program (the `.eml`, test emails): real addresses only.
    MailProgram,
}

/// How a test email is protected on its way to the mail server.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// A plain connection made encrypted with STARTTLS before logging in (port 587).
    #[default]
    Starttls,
    /// Encrypted from the start, "SMTPS" (port 465).
    Tls,
    /// No encryption: only for a mail server on this computer (a local relay or a
    /// mail catcher), since the password would cross the network readable.
    None,
}

impl SmtpSecurity {
    /// Every choice, in the order settings list them.
    pub const ALL: [SmtpSecurity; 3] = [
        SmtpSecurity::Starttls,
        SmtpSecurity::Tls,
        SmtpSecurity::None,
    ];

    /// Its name in the settings (`starttls`).
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpSecurity::Starttls => "starttls",
            SmtpSecurity::Tls => "tls",
            SmtpSecurity::None => "none",
        }
    }

    /// The choice named `text` (any case; `ssl` and `smtps` mean `tls`).
    pub fn parse(text: &str) -> Option<SmtpSecurity> {
        let text = text.trim().to_ascii_lowercase();
        match text.as_str() {
            "ssl" | "smtps" => Some(SmtpSecurity::Tls),
            _ => SmtpSecurity::ALL
                .into_iter()
                .find(|security| security.as_str() == text),
        }
    }

    /// The port servers offer it on.
    pub fn usual_port(self) -> u16 {
        match self {
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        }
    }
}

/// Whether `host` names this computer: only there may a test email go unencrypted.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

/// The real unsubscribe addresses of a message sent from a mail program: a web page
/// that unsubscribes on a POST (RFC 8058 one-click) and shows a page on a GET,
/// and/or an address to write to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DirectUnsubscribe {
    /// `https://…`
    pub https: Option<String>,
    /// `mailto:…`
    pub mailto: Option<String>,
}

impl DirectUnsubscribe {
    /// Reads one or two addresses separated by spaces or commas: at most one
    /// https:// and one mailto:. The error says what is wrong, as a setting's
    /// problem ("must …").
    pub fn parse(text: &str) -> Result<DirectUnsubscribe, String> {
        if let Some(tag) = merge_tags(text).first() {
            return Err(format!(
                "has the merge tag {tag}, which no mail program fills in; give a real https:// or mailto: address"
            ));
        }
        let mut found = DirectUnsubscribe::default();
        for address in text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|part| !part.is_empty())
        {
            let address = address.trim_start_matches('<').trim_end_matches('>');
            let lower = address.to_ascii_lowercase();
            if lower.starts_with("https://") {
                let checked = crate::links::check_web_url(address)
                    .map_err(|error| error.to_string().trim_end_matches('.').to_owned())?;
                if found.https.replace(checked).is_some() {
                    return Err(
                        "has two https:// addresses; give at most one https:// and one mailto:"
                            .into(),
                    );
                }
            } else if lower.starts_with("mailto:") {
                if !is_mailto(address) {
                    return Err(format!(
                        "\"{}\" is not a mailto: address; write one like mailto:leave@example.org?subject=unsubscribe",
                        address.chars().take(80).collect::<String>()
                    ));
                }
                if found.mailto.replace(address.to_owned()).is_some() {
                    return Err(
                        "has two mailto: addresses; give at most one https:// and one mailto:"
                            .into(),
                    );
                }
            } else {
                return Err(format!(
                    "\"{}\" is neither an https:// nor a mailto: address",
                    address.chars().take(80).collect::<String>()
                ));
            }
        }
        Ok(found)
    }

    /// Whether there is no address at all.
    pub fn is_empty(&self) -> bool {
        self.https.is_none() && self.mailto.is_none()
    }

    /// The address the visible unsubscribe link points to: the web page, which
    /// works in every client, else the mailto:.
    pub fn link(&self) -> Option<&str> {
        self.https.as_deref().or(self.mailto.as_deref())
    }

    /// The `List-Unsubscribe` header's value (RFC 2369): `<https://…>, <mailto:…>`.
    pub fn list_unsubscribe(&self) -> Option<String> {
        let addresses: Vec<String> = [&self.https, &self.mailto]
            .into_iter()
            .flatten()
            .map(|address| format!("<{address}>"))
            .collect();
        (!addresses.is_empty()).then(|| addresses.join(", "))
    }

    /// Whether the message may offer one-click unsubscribing (RFC 8058): only with
    /// an https:// address, which receives the POST.
    pub fn one_click(&self) -> bool {
        self.https.is_some()
    }

    /// The addresses as the setting writes them, https:// first.
    pub fn to_setting(&self) -> String {
        [&self.https, &self.mailto]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `mailto:someone@example.org`, optionally with `?subject=…`: no spaces, no `<>`.
fn is_mailto(text: &str) -> bool {
    let Some(rest) = text.get("mailto:".len()..) else {
        return false;
    };
    let address = rest.split('?').next().unwrap_or_default();
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && text
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\\'))
}

/// The merge tags in `text`, each once, in the order they first appear: `{{ … }}`
/// and `{% … %}` (listmonk, Buttondown and the many tools with Liquid-like
/// templates), `*|…|*` (Mailchimp) and Sendy's bracketed tags (`[unsubscribe]`,
/// `[webversion]`, `[Name,fallback=…]`). Plain brackets (`[1]`, `[sic]`) are not.
pub fn merge_tags(text: &str) -> Vec<String> {
    /// Sendy's tags, by the name before an optional `,fallback=…`.
    const SENDY: [&str; 10] = [
        "unsubscribe",
        "webversion",
        "reconsent",
        "email",
        "name",
        "currentdaynumber",
        "currentday",
        "currentmonthnumber",
        "currentmonth",
        "currentyear",
    ];
    let mut tags: Vec<String> = Vec::new();
    let mut add = |tag: &str| {
        if !tags.iter().any(|known| known == tag) {
            tags.push(tag.to_owned());
        }
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Every tag starts at one of these (ASCII, so `at` stays on a character).
        let Some(offset) = bytes[at..]
            .iter()
            .position(|b| matches!(b, b'{' | b'*' | b'['))
        else {
            break;
        };
        at += offset;
        let rest = &text[at..];
        let closing = if rest.starts_with("{{") {
            Some("}}")
        } else if rest.starts_with("{%") {
            Some("%}")
        } else if rest.starts_with("*|") {
            Some("|*")
        } else {
            None
        };
        if let Some(closing) = closing
            && let Some(end) = rest[2..].find(closing)
            && end <= 200
            && !rest[2..2 + end].contains(['\n', '{', '}'])
        {
            add(&rest[..end + 4]);
            at += end + 4;
            continue;
        }
        if rest.starts_with('[')
            && let Some(end) = rest.find(']')
            && end <= 100
        {
            let tag = &rest[..=end];
            let name = tag[1..tag.len() - 1].split(',').next().unwrap_or_default();
            if SENDY.iter().any(|known| known.eq_ignore_ascii_case(name)) {
                add(tag);
                at += end + 1;
                continue;
            }
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tools_have_their_documented_tags() {
        assert_eq!(
            MailingTool::Listmonk.unsubscribe_tag(),
            Some("{{ UnsubscribeURL }}")
        );
        assert_eq!(MailingTool::Mailchimp.unsubscribe_tag(), Some("*|UNSUB|*"));
        assert_eq!(
            MailingTool::Buttondown.unsubscribe_tag(),
            Some("{{ unsubscribe_url }}")
        );
        assert_eq!(MailingTool::Sendy.unsubscribe_tag(), Some("[unsubscribe]"));
        assert_eq!(MailingTool::Other.unsubscribe_tag(), None);
        assert_eq!(
            MailingTool::Mailchimp.postal_address_tag(),
            Some("*|LIST:ADDRESSLINE|*")
        );
        for tool in MailingTool::ALL {
            assert_eq!(MailingTool::parse(tool.as_str()), Some(tool));
            assert_eq!(serde_json::to_string(&tool).unwrap(), format!("\"{tool}\""));
            // Every tag the app writes is one the preflight recognises.
            for tag in [tool.unsubscribe_tag(), tool.postal_address_tag()]
                .into_iter()
                .flatten()
            {
                assert_eq!(merge_tags(tag), vec![tag.to_owned()], "{tool}");
            }
        }
        assert_eq!(
            MailingTool::parse(" MailChimp "),
            Some(MailingTool::Mailchimp)
        );
        assert_eq!(MailingTool::parse("substack"), None);
    }

    #[test]
    fn merge_tags_are_found_and_prose_is_not() {
        assert_eq!(
            merge_tags(
                "Hi {{ .Subscriber.FirstName }}, *|FNAME|* [Name,fallback=reader] {% if x %} [unsubscribe] {{ .Subscriber.FirstName }}"
            ),
            vec![
                "{{ .Subscriber.FirstName }}",
                "*|FNAME|*",
                "[Name,fallback=reader]",
                "{% if x %}",
                "[unsubscribe]",
            ]
        );
        for prose in [
            "see [1] and [sic] and [name of the river]",
            "a {single} brace, a | pipe * star",
            "@media (max-width:600px){.a{color:#000}}",
            "Tom & Jerry [2] ",
            "{{ never closed",
        ] {
            assert!(
                merge_tags(prose).is_empty(),
                "{prose}: {:?}",
                merge_tags(prose)
            );
        }
    }

    #[test]
    fn direct_unsubscribe_takes_one_https_and_one_mailto() {
        let both = DirectUnsubscribe::parse(
            "https://example.org/leave, <mailto:leave@example.org?subject=unsubscribe>",
        )
        .unwrap();
        assert_eq!(both.link(), Some("https://example.org/leave"));
        assert_eq!(
            both.list_unsubscribe().unwrap(),
            "<https://example.org/leave>, <mailto:leave@example.org?subject=unsubscribe>"
        );
        assert!(both.one_click());
        let mail = DirectUnsubscribe::parse("mailto:leave@example.org").unwrap();
        assert_eq!(mail.link(), Some("mailto:leave@example.org"));
        assert!(!mail.one_click());
        assert!(DirectUnsubscribe::parse("  ").unwrap().is_empty());
        for (bad, words) in [
            ("{{ UnsubscribeURL }}", "merge tag"),
            ("*|UNSUB|*", "merge tag"),
            ("http://example.org/leave", "neither"),
            ("https://a.org/ https://b.org/", "two https"),
            ("mailto:nobody", "not a mailto"),
            ("leave@example.org", "neither"),
        ] {
            let problem = DirectUnsubscribe::parse(bad).unwrap_err();
            assert!(problem.contains(words), "{bad}: {problem}");
        }
    }

    #[test]
    fn only_this_computer_is_loopback() {
        for host in ["localhost", "127.0.0.1", "::1", "[::1]", "LOCALHOST"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["smtp.example.org", "10.0.0.1", "localhost.example.org"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
