//! Moving an issue with its sources and photos to another newsroom.

use newsflash_core::{Licence, NewPhoto, Newsroom, Seed};

use crate::common::{NOW, newsroom_path, open};

#[test]
fn a_bundle_carries_the_issue_its_sources_and_its_photo() {
    let dir = tempfile::tempdir().unwrap();
    let first = open(&newsroom_path(&dir));
    let out = dir.path().join("bundle");
    std::fs::create_dir(&out).unwrap();
    let written = first.export_bundle(1, &out).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|path| path.strip_prefix(&out).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        vec![
            "001-tonga-cut-off-after-volcanic-eruption.md",
            "sources.csv",
            "photos/tonga-ash-cloud.jpg",
            "photos.toml"
        ]
    );
    let csv = std::fs::read_to_string(out.join("sources.csv")).unwrap();
    assert_eq!(
        csv.lines().count(),
        1 + 5,
        "header and the five cited sources:\n{csv}"
    );

    let mut second = Newsroom::open(&dir.path().join("second.db"), Seed::Empty, NOW).unwrap();
    let import = second.import_bundle(&out, NOW).unwrap();
    assert_eq!(
        (import.number, import.sources_added, import.photos_added),
        (1, 5, 1)
    );
    assert_eq!(second.issue_file(1).unwrap(), first.issue_file(1).unwrap());
    let photo = second.photo("tonga-ash-cloud").unwrap();
    assert_eq!(photo.sha256, first.photo("tonga-ash-cloud").unwrap().sha256);
    assert_eq!(
        photo.credit_line(),
        first.photo("tonga-ash-cloud").unwrap().credit_line()
    );
    assert!(second.assets_dir().join(&photo.file).is_file());
    assert_eq!(second.source("reuters").unwrap().unwrap().name, "Reuters");
    // The page differs only where the publications do (the second has no tagline
    // and no web address for its photos).
    let article = |page: String| page[page.find("<h1>").unwrap()..].to_owned();
    assert_eq!(
        article(second.render_web_page(1).unwrap()),
        article(first.render_web_page(1).unwrap())
    );

    let again = second.import_bundle(&out, NOW).unwrap_err();
    assert!(again.to_string().contains("already exists"), "{again}");
}

#[test]
fn a_photo_key_taken_by_another_image_refuses_the_whole_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let first = open(&newsroom_path(&dir));
    let out = dir.path().join("bundle");
    std::fs::create_dir(&out).unwrap();
    first.export_bundle(1, &out).unwrap();

    let mut second = Newsroom::open(&dir.path().join("second.db"), Seed::Empty, NOW).unwrap();
    // A different image under the same key: a 1×1 PNG.
    let png = dir.path().join("dot.png");
    std::fs::write(
        &png,
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0,
            0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 13, 0x49, 0x44,
            0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0, 0x05, 0x00, 0x01, 0xFF,
            0x56, 0xB2, 0x2D, 0x8E, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ],
    )
    .unwrap();
    let mut photo = NewPhoto::new(
        "tonga-ash-cloud",
        "Someone",
        Licence::parse("CC-BY-4.0").unwrap(),
    );
    photo.alt = "A dot".into();
    second.add_photo(&png, photo, NOW).unwrap();

    let error = second.import_bundle(&out, NOW).unwrap_err();
    assert!(error.to_string().contains("another image"), "{error}");
    assert!(second.issues().unwrap().is_empty());
    assert!(
        second.sources().unwrap().is_empty(),
        "no source half-imported"
    );
}

#[test]
fn a_folder_that_is_not_a_bundle_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let mut newsroom = open(&newsroom_path(&dir));
    let error = newsroom.import_bundle(dir.path(), NOW).unwrap_err();
    assert!(error.to_string().contains("no issue file"), "{error}");
    let error = newsroom
        .import_bundle(&dir.path().join("missing"), NOW)
        .unwrap_err();
    assert!(error.to_string().contains("There is no folder"), "{error}");
}
