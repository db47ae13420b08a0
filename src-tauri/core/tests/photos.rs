//! The photo library: adding images with their credits, the asset folder, and the
//! lead photo of each article.

use std::path::{Path, PathBuf};

use newsflash_core::{ErrorCode, Licence, NewPhoto, Newsroom, Seed};
use time::macros::datetime;

use crate::common::{NOW, SaveLatest, newsroom_path, open, open_for_editing};

/// The sample image, as a file to add.
const SAMPLE_JPEG: &[u8] = include_bytes!("../../../content/photos/tonga-ash-cloud.jpg");

/// A 3×2 GIF: the smallest image the library takes.
const TINY_GIF: &[u8] = b"GIF89a\x03\x00\x02\x00\x00\x00\x00;";

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn cc_by(key: &str) -> NewPhoto {
    let mut photo = NewPhoto::new(key, "Jane Doe", Licence::parse("CC-BY-2.0").unwrap());
    photo.title = "Ash over Nukuʻalofa".into();
    photo.source_name = "Flickr".into();
    photo.source_url = "https://www.flickr.com/photos/example/1".into();
    photo.alt = "Grey ash over a town".into();
    photo
}

fn empty_newsroom(dir: &tempfile::TempDir) -> Newsroom {
    Newsroom::open(&newsroom_path(dir), Seed::Empty, NOW).unwrap()
}

fn asset_names(newsroom: &Newsroom) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(newsroom.assets_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_newsroom_has_the_sample_photo() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    assert_eq!(newsroom.assets_dir(), dir.path().join("newsroom-assets"));
    let photo = newsroom.photos().get("tonga-ash-cloud").unwrap();
    assert_eq!(photo.media_type, "image/jpeg");
    assert_eq!((photo.width, photo.height), (Some(1200), Some(675)));
    assert_eq!(photo.licence.id(), "CC-BY-4.0");
    assert!(!photo.alt.is_empty());
    assert_eq!(
        photo.credit_line(),
        "“Ash cloud over the Pacific” by Newsflash Studio contributors, via Newsflash Studio, CC BY 4.0"
    );
    let stored = std::fs::read(newsroom.assets_dir().join(&photo.file)).unwrap();
    assert_eq!(stored, SAMPLE_JPEG);
    assert_eq!(photo.file, format!("{}.jpg", photo.sha256));
}

#[test]
fn an_empty_newsroom_has_no_photos_and_no_asset_folder() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    assert!(newsroom.photos().list().unwrap().is_empty());
    assert!(!newsroom.assets_dir().exists());
}

#[test]
fn added_photo_is_copied_by_content_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let file = write_file(dir.path(), "ash.JPG", SAMPLE_JPEG);
    let photo = newsroom.photos().add(&file, cc_by("ash"), NOW).unwrap();
    assert_eq!(photo.key, "ash");
    assert_eq!(photo.sha256.len(), 64);
    assert_eq!(photo.file, format!("{}.jpg", photo.sha256));
    assert_eq!(
        photo.credit_line(),
        "“Ash over Nukuʻalofa” by Jane Doe, via Flickr, CC BY 2.0"
    );
    // The original can go away: the newsroom has its own copy.
    std::fs::remove_file(&file).unwrap();
    drop(newsroom);
    let newsroom = Newsroom::open(&newsroom_path(&dir), Seed::Empty, NOW).unwrap();
    assert_eq!(newsroom.photos().list().unwrap(), vec![photo.clone()]);
    assert_eq!(asset_names(&newsroom), vec![photo.file]);
}

#[test]
fn the_same_image_twice_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let first = write_file(dir.path(), "a.gif", TINY_GIF);
    let second = write_file(dir.path(), "b.gif", TINY_GIF);
    let a = newsroom.photos().add(&first, cc_by("a"), NOW).unwrap();
    let b = newsroom.photos().add(&second, cc_by("b"), NOW).unwrap();
    assert_eq!(a.file, b.file);
    assert_eq!(a.media_type, "image/gif");
    assert_eq!((a.width, a.height), (Some(3), Some(2)));
    assert_eq!(asset_names(&newsroom), vec![a.file]);
    let keys: Vec<String> = newsroom
        .photos()
        .list()
        .unwrap()
        .into_iter()
        .map(|p| p.details.key)
        .collect();
    assert_eq!(keys, ["a", "b"]);
}

