//! The interchange file: one issue as UTF-8 Markdown with TOML front matter.
//!
//! ```text
//! +++
//! number = 1
//! date = 2022-01-20
//! title = "Kazakhstan president claims coup attempt"
//! preheader = "What happened, who reacted, what comes next"
//! status = "draft"
//! +++
//!
//! # Kazakhstan president claims coup attempt
//! …
//! ```

//!
//! Normalisation: exporting writes the front matter in one canonical form (the keys
//! in the order above, `sponsored` and `[[articles]]` only when they say something,
//! strings in TOML basic quotes), then one empty line, then the text exactly as
//! stored. Importing drops a byte-order mark and the empty lines between the front
//! matter and the text, and turns Windows line ends (CRLF) into LF. So a file that
//! was exported comes back byte for byte, and any file reaches that form after one
//! import.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::article::{ArticleMeta, is_false};
use crate::error::{Error, Result};
use crate::issue::{Issue, IssueDetails, IssueStatus, NewIssue, check_body_size};
use crate::text::line_at;

const FENCE: &str = "+++";

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    number: u32,
    date: toml::value::Datetime,
    title: String,
    #[serde(default)]
    preheader: String,
    #[serde(default = "draft")]
    status: String,
    #[serde(default, skip_serializing_if = "is_false")]
    sponsored: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    articles: Vec<ArticleMeta>,
}

/// An issue read from an interchange file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueFile {
    /// The issue.
    pub issue: NewIssue,
    /// Whether a sponsor paid for it.
    pub sponsored: bool,
    /// Per-article metadata, in body order.
    pub articles: Vec<ArticleMeta>,
}

/// Writes an issue as an interchange file.
pub fn write_issue_file(issue: &Issue, sponsored: bool, articles: &[ArticleMeta]) -> String {
    let last_meaningful = articles
        .iter()
        .rposition(|meta| *meta != ArticleMeta::default())
        .map_or(0, |index| index + 1);
    let date = issue.date;
    let front = FrontMatter {
        number: issue.number,
        date: toml::value::Datetime {
            date: Some(toml::value::Date {
                year: u16::try_from(date.year()).unwrap_or_default(),
                month: u8::from(date.month()),
                day: date.day(),
            }),
            time: None,
            offset: None,
        },
        title: issue.title.clone(),
        preheader: issue.preheader.clone(),
        status: issue.status.as_str().to_owned(),
        sponsored,
        articles: articles[..last_meaningful].to_vec(),
    };
    // Serialising these plain fields cannot fail.
    let toml = toml::to_string(&front).unwrap_or_default();
    format!("{FENCE}\n{toml}{FENCE}\n\n{}", issue.body)
}

fn draft() -> String {
    IssueStatus::Draft.as_str().to_owned()
}

/// Reads an issue file (its issue only). `name` is used in error messages.
pub fn parse_issue_file(name: &str, text: &str) -> Result<NewIssue> {
    read_issue_file(name, text).map(|file| file.issue)
}

/// Reads an issue file with its per-article metadata. `name` is used in messages.
pub fn read_issue_file(name: &str, text: &str) -> Result<IssueFile> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unix;
    let text = if text.contains("\r\n") {
        unix = text.replace("\r\n", "\n");
        unix.as_str()
    } else {
        text
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != FENCE {
        return Err(Error::invalid_file(
            name,
            Some(1),
            "an issue file starts with a line of three plus signs (+++) opening its front matter",
        ));
    }
    let front_start = first.len();
    let mut offset = front_start;
    let mut front_end = None;
    let mut line_number = 1;
    for line in lines {
        line_number += 1;
        if line.trim_end() == FENCE {
            front_end = Some((offset, offset + line.len(), line_number));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start, _)) = front_end else {
        return Err(Error::invalid_file(
            name,
            None,
            "the front matter opened on line 1 is never closed by a line of three plus signs (+++)",
        ));
    };
    let front = &text[front_start..front_end];
    let matter: FrontMatter = toml::from_str(front).map_err(|error| {
        // The front matter starts on line 2 of the file.
        let line = error
            .span()
            .map_or(1, |span| line_at(front, span.start).saturating_add(1));
        Error::invalid_file(
            name,
            Some(line),
            format!(
                "the front matter is not valid: {}",
                error.message().trim_end_matches('.')
            ),
        )
    })?;
    let body = text[body_start..].trim_start_matches('\n');
    check_body_size(body)?;
    let date = toml_date(&matter.date).ok_or_else(|| {
        Error::invalid_file(
            name,
            None,
            format!(
                "the date {} is not a calendar day written as YYYY-MM-DD",
                matter.date
            ),
        )
    })?;
    if matter.number == 0 {
        return Err(Error::invalid_file(name, None, "issue numbers start at 1"));
    }
    Ok(IssueFile {
        issue: NewIssue {
            number: matter.number,
            details: IssueDetails {
                date,
                title: matter.title,
                preheader: matter.preheader,
            },
            status: matter.status.parse().map_err(|error: Error| {
                Error::invalid_file(name, None, without_full_stop(&error.to_string()))
            })?,
            body: body.to_owned(),
        },
        sponsored: matter.sponsored,
        articles: matter.articles,
    })
}

/// A sentence made the end of another: its full stop dropped.
fn without_full_stop(sentence: &str) -> String {
    sentence.trim_end_matches('.').to_owned()
}

