//! Publication settings: what the newsletter is called, how often it appears, the
//! mailing tool it goes out with, and the mail server test emails go through.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::mailing::{DirectUnsubscribe, MailingTool, Sender, SmtpSecurity, is_loopback_host};
use crate::text::quoted;

/// The newsroom's publication settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Publication {
    /// The newsletter's name ("Newsflash").
    pub name: String,
    /// The line under the name ("Stay updated with our bi-weekly Newsflash!").
    pub tagline: String,
    /// BCP 47 language tag of the issues ("en").
    pub language: String,
    /// Days between two issues.
    pub cadence_days: u32,
    /// Where web pages and photos are published (`https://example.org/newsflash/`);
    /// email images and the "read it on the web" link are made absolute with it.
    pub web_base_url: String,
    /// The mailing tool the email goes to: it decides the unsubscribe merge tag
    /// (and, for Mailchimp, the postal address tag) the email carries.
    pub mailing_tool: MailingTool,
    /// With the mailing tool `other`: the unsubscribe link of every email, the
    /// tool's merge tag (`{{ unsubscribe_url }}`) or an address, copied as it is.
    /// The named tools use their own tag instead. The templates see the link of
    /// the message being rendered here (see [`Publication::as_sent_by`]).
    pub unsubscribe_url: String,
    /// The real unsubscribe addresses of a message sent from a mail program (the
    /// `.eml`, test emails), which fills in no merge tags: an https:// page and/or
    /// a mailto: address, separated by a space. They go into its unsubscribe link
    /// and its `List-Unsubscribe` header; the https:// page must unsubscribe on a
    /// POST (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`, RFC 8058).
    pub unsubscribe_address: String,
    /// The sender of the .eml draft: a name.
    pub sender_name: String,
    /// The sender of the .eml draft: an address.
    pub sender_email: String,
    /// `utm_source` added to links in the email (none when empty).
    pub utm_source: String,
    /// `utm_medium` added to links in the email (none when empty).
    pub utm_medium: String,
    /// `utm_campaign` added to links in the email (none when empty); `{number}` is
    /// replaced by the issue number.
    pub utm_campaign: String,
    /// The accent colour of links and the masthead, `#rrggbb`.
    pub accent_colour: String,
    /// The mail server test emails go through (`smtp.example.org`); none when empty.
    pub smtp_host: String,
    /// Its port; none means the usual one for the security (587, 465, 25).
    pub smtp_port: Option<u16>,
    /// How the connection to it is protected.
    pub smtp_security: SmtpSecurity,
    /// The login at the mail server; none when empty (a server that needs none).
    /// The password is never stored in the newsroom.
    pub smtp_user: String,
    /// Where test emails go unless another address is given: the editor's own.
    pub test_recipient: String,
}

impl Default for Publication {
    fn default() -> Self {
        Publication {
            name: "Newsflash".into(),
            tagline: String::new(),
            language: "en".into(),
            cadence_days: 14,
            web_base_url: String::new(),
            mailing_tool: MailingTool::Other,
            unsubscribe_url: "{{ unsubscribe_url }}".into(),
            unsubscribe_address: String::new(),
            sender_name: String::new(),
            sender_email: String::new(),
            utm_source: String::new(),
            utm_medium: String::new(),
            utm_campaign: String::new(),
            accent_colour: "#8a3324".into(),
            smtp_host: String::new(),
            smtp_port: None,
            smtp_security: SmtpSecurity::Starttls,
            smtp_user: String::new(),
            test_recipient: String::new(),
        }
    }
}

impl Publication {
    /// Reads settings written as TOML (`content/newsroom.toml`).
    pub fn from_toml(name: &str, text: &str) -> Result<Self> {
        let publication: Publication = toml::from_str(text).map_err(|error| {
            Error::invalid_file(
                name,
                error
                    .span()
                    .map(|span| crate::text::line_at(text, span.start)),
                format!(
                    "the settings are not valid: {}",
                    error.message().trim_end_matches('.')
                ),
            )
        })?;
        publication.validate()?;
        Ok(publication)
    }

    /// The web address as a base to join page and photo names to: an http(s) URL
    /// whose path ends with `/`. None when the publication has none (or it is not
    /// a web address).
    pub fn web_base(&self) -> Option<url::Url> {
        let base = url::Url::parse(self.web_base_url.trim()).ok()?;
        if !matches!(base.scheme(), "https" | "http") {
            return None;
        }
        if base.path().ends_with('/') {
            Some(base)
        } else {
            url::Url::parse(&format!("{base}/")).ok()
        }
    }

