//! `newsflash check`: the preflight of an issue, as the desk shows it.

use std::process::ExitCode;

use newsflash_core::{Finding, Newsroom, Severity, has_errors};

use crate::describe;

/// Prints the findings of issue `number`, one line each and a count (or, with
/// `json`, a JSON array); exit code 1 when any is an error.
pub(crate) fn run(newsroom: &Newsroom, number: u32, json: bool) -> Result<ExitCode, String> {
    let findings = newsroom.check_issue(number).map_err(describe)?;
    if json {
        let text = serde_json::to_string_pretty(&findings)
            .map_err(|error| format!("Could not write the findings as JSON: {error}."))?;
        println!("{text}");
    } else {
        print!("{}", human(&findings));
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
    let width = findings.iter().map(|f| f.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for finding in findings {
        let place = match (finding.article, finding.line) {
            (Some(article), Some(line)) => format!("article {}, line {line}", article + 1),
            (Some(article), None) => format!("article {}", article + 1),
            (None, Some(line)) => format!("line {line}"),
            (None, None) => "issue".to_owned(),
        };
        out.push_str(&format!(
            "{:<8}{:<width$}  {place}: {}\n",
            finding.severity.as_str(),
            finding.code,
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

    fn finding(severity: Severity, code: &str, article: Option<u32>, line: Option<u32>) -> Finding {
        Finding {
            severity,
            code: code.to_owned(),
            article,
            line,
            message: "Message.".to_owned(),
        }
    }

    #[test]
    fn one_aligned_line_per_finding_then_the_count() {
        let text = human(&[
            finding(Severity::Error, "unknown-source", Some(0), Some(12)),
            finding(Severity::Warning, "email-large", None, None),
            finding(Severity::Warning, "no-sources", Some(2), None),
        ]);
        assert_eq!(
            text,
            "error   unknown-source  article 1, line 12: Message.\n\
             warning email-large     issue: Message.\n\
             warning no-sources      article 3: Message.\n\
             1 error, 2 warnings.\n"
        );
        assert_eq!(human(&[]), "0 errors, 0 warnings.\n");
    }
}