fn toml_date(value: &toml::value::Datetime) -> Option<Date> {
    if value.time.is_some() || value.offset.is_some() {
        return None;
    }
    let date = value.date?;
    Date::from_calendar_date(
        i32::from(date.year),
        Month::try_from(date.month).ok()?,
        date.day,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_and_body() {
        let issue = parse_issue_file(
            "x.md",
            "+++\nnumber = 3\ndate = 2024-05-02\ntitle = \"T\"\n+++\n\n# Head\n\nText\n",
        )
        .unwrap();
        assert_eq!(issue.number, 3);
        assert_eq!(issue.details.date.to_string(), "2024-05-02");
        assert_eq!(issue.status, IssueStatus::Draft);
        assert_eq!(issue.body, "# Head\n\nText\n");
    }

    /// Why `text` is refused, as the editor reads it.
    fn refusal(name: &str, text: &str) -> String {
        parse_issue_file(name, text).unwrap_err().to_string()
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        let error = refusal(
            "broken.md",
            "+++\nnumber = 3\ndate = 2024-05-02\ntitle = \"unterminated\n+++\n",
        );
        assert!(error.starts_with("broken.md, line 4:"), "{error}");
    }

    #[test]
    fn missing_fence_is_explained() {
        let error = refusal("a.md", "# Just markdown\n");
        assert!(error.contains("line 1"), "{error}");
        let error = refusal("a.md", "+++\nnumber = 1\n");
        assert!(error.contains("never closed"), "{error}");
    }

    #[test]
    fn impossible_date_is_refused() {
        let error = refusal(
            "a.md",
            "+++\nnumber = 1\ndate = 2024-02-30\ntitle = \"T\"\n+++\n",
        );
        assert!(error.contains("a.md"), "{error}");
    }

    fn issue_of(file: &IssueFile) -> Issue {
        Issue {
            number: file.issue.number,
            date: file.issue.details.date,
            title: file.issue.details.title.clone(),
            preheader: file.issue.details.preheader.clone(),
            status: file.issue.status,
            body: file.issue.body.clone(),
            updated_at: time::OffsetDateTime::UNIX_EPOCH,
            version: 1,
        }
    }

    #[test]
    fn sample_issue_files_are_in_canonical_form() {
        for (name, text) in crate::content::SAMPLE_ISSUES {
            let file = read_issue_file(name, text).unwrap();
            let written = write_issue_file(&issue_of(&file), file.sponsored, &file.articles);
            assert_eq!(&written, text, "{name}");
        }
    }

    #[test]
    fn article_metadata_round_trips_and_is_trimmed() {
        let text = "+++\nnumber = 2\ndate = 2024-01-02\ntitle = \"T\"\npreheader = \"\"\nstatus = \"draft\"\nsponsored = true\n\n[[articles]]\n\n[[articles]]\nphoto = \"p\"\nphoto_cropped = true\n\n[[articles]]\n+++\n\n# A\n";
        let file = read_issue_file("a.md", text).unwrap();
        assert!(file.sponsored);
        assert_eq!(file.articles.len(), 3);
        assert_eq!(file.articles[1].photo.as_deref(), Some("p"));
        let written = write_issue_file(&issue_of(&file), file.sponsored, &file.articles);
        assert_eq!(written, text.replace("\n[[articles]]\n+++", "+++"));
    }

    #[test]
    fn windows_line_ends_and_bom_are_normalised() {
        let text = "\u{feff}+++\r\nnumber = 1\r\ndate = 2024-01-02\r\ntitle = \"T\"\r\n+++\r\n\r\n# A\r\n\r\nB\r\n";
        let file = read_issue_file("w.md", text).unwrap();
        assert_eq!(file.issue.body, "# A\n\nB\n");
    }

    #[test]
    fn unknown_front_matter_key_is_named() {
        let error = read_issue_file(
            "k.md",
            "+++\nnumber = 1\ndate = 2024-01-02\ntitle = \"T\"\nauthor = \"me\"\n+++\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("k.md, line 5") && error.contains("author"),
            "{error}"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn export_import_export_is_stable(
            number in 1u32..100_000,
            day in 0i64..20_000,
            title in "[^\\x00-\\x1f\\x7f]{0,40}",
            preheader in "\\PC{0,60}",
            status in 0usize..4,
            sponsored in proptest::bool::ANY,
            photos in proptest::collection::vec(proptest::option::of("[a-z0-9-]{1,12}"), 0..4),
            body in "([^\\r\\n]{0,30}\\n){0,12}",
        ) {
            let date = time::macros::date!(1990 - 01 - 01) + time::Duration::days(day);
            let body = body.trim_start_matches('\n').to_owned();
            let issue = Issue {
                number,
                date,
                title,
                preheader,
                status: IssueStatus::ALL[status],
                body,
                updated_at: time::OffsetDateTime::UNIX_EPOCH,
                version: 1,
            };
            let articles: Vec<ArticleMeta> = photos
                .into_iter()
                .map(|photo| ArticleMeta { photo, photo_cropped: false })
                .collect();
            let first = write_issue_file(&issue, sponsored, &articles);
            let read = read_issue_file("p.md", &first).unwrap();
            proptest::prop_assert_eq!(&issue_of(&read), &issue);
            let second = write_issue_file(&issue_of(&read), read.sponsored, &read.articles);
            proptest::prop_assert_eq!(first, second);
        }
    }

    #[test]
    fn sample_issues_parse() {
        for (name, text) in crate::content::SAMPLE_ISSUES {
            let issue = parse_issue_file(name, text).unwrap();
            assert!(issue.body.starts_with("# "), "{name}");
        }
    }
}
