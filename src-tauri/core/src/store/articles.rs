//! SQL for what issues are made of: `articles`, `citations`, `issues_search`.
//! All three are derived from the issue's text and rewritten on every save.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::article::{ArticleHeading, ArticleMeta, ArticleSummary, Citation, CitationMark};
use crate::error::Result;
use crate::photo::{ArticlePhoto, PhotoUse};
use crate::source::SourceUse;

/// Brings the articles, citations and search index of an issue in step with its
/// text. Articles are kept by position, so a lead photo stays with the article in
/// its place; citation titles and access dates are carried over by (key, url).
pub(crate) fn sync(
    conn: &Connection,
    issue_id: i64,
    title: &str,
    body: &str,
    articles: &[ArticleHeading],
    citations: &[CitationMark],
) -> Result<()> {
    let count = i64::try_from(articles.len()).unwrap_or(i64::MAX);
    let mut upsert = conn.prepare_cached(
        "INSERT INTO articles (issue_id, position, headline, line) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (issue_id, position) DO UPDATE
         SET headline = excluded.headline, line = excluded.line
         WHERE headline IS NOT excluded.headline OR line IS NOT excluded.line",
    )?;
    for (position, article) in (0_i64..).zip(articles) {
        upsert.execute(params![issue_id, position, article.headline, article.line])?;
    }
    conn.prepare_cached(
        "DELETE FROM articles WHERE issue_id = ?1 AND position >= ?2 AND photo_id IS NULL",
    )?
    .execute(params![issue_id, count])?;
    // An article that went away but had a photo keeps its row (headline emptied), so
    // the photo choice is not lost if the heading comes back after an undo.
    conn.prepare_cached(
        "UPDATE articles SET headline = '', line = 0 WHERE issue_id = ?1 AND position >= ?2",
    )?
    .execute(params![issue_id, count])?;

    let mut details: HashMap<(String, String), (String, Option<String>)> = HashMap::new();
    {
        let mut old = conn.prepare_cached(
            "SELECT source_key, url, title, accessed FROM citations
             WHERE issue_id = ?1 AND (title != '' OR accessed IS NOT NULL)",
        )?;
        let rows = old.query_map([issue_id], |row| {
            Ok(((row.get(0)?, row.get(1)?), (row.get(2)?, row.get(3)?)))
        })?;
        for row in rows {
            let (key, value) = row?;
            details.insert(key, value);
        }
    }
    conn.prepare_cached("DELETE FROM citations WHERE issue_id = ?1")?
        .execute([issue_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO citations (issue_id, seq, article, source_key, url, title, accessed, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (seq, citation) in (0_i64..).zip(citations) {
        let url = citation.url.clone().unwrap_or_default();
        let (title, accessed) = details
            .get(&(citation.key.clone(), url.clone()))
            .cloned()
            .unwrap_or_default();
        insert.execute(params![
            issue_id,
            seq,
            citation.article,
            citation.key,
            url,
            title,
            accessed,
            citation.line
        ])?;
    }

    conn.prepare_cached("DELETE FROM issues_search WHERE rowid = ?1")?
        .execute([issue_id])?;
    conn.prepare_cached("INSERT INTO issues_search (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![issue_id, title, body])?;
    Ok(())
}

/// The articles of an issue with their citations, as last saved.
pub(crate) fn summaries(conn: &Connection, issue_id: i64) -> Result<Vec<ArticleSummary>> {
    let mut articles: Vec<ArticleSummary> = conn
        .prepare_cached(
            "SELECT position, headline, line FROM articles
             WHERE issue_id = ?1 AND line > 0 ORDER BY position",
        )?
        .query_map([issue_id], |row| {
            Ok(ArticleSummary {
                position: row.get(0)?,
                headline: row.get(1)?,
                line: row.get(2)?,
                citations: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut statement = conn.prepare_cached(
        "SELECT article, source_key, url, title, accessed, line FROM citations
         WHERE issue_id = ?1 ORDER BY seq",
    )?;
    let mut rows = statement.query([issue_id])?;
    while let Some(row) = rows.next()? {
        let position: u32 = row.get(0)?;
        if let Some(article) = articles.iter_mut().find(|a| a.position == position) {
            article.citations.push(Citation {
                key: row.get(1)?,
                url: row.get(2)?,
                title: row.get(3)?,
                accessed: row.get(4)?,
                line: row.get(5)?,
            });
        }
    }
    Ok(articles)
}

/// Per-article metadata of an issue for its interchange file: lead photo keys.
pub(crate) fn article_meta(conn: &Connection, issue_id: i64) -> Result<Vec<ArticleMeta>> {
    super::all_rows(
        conn,
        "SELECT a.position, p.key, a.photo_cropped FROM articles a
         LEFT JOIN photos p ON p.id = a.photo_id
         WHERE a.issue_id = ?1 AND a.line > 0 ORDER BY a.position",
        [issue_id],
        |row| {
            Ok(ArticleMeta {
                photo: row.get(1)?,
                photo_cropped: row.get(2)?,
            })
        },
    )
}

/// Whether any article shows the photo cropped.
pub(crate) fn used_cropped(conn: &Connection, key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM articles a JOIN photos p ON p.id = a.photo_id
                            WHERE p.key = ?1 AND a.photo_cropped = 1)",
        )?
        .query_row([key], |row| row.get(0))?)
}

/// Sets (or with `None` clears) the lead photo of the article at `position`. A row
/// for an article the text sync has not derived yet is made with an empty headline
/// and line 0; the sync keeps rows by position and fills them in.
pub(crate) fn set_article_photo(
    conn: &Connection,
    issue_id: i64,
    position: u32,
    photo_key: Option<&str>,
    cropped: bool,
) -> Result<()> {
    match photo_key {
        Some(key) => {
            let (photo_id, _) = super::photos::find(conn, key)?;
            conn.prepare_cached(
                "INSERT INTO articles (issue_id, position, headline, line, photo_id, photo_cropped)
                 VALUES (?1, ?2, '', 0, ?3, ?4)
                 ON CONFLICT (issue_id, position) DO UPDATE
                 SET photo_id = excluded.photo_id, photo_cropped = excluded.photo_cropped",
            )?
            .execute(params![issue_id, position, photo_id, cropped])?;
        }
        None => {
            conn.prepare_cached(
                "UPDATE articles SET photo_id = NULL, photo_cropped = 0
                 WHERE issue_id = ?1 AND position = ?2",
            )?
            .execute(params![issue_id, position])?;
        }
    }
    Ok(())
}

/// The articles of an issue that have a lead photo, in order.
pub(crate) fn article_photos(conn: &Connection, issue_id: i64) -> Result<Vec<ArticlePhoto>> {
    super::all_rows(
        conn,
        &format!(
            "SELECT a.position, a.photo_cropped, {}
         FROM articles a JOIN photos p ON p.id = a.photo_id
         WHERE a.issue_id = ?1 ORDER BY a.position",
            super::photos::PHOTO_COLUMNS
        ),
        [issue_id],
        |row| {
            Ok(ArticlePhoto {
                position: row.get(0)?,
                cropped: row.get(1)?,
                photo: super::photos::photo_from_row(row, 2)?,
            })
        },
    )
}

/// The issues whose text cites `key` (deleted ones too), newest first, with their
/// row ids.
pub(crate) fn source_uses(conn: &Connection, key: &str) -> Result<Vec<(i64, SourceUse)>> {
    super::all_rows(
        conn,
        "SELECT i.id, i.number, i.title, COUNT(*), i.deleted_at IS NOT NULL
         FROM citations c JOIN issues i ON i.id = c.issue_id
         WHERE c.source_key = ?1 GROUP BY i.id ORDER BY i.number DESC",
        [key],
        |row| {
            Ok((
                row.get(0)?,
                SourceUse {
                    number: row.get(1)?,
                    title: row.get(2)?,
                    citations: row.get(3)?,
                    deleted: row.get(4)?,
                },
            ))
        },
    )
}

/// The articles (of deleted issues too) that show photo `key` as their lead photo,
/// newest issue first.
pub(crate) fn photo_uses(conn: &Connection, key: &str) -> Result<Vec<PhotoUse>> {
    super::all_rows(
        conn,
        "SELECT i.number, i.title, a.position, a.headline, i.deleted_at IS NOT NULL
         FROM articles a JOIN photos p ON p.id = a.photo_id JOIN issues i ON i.id = a.issue_id
         WHERE p.key = ?1 ORDER BY i.number DESC, a.position",
        [key],
        |row| {
            Ok(PhotoUse {
                number: row.get(0)?,
                title: row.get(1)?,
                position: row.get(2)?,
                headline: row.get(3)?,
                deleted: row.get(4)?,
            })
        },
    )
}
