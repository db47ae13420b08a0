//! SQL for photos and their credits (`photos`), and for the lead photo of each
//! article (`articles.photo_id`, `articles.photo_cropped`).

use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use time::OffsetDateTime;

use super::format_timestamp;
use crate::error::{Error, Result};
use crate::image::StoredImage;
use crate::licence::Licence;
use crate::photo::{NewPhoto, Photo};

pub(crate) const PHOTO_COLUMNS: &str =
    "p.key, p.file, p.sha256, p.media_type, p.width, p.height, p.alt,
     p.caption, p.title, p.creator, p.source_name, p.source_url, p.licence, p.permission";

pub(crate) fn exists(conn: &Connection, key: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM photos WHERE key = ?1)")?
        .query_row([key], |row| row.get(0))?)
}

pub(crate) fn insert(
    conn: &Connection,
    photo: &NewPhoto,
    image: &StoredImage,
    now: OffsetDateTime,
) -> Result<()> {
    if exists(conn, &photo.key)? {
        return Err(taken(&photo.key));
    }
    let licence = photo.licence.id();
    let at = format_timestamp(now);
    let mut values: Vec<(&str, &dyn ToSql)> = vec![
        (":key", &photo.key),
        (":file", &image.file),
        (":sha256", &image.sha256),
        (":media_type", &image.facts.media_type),
        (":width", &image.facts.width),
        (":height", &image.facts.height),
    ];
    values.extend(credit_values(photo, &licence, &at));
    conn.prepare_cached(
        "INSERT INTO photos (key, file, sha256, media_type, width, height, alt, caption, title,
                             creator, source_name, source_url, licence, permission,
                             created_at, updated_at)
         VALUES (:key, :file, :sha256, :media_type, :width, :height, :alt, :caption, :title,
                 :creator, :source_name, :source_url, :licence, :permission, :at, :at)",
    )?
    .execute(values.as_slice())?;
    Ok(())
}

/// The named values of a photo's details and credit, as both writes name them.
// `&dyn ToSql` needs a sized value: `&String`, not `&str`.
#[allow(clippy::ptr_arg)]
fn credit_values<'a>(
    photo: &'a NewPhoto,
    licence: &'a String,
    at: &'a String,
) -> [(&'static str, &'a dyn ToSql); 9] {
    [
        (":alt", &photo.alt),
        (":caption", &photo.caption),
        (":title", &photo.title),
        (":creator", &photo.creator),
        (":source_name", &photo.source_name),
        (":source_url", &photo.source_url),
        (":licence", licence),
        (":permission", &photo.permission),
        (":at", at),
    ]
}

/// Replaces the details and credit of the photo with `photo.key`; the file stays.
pub(crate) fn update_details(
    conn: &Connection,
    photo: &NewPhoto,
    now: OffsetDateTime,
) -> Result<()> {
    let licence = photo.licence.id();
    let at = format_timestamp(now);
    let mut values: Vec<(&str, &dyn ToSql)> = vec![(":key", &photo.key)];
    values.extend(credit_values(photo, &licence, &at));
    let changed = conn
        .prepare_cached(
            "UPDATE photos SET alt = :alt, caption = :caption, title = :title,
                    creator = :creator, source_name = :source_name,
                    source_url = :source_url, licence = :licence,
                    permission = :permission, updated_at = :at
             WHERE key = :key",
        )?
        .execute(values.as_slice())?;
    if changed == 0 {
        return Err(Error::PhotoNotFound {
            key: photo.key.clone(),
        });
    }
    Ok(())
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Photo>> {
    super::all_rows(
        conn,
        &format!("SELECT {PHOTO_COLUMNS} FROM photos p ORDER BY p.key"),
        [],
        |row| photo_from_row(row, 0),
    )
}

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Photo> {
    find(conn, key).map(|(_, photo)| photo)
}

/// The photo with `key` and its row id.
pub(crate) fn find(conn: &Connection, key: &str) -> Result<(i64, Photo)> {
    conn.prepare_cached(&format!(
        "SELECT p.id, {PHOTO_COLUMNS} FROM photos p WHERE p.key = ?1"
    ))?
    .query_row([key], |row| Ok((row.get(0)?, photo_from_row(row, 1)?)))
    .optional()?
    .ok_or_else(|| Error::PhotoNotFound {
        key: key.to_owned(),
    })
}

fn taken(key: &str) -> Error {
    Error::PhotoKeyTaken {
        key: key.to_owned(),
    }
}

pub(crate) fn photo_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<Photo> {
    let licence = super::parse_column(row, first + 12, Licence::parse)?;
    Ok(Photo {
        details: NewPhoto {
            key: row.get(first)?,
            alt: row.get(first + 6)?,
            caption: row.get(first + 7)?,
            title: row.get(first + 8)?,
            creator: row.get(first + 9)?,
            source_name: row.get(first + 10)?,
            source_url: row.get(first + 11)?,
            licence,
            permission: row.get(first + 13)?,
        },
        file: row.get(first + 1)?,
        sha256: row.get(first + 2)?,
        media_type: row.get(first + 3)?,
        width: row.get(first + 4)?,
        height: row.get(first + 5)?,
    })
}
