//! `newsflash check`: the preflight of an issue, as the desk shows it.

use std::process::ExitCode;

use newsflash_core::{Body, Error, Finding, FindingCode, Newsroom, Severity, has_errors};

use crate::say::{out, text_out};

/// Prints the findings of issue `number`, one line each and a count (or, with
/// `json`, a JSON array); exit code 1 when any is an error.
pub(crate) fn run(newsroom: &Newsroom, number: u32, json: bool) -> Result<ExitCode, Error> {
    let findings = newsroom.preflight(number, Body::Saved)?;
    if json {
        let text = serde_json::to_string_pretty(&findings)
            .map_err(|error| Error::Internal(format!("writing the findings as JSON: {error}")))?;
        out!("{text}");
    } else {
        text_out(&human(&findings));
    }
    Ok(if has_errors(&findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `error   unknown-source  article 1, line 12: The text cites …` per finding
/// (articles counted from 1, as editors count them), then `2 errors, 3 warnings.`
fn human(findings: &[Finding]) -> String {
    let width = findings
        .iter()
        .map(|f| f.code.as_str().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for finding in findings {
        let place = match (finding.article, finding.line) {
            (Some(article), Some(line)) => format!("article {}, line {line}", article + 1),
            (Some(article), None) => format!("article {}", article + 1),
            (None, Some(line)) => format!("line {line}"),
            (None, None) => "issue".to_owned(),
        };
        let fix = fix(finding)
            .map(|fix| format!(" {fix}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:<8}{:<width$}  {place}: {}{fix}\n",
            finding.severity.as_str(),
            finding.code.as_str(),
            finding.message
        ));
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    out.push_str(&format!(
        "{}, {}.\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    out
}

/// The command that fixes a finding, when there is one.
fn fix(finding: &Finding) -> Option<String> {
    let subject = finding.subject.as_deref()?;
    match finding.code {
        FindingCode::UnknownSource => Some(format!(
            "Add it with `newsflash sources add {subject} NAME`, or fix the key."
        )),
        FindingCode::UnknownPhoto => Some(format!(
            "Add it with `newsflash photos add FILE --key {subject} --creator NAME --licence ID`, or fix the key."
        )),
        _ => None,
    }
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(
        severity: Severity,
        code: FindingCode,
        article: Option<u32>,
        line: Option<u32>,
    ) -> Finding {
        Finding {
            severity,
            code,
            article,
            line,
            message: "Message.".to_owned(),
            subject: None,
        }
    }

    #[test]
    fn one_aligned_line_per_finding_then_the_count() {
        let text = human(&[
            Finding {
                subject: Some("bogus".into()),
                ..finding(
                    Severity::Error,
                    FindingCode::UnknownSource,
                    Some(0),
                    Some(12),
                )
            },
            finding(Severity::Warning, FindingCode::EmailLarge, None, None),
            finding(Severity::Warning, FindingCode::NoSources, Some(2), None),
        ]);
        assert_eq!(
            text,
            "error   unknown-source  article 1, line 12: Message. Add it with `newsflash sources add bogus NAME`, or fix the key.\n\
             warning email-large     issue: Message.\n\
             warning no-sources      article 3: Message.\n\
             1 error, 2 warnings.\n"
        );
        assert_eq!(human(&[]), "0 errors, 0 warnings.\n");
    }
}