#[test]
fn a_pasted_image_is_stored_as_a_file_is_and_what_is_no_image_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let photo = newsroom
        .photos()
        .add_pasted(
            "pasted from the clipboard",
            SAMPLE_JPEG,
            cc_by("pasted"),
            NOW,
        )
        .unwrap();
    assert_eq!(photo.media_type, "image/jpeg");
    assert_eq!(photo.file, format!("{}.jpg", photo.sha256));
    assert_eq!(
        std::fs::read(newsroom.assets_dir().join(&photo.file)).unwrap(),
        SAMPLE_JPEG
    );

    let error = newsroom
        .photos()
        .add_pasted(
            "pasted from the clipboard",
            b"<html>a page</html>",
            cc_by("page"),
            NOW,
        )
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert!(
        error
            .to_string()
            .contains("The file pasted from the clipboard is not a JPEG"),
        "{error}"
    );
    let taken = newsroom
        .photos()
        .add_pasted("pasted from the clipboard", TINY_GIF, cc_by("pasted"), NOW)
        .unwrap_err();
    assert!(
        taken.to_string().contains("already has a photo \"pasted\""),
        "{taken}"
    );
    assert_eq!(asset_names(&newsroom), vec![photo.file]);
}

#[test]
fn a_key_can_be_used_once() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let file = write_file(dir.path(), "a.gif", TINY_GIF);
    newsroom.photos().add(&file, cc_by("ash"), NOW).unwrap();
    let error = newsroom.photos().add(&file, cc_by("ash"), NOW).unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert!(
        error.to_string().contains("already has a photo \"ash\""),
        "{error}"
    );
}

#[test]
fn bad_input_is_refused_with_a_sentence_and_nothing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let image = write_file(dir.path(), "a.jpg", SAMPLE_JPEG);
    let letter = write_file(
        dir.path(),
        "letter.jpg",
        b"Dear editor, this is not a photo.",
    );
    let cut = write_file(dir.path(), "cut.jpg", &SAMPLE_JPEG[..40]);
    let missing = dir.path().join("missing.jpg");

    let mut script = cc_by("ash");
    script.source_url = "javascript:alert(1)".into();
    let mut unparsable = cc_by("ash");
    unparsable.source_url = "not a url".into();
    let mut unpermitted = NewPhoto::new("ash", "Jane Doe", Licence::AllRightsReserved);
    unpermitted.alt = "x".into();

    let cases: Vec<(&Path, NewPhoto, &str)> = vec![
        (&image, script, "javascript: links are not allowed"),
        (&image, unparsable, "cannot be read as a URL"),
        (&image, unpermitted, "must be recorded"),
        (&image, cc_by("Not A Key"), "not a valid photo key"),
        (
            &letter,
            cc_by("ash"),
            "is not a JPEG, PNG, WebP or GIF image",
        ),
        (&cut, cc_by("ash"), "damaged or incomplete"),
        (dir.path(), cc_by("ash"), "is a folder, not a file"),
        (&missing, cc_by("ash"), "There is no file"),
    ];
    for (file, photo, expected) in cases {
        let error = newsroom.photos().add(file, photo, NOW).unwrap_err();
        let code = if file == dir.path() || file == missing {
            ErrorCode::File
        } else {
            ErrorCode::InvalidInput
        };
        assert_eq!(error.code(), code, "{error}");
        let message = error.to_string();
        assert!(message.contains(expected), "{message}");
        assert!(message.ends_with('.'), "{message}");
    }
    assert!(newsroom.photos().list().unwrap().is_empty());
    // No image was accepted, so no asset was written.
    assert!(
        !newsroom.assets_dir().exists() || asset_names(&newsroom).is_empty(),
        "{:?}",
        asset_names(&newsroom)
    );
}

#[test]
fn all_rights_reserved_with_permission_is_credited_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let file = write_file(dir.path(), "a.gif", TINY_GIF);
    let mut photo = NewPhoto::new("harbour", "Jane Doe", Licence::AllRightsReserved);
    photo.permission = "email from the photographer, 3 May 2026".into();
    let photo = newsroom.photos().add(&file, photo, NOW).unwrap();
    assert_eq!(
        photo.credit_line(),
        "Photo: Jane Doe, all rights reserved, used with permission (email from the photographer, 3 May 2026)"
    );
    assert_eq!(photo.credit().licence_url, None);
}

#[test]
fn details_can_be_changed_and_the_file_stays() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let file = write_file(dir.path(), "a.gif", TINY_GIF);
    let before = newsroom.photos().add(&file, cc_by("ash"), NOW).unwrap();
    let mut changed = cc_by("ash");
    changed.caption = "Ash fell for days.".into();
    changed.licence = Licence::Cc0;
    let after = newsroom.photos().update(changed, NOW).unwrap();
    assert_eq!(after.caption, "Ash fell for days.");
    assert_eq!(after.licence, Licence::Cc0);
    assert_eq!(after.file, before.file);

    let error = newsroom.photos().update(cc_by("nope"), NOW).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    let mut script = cc_by("ash");
    script.source_url = "javascript:alert(1)".into();
    assert!(newsroom.photos().update(script, NOW).is_err());
    assert_eq!(newsroom.photos().get("ash").unwrap(), after);
}

