//! Rendering issues into what readers receive. The preview calls the same functions
//! as the export, so the editor sees exactly what she ships.
//!
//! **Invariant:** HTML is only produced by templates (and by comrak for the body).

use minijinja::{Environment, Value, context};
use time::Date;
use time::macros::format_description;

use crate::content;
use crate::error::{Error, Result};
use crate::issue::Issue;
use crate::markdown;
use crate::publication::Publication;

const WEB_TEMPLATE_NAME: &str = "web.html";

/// The templates outputs are rendered with.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// The templates embedded in the app (`content/templates/`).
    pub fn embedded() -> Self {
        let mut env = Environment::new();
        // Embedded templates are tested at build time, so a failure here is a bug.
        env.add_template(WEB_TEMPLATE_NAME, content::WEB_TEMPLATE)
            .unwrap_or_else(|error| panic!("embedded template web.html is invalid: {error:#}"));
        Templates { env }
    }

    /// The standalone web page of an issue.
    pub fn render_web_page(&self, publication: &Publication, issue: &Issue) -> Result<String> {
        let template = self
            .env
            .get_template(WEB_TEMPLATE_NAME)
            .map_err(|error| template_error(WEB_TEMPLATE_NAME, &error))?;
        let body_html = markdown::render_html(&issue.body);
        template
            .render(context! {
                publication => minijinja::value::Serde(publication),
                issue => context! {
                    number => issue.number,
                    date => issue.date.to_string(),
                    date_long => long_date(issue.date),
                    title => &issue.title,
                    preheader => &issue.preheader,
                },
                body_html => Value::from_safe_string(body_html),
            })
            .map_err(|error| template_error(WEB_TEMPLATE_NAME, &error))
    }
}

fn template_error(name: &str, error: &minijinja::Error) -> Error {
    let detail = match error.line() {
        Some(line) => format!("line {line}: {}", error.detail().unwrap_or("unknown error")),
        None => error.to_string(),
    };
    Error::Template {
        name: name.to_owned(),
        detail,
    }
}

/// "27 January 2022": how dates read in the masthead.
pub fn long_date(date: Date) -> String {
    date.format(format_description!(
        "[day padding:none] [month repr:long] [year]"
    ))
    .unwrap_or_else(|_| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::IssueStatus;
    use time::macros::{date, datetime};

    fn sample_issue(body: &str) -> Issue {
        Issue {
            number: 7,
            date: date!(2024 - 03 - 05),
            title: "Rain & <shine>".into(),
            preheader: "Why it rained".into(),
            status: IssueStatus::Draft,
            body: body.into(),
            updated_at: datetime!(2024-03-01 10:00 UTC),
        }
    }

    #[test]
    fn web_page_has_the_body_and_escapes_the_title() {
        let html = Templates::embedded()
            .render_web_page(&Publication::default(), &sample_issue("# Hello\n\nWorld\n"))
            .unwrap();
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<h1>Hello</h1>"));
        assert!(
            html.contains("<title>Rain &amp; &lt;shine&gt; · Newsflash #7</title>"),
            "{html}"
        );
        assert!(html.contains("5 March 2024"));
    }

    #[test]
    fn sample_web_page_snapshot() {
        let (name, text) = crate::content::SAMPLE_ISSUES[0];
        let new_issue = crate::interchange::parse_issue_file(name, text).unwrap();
        let issue = Issue {
            number: new_issue.number,
            date: new_issue.date,
            title: new_issue.title,
            preheader: new_issue.preheader,
            status: new_issue.status,
            body: new_issue.body,
            updated_at: datetime!(2022-01-27 08:00 UTC),
        };
        let publication =
            Publication::from_toml("newsroom.toml", crate::content::NEWSROOM_SETTINGS).unwrap();
        let html = Templates::embedded()
            .render_web_page(&publication, &issue)
            .unwrap();
        insta::assert_snapshot!("sample_issue_web", html);
    }
}
