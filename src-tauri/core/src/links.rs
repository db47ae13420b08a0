//! Links readers follow: which addresses may be links at all, and the UTM
//! parameters the email adds to them.

use std::borrow::Cow;

use crate::error::{Error, Result};

/// Accepts only absolute http(s) URLs with a host; returns the URL normalised.
/// Everything else (`javascript:`, `data:`, relative paths) is refused, because
/// these URLs end up as links in readers' mail.
pub fn check_web_url(text: &str) -> Result<String> {
    let refuse = |why: &str| Error::InvalidWebAddress {
        text: text.chars().take(80).collect(),
        why: why.to_owned(),
    };
    let url = url::Url::parse(text.trim()).map_err(|_| refuse("it cannot be read as a URL"))?;
    match url.scheme() {
        "https" | "http" => {}
        scheme => return Err(refuse(&format!("{scheme}: links are not allowed"))),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(refuse("it has no host"));
    }
    Ok(url.to_string())
}

/// Adds UTM parameters to an http(s) link, never overwriting one it already has.
/// Other links (mailto:, merge tags, anchors) are returned unchanged.
pub fn with_utm<'a>(link: &'a str, utm: &[(&str, String)]) -> Cow<'a, str> {
    if utm.is_empty() {
        return Cow::Borrowed(link);
    }
    let Ok(mut url) = url::Url::parse(link) else {
        return Cow::Borrowed(link);
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Cow::Borrowed(link);
    }
    let present: Vec<String> = url
        .query_pairs()
        .map(|(name, _)| name.into_owned())
        .collect();
    let missing: Vec<_> = utm
        .iter()
        .filter(|(name, _)| !present.iter().any(|p| p == name))
        .collect();
    if missing.is_empty() {
        return Cow::Borrowed(link);
    }
    {
        let mut query = url.query_pairs_mut();
        for (name, value) in missing {
            query.append_pair(name, value);
        }
    }
    Cow::Owned(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm_is_added_without_overwriting() {
        let utm = vec![
            ("utm_source", "newsflash".to_owned()),
            ("utm_campaign", "issue-3".to_owned()),
        ];
        assert_eq!(
            with_utm("https://example.org/a?x=1", &utm),
            "https://example.org/a?x=1&utm_source=newsflash&utm_campaign=issue-3"
        );
        assert_eq!(
            with_utm("https://example.org/?utm_source=partner", &utm),
            "https://example.org/?utm_source=partner&utm_campaign=issue-3"
        );
        for untouched in ["mailto:a@b.org", "{{ unsubscribe_url }}", "#top"] {
            assert_eq!(with_utm(untouched, &utm), untouched);
        }
        assert_eq!(
            with_utm("https://example.org/", &[]),
            "https://example.org/"
        );
    }

    #[test]
    fn only_absolute_web_addresses_are_links() {
        assert_eq!(
            check_web_url(" https://example.org/a ").unwrap(),
            "https://example.org/a"
        );
        for refused in [
            "javascript:alert(1)",
            "data:text/html,x",
            "/relative",
            "https://",
        ] {
            let error = check_web_url(refused).unwrap_err();
            assert!(
                matches!(error, Error::InvalidWebAddress { .. }),
                "{refused}: {error}"
            );
        }
    }
}