#[test]
fn articles_get_lead_photos() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    // The sample issue comes with its lead photo (from its front matter).
    let seeded = newsroom.photos().of_issue(1).unwrap();
    assert_eq!(seeded.len(), 1);
    assert_eq!(seeded[0].photo.key, "tonga-ash-cloud");
    let at = datetime!(2026-11-25 11:00 UTC);
    newsroom
        .photos()
        .set_for_article(1, 0, None, false, at)
        .unwrap();
    assert!(newsroom.photos().of_issue(1).unwrap().is_empty());
    newsroom
        .photos()
        .set_for_article(1, 0, Some("tonga-ash-cloud"), false, at)
        .unwrap();
    let photos = newsroom.photos().of_issue(1).unwrap();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].position, 0);
    assert_eq!(photos[0].photo.key, "tonga-ash-cloud");
    assert!(!photos[0].cropped);
    assert_eq!(newsroom.issues().get(1).unwrap().updated_at, at);

    // Choosing again replaces; saving the text keeps the choice.
    newsroom
        .photos()
        .set_for_article(1, 0, Some("tonga-ash-cloud"), true, at)
        .unwrap();
    let body = newsroom.issues().get(1).unwrap().body;
    newsroom.save_latest(1, &body, at).unwrap();
    assert!(newsroom.photos().of_issue(1).unwrap()[0].cropped);

    newsroom
        .photos()
        .set_for_article(1, 0, None, false, at)
        .unwrap();
    assert!(newsroom.photos().of_issue(1).unwrap().is_empty());
    // Clearing what is not set is not an error.
    newsroom
        .photos()
        .set_for_article(1, 3, None, false, at)
        .unwrap();
}

#[test]
fn article_photo_errors() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    let error = newsroom
        .photos()
        .set_for_article(9, 0, Some("tonga-ash-cloud"), false, NOW)
        .unwrap_err();
    assert_eq!(error.to_string(), "There is no issue 9 in this newsroom.");
    let error = newsroom
        .photos()
        .set_for_article(1, 0, Some("missing"), false, NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert!(
        error.to_string().contains("no photo \"missing\""),
        "{error}"
    );
    assert!(newsroom.photos().of_issue(9).is_err());
}

#[test]
fn no_derivatives_photos_are_not_cropped() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    let file = write_file(dir.path(), "a.gif", TINY_GIF);
    let mut nd = cc_by("nd");
    nd.licence = Licence::parse("CC-BY-ND-4.0").unwrap();
    newsroom.photos().add(&file, nd.clone(), NOW).unwrap();
    let error = newsroom
        .photos()
        .set_for_article(1, 0, Some("nd"), true, NOW)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("CC BY-ND 4.0, which does not allow changing it"),
        "{error}"
    );
    newsroom
        .photos()
        .set_for_article(1, 0, Some("nd"), false, NOW)
        .unwrap();

    // A photo shown cropped cannot be switched to a no-derivatives licence.
    newsroom
        .photos()
        .set_for_article(1, 1, Some("tonga-ash-cloud"), true, NOW)
        .unwrap();
    let mut sample = cc_by("tonga-ash-cloud");
    sample.licence = Licence::parse("CC-BY-NC-ND-3.0").unwrap();
    let error = newsroom.photos().update(sample, NOW).unwrap_err();
    assert!(
        error.to_string().contains("cannot be shown cropped"),
        "{error}"
    );
}

#[test]
fn an_interrupted_copy_leaves_no_half_file() {
    // The copy goes through a temporary file that is renamed when complete: after a
    // successful add the folder holds only whole, content-named files.
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let file = write_file(dir.path(), "a.jpg", SAMPLE_JPEG);
    let photo = newsroom.photos().add(&file, cc_by("ash"), NOW).unwrap();
    assert_eq!(asset_names(&newsroom), vec![photo.file.clone()]);
    // A file cut short by something else is replaced by the next add of the image.
    let stored = newsroom.assets_dir().join(&photo.file);
    std::fs::write(&stored, &SAMPLE_JPEG[..100]).unwrap();
    newsroom
        .photos()
        .add(&file, cc_by("ash-again"), NOW)
        .unwrap();
    assert_eq!(std::fs::read(&stored).unwrap(), SAMPLE_JPEG);
    assert_eq!(asset_names(&newsroom), vec![photo.file]);
}

#[test]
fn where_a_photo_is_used_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = crate::common::open(&dir.path().join("newsroom.db"));
    let uses = newsroom.photos().uses("tonga-ash-cloud").unwrap();
    let shown: Vec<_> = uses
        .iter()
        .map(|u| (u.number, u.position, u.deleted))
        .collect();
    assert_eq!(shown, [(1, 0, false)]);
    assert!(!uses[0].headline.is_empty());
    let error = newsroom.photos().uses("nope").unwrap_err();
    assert_eq!(error.code(), newsflash_core::ErrorCode::NotFound);
}