    /// The UTM parameters of links in the email of issue `number`; empty when none
    /// are set. `{number}` in a value is replaced by the issue number.
    pub fn utm_parameters(&self, number: u32) -> Vec<(&'static str, String)> {
        [
            ("utm_source", &self.utm_source),
            ("utm_medium", &self.utm_medium),
            ("utm_campaign", &self.utm_campaign),
        ]
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| (name, value.replace("{number}", &number.to_string())))
        .collect()
    }

    /// The unsubscribe link of the email the mailing tool sends: the tool's merge
    /// tag, `unsubscribeUrl` as it is for `other`, the real address for `none`.
    /// Empty when there is none.
    pub fn tool_unsubscribe_link(&self) -> String {
        match self.mailing_tool {
            MailingTool::Other => self.unsubscribe_url.clone(),
            MailingTool::None => self
                .direct_unsubscribe()
                .link()
                .unwrap_or_default()
                .to_owned(),
            tool => tool.unsubscribe_tag().unwrap_or_default().to_owned(),
        }
    }

    /// The real unsubscribe addresses of a message sent from a mail program:
    /// `unsubscribeAddress`, or else `unsubscribeUrl` when the tool is `other` or
    /// `none` and it is a real https:// or mailto: address rather than a merge tag.
    pub fn direct_unsubscribe(&self) -> DirectUnsubscribe {
        let given = DirectUnsubscribe::parse(&self.unsubscribe_address).unwrap_or_default();
        if !given.is_empty() {
            return given;
        }
        match self.mailing_tool {
            MailingTool::Other | MailingTool::None => {
                DirectUnsubscribe::parse(&self.unsubscribe_url).unwrap_or_default()
            }
            _ => DirectUnsubscribe::default(),
        }
    }

    /// These settings as the templates of a message sent by `sender` see them:
    /// `unsubscribeUrl` is the link that message carries (empty for none). A
    /// message from a mail program goes through no mailing tool, so for it the
    /// tool is `none` and the link a real address: no merge tag reaches it, not
    /// even from a newsroom's own template that prints `publication.unsubscribeUrl`.
    pub fn as_sent_by(&self, sender: Sender) -> Publication {
        let mut seen = self.clone();
        match sender {
            Sender::MailingTool => seen.unsubscribe_url = self.tool_unsubscribe_link(),
            Sender::MailProgram => {
                seen.mailing_tool = MailingTool::None;
                seen.unsubscribe_url = self
                    .direct_unsubscribe()
                    .link()
                    .unwrap_or_default()
                    .to_owned();
            }
        }
        seen
    }

    /// The port test emails go to: the one set, or the usual one for the security.
    pub fn smtp_port_or_usual(&self) -> u16 {
        self.smtp_port
            .unwrap_or_else(|| self.smtp_security.usual_port())
    }

    /// The settings' keys, as the settings file and `newsflash settings` name them.
    /// (`smtpHost` comes before `smtpSecurity`: settings are read back in this
    /// order, and `none` is only allowed for a host on this computer.)
    pub const KEYS: [&'static str; 19] = [
        "name",
        "tagline",
        "language",
        "cadenceDays",
        "webBaseUrl",
        "mailingTool",
        "unsubscribeUrl",
        "unsubscribeAddress",
        "senderName",
        "senderEmail",
        "utmSource",
        "utmMedium",
        "utmCampaign",
        "accentColour",
        "smtpHost",
        "smtpPort",
        "smtpSecurity",
        "smtpUser",
        "testRecipient",
    ];

    /// The value of setting `key`, as text.
    pub fn get(&self, key: &str) -> Result<String> {
        Ok(match canonical_key(key)? {
            "name" => self.name.clone(),
            "tagline" => self.tagline.clone(),
            "language" => self.language.clone(),
            "cadenceDays" => self.cadence_days.to_string(),
            "webBaseUrl" => self.web_base_url.clone(),
            "mailingTool" => self.mailing_tool.as_str().to_owned(),
            "unsubscribeUrl" => self.unsubscribe_url.clone(),
            "unsubscribeAddress" => self.unsubscribe_address.clone(),
            "senderName" => self.sender_name.clone(),
            "senderEmail" => self.sender_email.clone(),
            "utmSource" => self.utm_source.clone(),
            "utmMedium" => self.utm_medium.clone(),
            "utmCampaign" => self.utm_campaign.clone(),
            "smtpHost" => self.smtp_host.clone(),
            "smtpPort" => self
                .smtp_port
                .map(|port| port.to_string())
                .unwrap_or_default(),
            "smtpSecurity" => self.smtp_security.as_str().to_owned(),
            "smtpUser" => self.smtp_user.clone(),
            "testRecipient" => self.test_recipient.clone(),
            _ => self.accent_colour.clone(),
        })
    }

    /// These settings with `key` set to `value` (trimmed, on one line), checked.
    pub fn with(&self, key: &str, value: &str) -> Result<Publication> {
        let key = canonical_key(key)?;
        let value = one_line(value);
        let mut changed = self.clone();
        match key {
            "cadenceDays" => {
                changed.cadence_days = value.parse().map_err(|_| Error::InvalidSetting {
                    key: "cadenceDays",
                    problem: format!("must be a number of days from 1 to 366, not \"{value}\""),
                })?;
            }
            "mailingTool" => {
                let names = MailingTool::ALL.map(MailingTool::as_str);
                changed.mailing_tool = one_of(key, &value, MailingTool::parse, names)?;
            }
            "smtpPort" => {
                changed.smtp_port = if value.is_empty() {
                    None
                } else {
                    Some(
                        value
                            .parse::<u16>()
                            .ok()
                            .filter(|port| *port > 0)
                            .ok_or_else(|| Error::InvalidSetting {
                                key: "smtpPort",
                                problem: format!(
                                    "must be a port number from 1 to 65535 (like 587), or empty for the usual one, not {}",
                                    quoted(&value)
                                ),
                            })?,
                    )
                };
            }
            "smtpSecurity" => {
                let names = SmtpSecurity::ALL.map(SmtpSecurity::as_str);
                changed.smtp_security = one_of(key, &value, SmtpSecurity::parse, names)?;
            }
            _ => {
                let field = match key {
                    "name" => &mut changed.name,
                    "tagline" => &mut changed.tagline,
                    "language" => &mut changed.language,
                    "webBaseUrl" => &mut changed.web_base_url,
                    "unsubscribeUrl" => &mut changed.unsubscribe_url,
                    "unsubscribeAddress" => &mut changed.unsubscribe_address,
                    "senderName" => &mut changed.sender_name,
                    "senderEmail" => &mut changed.sender_email,
                    "utmSource" => &mut changed.utm_source,
                    "utmMedium" => &mut changed.utm_medium,
                    "utmCampaign" => &mut changed.utm_campaign,
                    "smtpHost" => &mut changed.smtp_host,
                    "smtpUser" => &mut changed.smtp_user,
                    "testRecipient" => &mut changed.test_recipient,
                    _ => &mut changed.accent_colour,
                };
                *field = value;
            }
        }
        changed.validate()?;
        Ok(changed)
    }

    /// These settings with every text trimmed and on one line.
    pub fn tidied(&self) -> Publication {
        let mut tidy = self.clone();
        for field in [
            &mut tidy.name,
            &mut tidy.tagline,
            &mut tidy.language,
            &mut tidy.web_base_url,
            &mut tidy.unsubscribe_url,
            &mut tidy.unsubscribe_address,
            &mut tidy.sender_name,
            &mut tidy.sender_email,
            &mut tidy.utm_source,
            &mut tidy.utm_medium,
            &mut tidy.utm_campaign,
            &mut tidy.accent_colour,
            &mut tidy.smtp_host,
            &mut tidy.smtp_user,
            &mut tidy.test_recipient,
        ] {
            *field = one_line(field);
        }
        tidy
    }

    /// Refuses settings the app cannot work with, naming the setting and what
    /// would do.
    pub fn validate(&self) -> Result<()> {
        let invalid =
            |key: &'static str, problem: String| Err(Error::InvalidSetting { key, problem });
        if self.name.trim().is_empty() {
            return invalid("name", "is empty, and the publication needs a name".into());
        }
        for (key, value, limit) in [
            ("name", &self.name, 100),
            ("tagline", &self.tagline, 200),
            ("senderName", &self.sender_name, 100),
            ("utmSource", &self.utm_source, 100),
            ("utmMedium", &self.utm_medium, 100),
            ("utmCampaign", &self.utm_campaign, 100),
            ("unsubscribeUrl", &self.unsubscribe_url, 2000),
            // Both addresses go on one header line, which may not pass 998 bytes.
            ("unsubscribeAddress", &self.unsubscribe_address, 900),
            ("smtpHost", &self.smtp_host, 253),
            ("smtpUser", &self.smtp_user, 200),
            ("testRecipient", &self.test_recipient, 254),
        ] {
            let length = value.chars().count();
            if length > limit {
                return invalid(
                    key,
                    format!("is {length} characters long, more than the {limit} it may have"),
                );
            }
            if value.chars().any(char::is_control) {
                return invalid(key, "has control characters in it".into());
            }
        }
        if !is_language_tag(&self.language) {
            return invalid(
                "language",
                format!(
                    "{} is not a language tag; write one like en, de or pt-BR",
                    quoted(&self.language)
                ),
            );
        }
        if !is_hex_colour(&self.accent_colour) {
            return invalid(
                "accentColour",
                format!(
                    "{} is not a colour mail clients understand; write six hex digits like #8a3324",
                    quoted(&self.accent_colour)
                ),
            );
        }
        if !(1..=366).contains(&self.cadence_days) {
            return invalid(
                "cadenceDays",
                format!(
                    "must be a number of days from 1 to 366, not {}",
                    self.cadence_days
                ),
            );
        }
        if !self.web_base_url.is_empty() {
            let address = crate::links::check_web_url(&self.web_base_url).map_err(|error| {
                Error::InvalidSetting {
                    key: "webBaseUrl",
                    problem: without_full_stop(&error.to_string()),
                }
            })?;
            if !address.starts_with("https://") {
                return invalid(
                    "webBaseUrl",
                    "must start with https://, because mail clients block or warn about http images and links".into(),
                );
            }
        }
        // Either address may be left empty; one that is given must be an address.
        let address = |key: &'static str, value: &str, example: &str| {
            if value.is_empty() || is_email_address(value) {
                return Ok(());
            }
            invalid(
                key,
                format!(
                    "\"{}\" is not an email address; write one like {example}",
                    value.chars().take(80).collect::<String>()
                ),
            )
        };
        address("senderEmail", &self.sender_email, "editors@example.org")?;
        if !self.unsubscribe_url.is_empty() && !is_unsubscribe_link(&self.unsubscribe_url) {
            return invalid(
                "unsubscribeUrl",
                "must be an https:// or mailto: address, or the mailing tool's merge tag (like {{ unsubscribe_url }} or *|UNSUB|*)".into(),
            );
        }
        if let Err(problem) = DirectUnsubscribe::parse(&self.unsubscribe_address) {
            return invalid("unsubscribeAddress", problem);
        }
        address("testRecipient", &self.test_recipient, "editor@example.org")?;
        if !self.smtp_host.is_empty() && !is_host_name(&self.smtp_host) {
            return invalid(
                "smtpHost",
                format!(
                    "\"{}\" is not a mail server's host name; write one like smtp.example.org, without smtp:// or a port",
                    self.smtp_host.chars().take(80).collect::<String>()
                ),
            );
        }
        if self.smtp_security == SmtpSecurity::None
            && !self.smtp_host.is_empty()
            && !is_loopback_host(&self.smtp_host)
        {
            return invalid(
                "smtpSecurity",
                format!(
                    "is none, which would send the password and the email across the network unencrypted, so it is only for a mail server on this computer (localhost); choose starttls or tls for {}",
                    self.smtp_host
                ),
            );
        }
        for (key, value) in [
            ("utmSource", &self.utm_source),
            ("utmMedium", &self.utm_medium),
            ("utmCampaign", &self.utm_campaign),
        ] {
            if value.chars().any(char::is_whitespace) {
                return invalid(key, "must be one word, without spaces".into());
            }
        }
        Ok(())
    }
}

