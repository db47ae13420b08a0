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

use serde::Deserialize;
use time::{Date, Month};

use crate::error::{Error, Result};
use crate::issue::{IssueStatus, NewIssue, check_body_size};

const FENCE: &str = "+++";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    number: u32,
    date: toml::value::Datetime,
    title: String,
    #[serde(default)]
    preheader: String,
    #[serde(default = "draft")]
    status: String,
}

fn draft() -> String {
    IssueStatus::Draft.as_str().to_owned()
}

/// Reads an issue file. `name` is used in error messages (a file name).
pub fn parse_issue_file(name: &str, text: &str) -> Result<NewIssue> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != FENCE {
        return Err(Error::InvalidInput(format!(
            "{name}, line 1: an issue file starts with a line of three plus signs (+++) opening its front matter."
        )));
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
        return Err(Error::InvalidInput(format!(
            "{name}: the front matter opened on line 1 is never closed; add a line of three plus signs (+++) after it."
        )));
    };
    let front = &text[front_start..front_end];
    let matter: FrontMatter = toml::from_str(front).map_err(|error| {
        let line = error
            .span()
            .map(|span| front[..span.start].matches('\n').count() + 2)
            .unwrap_or(1);
        Error::InvalidInput(format!(
            "{name}, line {line}: the front matter is not valid: {}",
            error.message().trim_end_matches('.')
        ))
    })?;
    let body = text[body_start..].trim_start_matches(['\n', '\r']);
    check_body_size(body)?;
    let date = toml_date(&matter.date).ok_or_else(|| {
        Error::InvalidInput(format!(
            "{name}: the date {} is not a calendar day; write it as YYYY-MM-DD.",
            matter.date
        ))
    })?;
    if matter.number == 0 {
        return Err(Error::InvalidInput(format!(
            "{name}: issue numbers start at 1."
        )));
    }
    Ok(NewIssue {
        number: matter.number,
        date,
        title: matter.title,
        preheader: matter.preheader,
        status: IssueStatus::parse(&matter.status)?,
        body: body.to_owned(),
    })
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
        assert_eq!(issue.date.to_string(), "2024-05-02");
        assert_eq!(issue.status, IssueStatus::Draft);
        assert_eq!(issue.body, "# Head\n\nText\n");
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        let error = parse_issue_file(
            "broken.md",
            "+++\nnumber = 3\ndate = 2024-05-02\ntitle = \"unterminated\n+++\n",
        )
        .unwrap_err()
        .to_string();
        assert!(error.starts_with("broken.md, line 4:"), "{error}");
    }

    #[test]
    fn missing_fence_is_explained() {
        let error = parse_issue_file("a.md", "# Just markdown\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("line 1"), "{error}");
        let error = parse_issue_file("a.md", "+++\nnumber = 1\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("never closed"), "{error}");
    }

    #[test]
    fn impossible_date_is_refused() {
        let error = parse_issue_file(
            "a.md",
            "+++\nnumber = 1\ndate = 2024-02-30\ntitle = \"T\"\n+++\n",
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("a.md"), "{error}");
    }

    #[test]
    fn sample_issues_parse() {
        for (name, text) in crate::content::SAMPLE_ISSUES {
            let issue = parse_issue_file(name, text).unwrap();
            assert!(issue.body.starts_with("# "), "{name}");
        }
    }
}
