//! Search boxes to FTS5 queries. Editor text never reaches FTS5 `MATCH` as it is:
//! each word is quoted, so its syntax is only ever searched for, never obeyed.

/// More words than anyone types into a search box; the rest are ignored so a pasted
/// paragraph cannot make a query that takes long.
const MAX_QUERY_TOKENS: usize = 8;

/// Longer words are cut: no name has a word this long, and it bounds the query.
const MAX_TOKEN_CHARS: usize = 48;

/// Turns what the editor typed into an FTS5 query that matches sources containing
/// every word as a prefix (`hum ri` → `"hum"* "ri"*`). Each word is quoted, so FTS5
/// syntax in the text (`AND`, `NEAR`, `key:`, `-`, `^`, unbalanced quotes) is only
/// ever searched for, never obeyed. None when there is nothing to search for.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        // A word without letters or digits is all separators to the tokenizer: it
        // would make an empty phrase.
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .take(MAX_QUERY_TOKENS)
        .map(|word| {
            let word: String = word.chars().take(MAX_TOKEN_CHARS).collect();
            format!("\"{}\"*", word.replace('"', "\"\""))
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_quoted_prefix_words() {
        assert_eq!(fts_query("hum ri").as_deref(), Some("\"hum\"* \"ri\"*"));
        assert_eq!(
            fts_query("a\"b NEAR(x) key:y").as_deref(),
            Some("\"a\"\"b\"* \"NEAR(x)\"* \"key:y\"*")
        );
        assert_eq!(fts_query("  - ^ * \" () "), None);
        assert_eq!(fts_query(""), None);
        assert_eq!(
            fts_query(&"w ".repeat(100)).unwrap().matches('*').count(),
            MAX_QUERY_TOKENS
        );
    }
}