/// The key as the settings name it: `accentColour`, also accepted as
/// `accent_colour`, `accent-colour` or `ACCENTCOLOUR`.
fn canonical_key(key: &str) -> Result<&'static str> {
    let wanted: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Publication::KEYS
        .into_iter()
        .find(|known| known.to_ascii_lowercase() == wanted)
        .ok_or_else(|| Error::UnknownSetting {
            key: key.chars().take(40).collect(),
            known: Publication::KEYS.to_vec(),
        })
}

/// `text` trimmed, every run of whitespace or control characters one space.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one of `names` that `value` is, as `parse` reads it; else a refusal of
/// setting `key` that lists them.
fn one_of<T, const N: usize>(
    key: &'static str,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
    names: [&str; N],
) -> Result<T> {
    parse(value).ok_or_else(|| Error::InvalidSetting {
        key,
        problem: format!("must be one of {}, not {}", list_of(names), quoted(value)),
    })
}

/// "a, b or c".
fn list_of<const N: usize>(names: [&str; N]) -> String {
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A host name (`smtp.example.org`, `localhost`) or an IP address, as a mail
/// server is named: no scheme, port or path.
fn is_host_name(text: &str) -> bool {
    let bare = text.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<std::net::IpAddr>().is_ok() {
        return true;
    }
    !text.starts_with(['.', '-'])
        && !text.ends_with(['.', '-'])
        && !text.contains("..")
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

fn without_full_stop(sentence: &str) -> String {
    sentence.trim_end_matches('.').to_owned()
}

/// `en`, `de-CH`, `pt-BR`, `zh-Hant`: letters, then subtags of letters and digits.
fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// A plain `local@domain.tld` address, as senders have.
fn is_email_address(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// An https or mailto link, or a merge tag a mailing tool fills in.
fn is_unsubscribe_link(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || ["{{", "{%", "*|", "[", "%", "$"]
            .iter()
            .any(|opening| text.starts_with(opening))
}

fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_base_always_ends_with_a_slash() {
        let with = |url: &str| Publication {
            web_base_url: url.into(),
            ..Publication::default()
        };
        assert_eq!(
            with("https://example.org/news")
                .web_base()
                .unwrap()
                .as_str(),
            "https://example.org/news/"
        );
        assert_eq!(
            with("https://example.org/news/")
                .web_base()
                .unwrap()
                .as_str(),
            "https://example.org/news/"
        );
        assert!(with("").web_base().is_none());
        assert!(with("ftp://example.org/").web_base().is_none());
    }

    #[test]
    fn starter_settings_parse() {
        let publication =
            Publication::from_toml("newsroom.toml", crate::content::NEWSROOM_SETTINGS).unwrap();
        assert_eq!(publication.name, "Newsflash");
        assert_eq!(publication.cadence_days, 14);
    }

    #[test]
    fn a_choice_is_one_of_its_names_or_refused_with_them_listed() {
        let parse = |text: &str| ["weekly", "monthly"].into_iter().find(|name| *name == text);
        assert_eq!(
            one_of("cadence", "weekly", parse, ["weekly", "monthly"]).unwrap(),
            "weekly"
        );
        let error =
            one_of("cadence", &"daily".repeat(10), parse, ["weekly", "monthly"]).unwrap_err();
        assert_eq!(error.subject().as_deref(), Some("cadence"), "{error}");
        assert!(
            error.to_string().contains(&format!(
                "must be one of weekly or monthly, not \"{}\"",
                &"daily".repeat(8)
            )),
            "{error}"
        );
    }

    #[test]
    fn bad_cadence_is_refused() {
        let error =
            Publication::from_toml("s.toml", "name = \"N\"\ncadenceDays = 0\n").unwrap_err();
        assert!(error.to_string().contains("1 to 366"), "{error}");
        let error =
            Publication::from_toml("s.toml", "name = \"N\"\naccentColour = \"red\"\n").unwrap_err();
        assert!(error.to_string().contains("#8a3324"), "{error}");
    }

    #[test]
    fn each_setting_is_set_by_its_key_and_checked() {
        let start = Publication::default();
        let set = |key: &str, value: &str| start.with(key, value);
        assert_eq!(
            set("senderEmail", " editors@example.org ")
                .unwrap()
                .sender_email,
            "editors@example.org"
        );
        assert_eq!(
            set("sender-email", "a@b.org").unwrap().sender_email,
            "a@b.org"
        );
        assert_eq!(set("cadenceDays", "7").unwrap().cadence_days, 7);
        assert_eq!(set("name", "Weekly\nNews").unwrap().name, "Weekly News");
        assert_eq!(
            set("unsubscribeUrl", "*|UNSUB|*").unwrap().unsubscribe_url,
            "*|UNSUB|*"
        );
        for key in Publication::KEYS {
            let value = start.get(key).unwrap();
            assert_eq!(
                start.with(key, &value).unwrap().get(key).unwrap(),
                value,
                "{key}"
            );
        }
        for (key, value, words) in [
            ("senderEmail", "not an address", "not an email address"),
            ("senderEmail", "editors", "like editors@example.org"),
            ("cadenceDays", "fortnightly", "number of days"),
            ("cadenceDays", "0", "from 1 to 366"),
            ("accentColour", "red", "six hex digits"),
            ("webBaseUrl", "http://example.org/", "https://"),
            (
                "webBaseUrl",
                "javascript:alert(1)",
                "not a usable web address",
            ),
            ("language", "english!", "language tag"),
            ("unsubscribeUrl", "ftp://x", "merge tag"),
            (
                "mailingTool",
                "substack",
                "listmonk, mailchimp, buttondown, sendy, other or none",
            ),
            (
                "unsubscribeAddress",
                "{{ UnsubscribeURL }}",
                "no mail program fills in",
            ),
            (
                "unsubscribeAddress",
                "http://example.org/leave",
                "neither an https:// nor a mailto:",
            ),
            ("smtpHost", "smtp://mail.example.org:587", "without smtp://"),
            ("smtpPort", "0", "from 1 to 65535"),
            ("smtpPort", "submission", "from 1 to 65535"),
            ("smtpSecurity", "ssl3", "starttls, tls or none"),
            ("testRecipient", "me", "not an email address"),
            ("testRecipient", "me@", "like editor@example.org"),
            ("utmSource", "two words", "one word"),
            ("name", "  ", "needs a name"),
        ] {
            let error = set(key, value).unwrap_err();
            assert_eq!(
                error.code(),
                crate::error::ErrorCode::InvalidSetting,
                "{key}: {error}"
            );
            assert!(error.to_string().contains(words), "{key}={value}: {error}");
            assert_eq!(error.subject().as_deref(), Some(key), "{error}");
        }
        let mailing = set("smtpHost", "smtp.example.org")
            .and_then(|p| p.with("smtpPort", "465"))
            .and_then(|p| p.with("smtpSecurity", "SSL"))
            .and_then(|p| p.with("mailingTool", "Mailchimp"))
            .unwrap();
        assert_eq!(mailing.smtp_port_or_usual(), 465);
        assert_eq!(mailing.smtp_security, SmtpSecurity::Tls);
        assert_eq!(mailing.get("mailingTool").unwrap(), "mailchimp");
        assert_eq!(mailing.with("smtpPort", "").unwrap().smtp_port, None);
        // No encryption only to this computer, whichever is set first.
        let local = set("smtpHost", "127.0.0.1")
            .and_then(|p| p.with("smtpSecurity", "none"))
            .unwrap();
        assert_eq!(local.smtp_port_or_usual(), 25);
        let error = local.with("smtpHost", "smtp.example.org").unwrap_err();
        assert_eq!(error.subject().as_deref(), Some("smtpSecurity"), "{error}");
        assert!(error.to_string().contains("unencrypted"), "{error}");
        let error = set("colour", "#000000").unwrap_err();
        assert!(error.to_string().contains("accentColour"), "{error}");
    }

    #[test]
    fn each_message_gets_the_unsubscribe_link_its_sender_fills_in() {
        let with = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .fold(Publication::default(), |p, (key, value)| {
                    p.with(key, value).unwrap()
                })
        };
        let link = |p: &Publication, sender| p.as_sent_by(sender).unsubscribe_url;
        // A newsroom from before the setting: its own tag, as it was.
        let old = Publication::default();
        assert_eq!(link(&old, Sender::MailingTool), "{{ unsubscribe_url }}");
        assert_eq!(link(&old, Sender::MailProgram), "");
        let listmonk = with(&[
            ("mailingTool", "listmonk"),
            (
                "unsubscribeAddress",
                "mailto:leave@example.org https://example.org/leave",
            ),
        ]);
        assert_eq!(link(&listmonk, Sender::MailingTool), "{{ UnsubscribeURL }}");
        assert_eq!(
            link(&listmonk, Sender::MailProgram),
            "https://example.org/leave"
        );
        assert_eq!(
            listmonk.as_sent_by(Sender::MailProgram).mailing_tool,
            MailingTool::None
        );
        assert_eq!(
            listmonk.get("unsubscribeAddress").unwrap(),
            "mailto:leave@example.org https://example.org/leave"
        );
        // "other" with a real address: it is the .eml's address too.
        let own = with(&[("unsubscribeUrl", "https://example.org/stop")]);
        assert_eq!(link(&own, Sender::MailProgram), "https://example.org/stop");
        assert!(own.direct_unsubscribe().one_click());
        // No mailing tool: the real address everywhere.
        let none = with(&[
            ("mailingTool", "none"),
            ("unsubscribeAddress", "mailto:leave@example.org"),
        ]);
        assert_eq!(link(&none, Sender::MailingTool), "mailto:leave@example.org");
        assert_eq!(
            with(&[("mailingTool", "sendy")]).tool_unsubscribe_link(),
            "[unsubscribe]"
        );
    }
}
