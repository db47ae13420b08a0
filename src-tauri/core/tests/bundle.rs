//! Moving an issue with its sources and photos to another newsroom, and refusing
//! what a bundle from elsewhere must not do.

use std::path::Path;

use newsflash_core::{
    Body, BundleImport, Error, Format, Licence, NewPhoto, Newsroom, Seed, export_bundle,
    import_bundle, read_bundle,
};

use crate::common::{NOW, newsroom_path, open};

fn import(newsroom: &Newsroom, folder: &Path) -> newsflash_core::Result<BundleImport> {
    import_bundle(newsroom, &read_bundle(folder)?, false, NOW)
}

/// A newsroom with the sample issue exported as a bundle into `<dir>/bundle`.
fn exported(dir: &tempfile::TempDir) -> (Newsroom, std::path::PathBuf) {
    let first = open(&newsroom_path(dir));
    let out = dir.path().join("bundle");
    std::fs::create_dir(&out).unwrap();
    export_bundle(&first, 1, &out).unwrap();
    (first, out)
}

fn empty(dir: &tempfile::TempDir) -> Newsroom {
    Newsroom::open(&dir.path().join("second.db"), Seed::Empty, NOW).unwrap()
}

#[test]
fn a_bundle_carries_the_issue_its_sources_and_its_photo() {
    let dir = tempfile::tempdir().unwrap();
    let first = open(&newsroom_path(&dir));
    let out = dir.path().join("bundle");
    std::fs::create_dir(&out).unwrap();
    let written = export_bundle(&first, 1, &out).unwrap();
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

    let second = empty(&dir);
    let report = import(&second, &out).unwrap();
    assert_eq!(
        (report.number, report.sources_added, report.photos_added),
        (1, 5, 1)
    );
    assert!(report.sources_differing.is_empty());
    assert_eq!(
        second.issues().file(1).unwrap(),
        first.issues().file(1).unwrap()
    );
    let photo = second.photos().get("tonga-ash-cloud").unwrap();
    assert_eq!(
        photo.sha256,
        first.photos().get("tonga-ash-cloud").unwrap().sha256
    );
    assert_eq!(
        photo.credit_line(),
        first.photos().get("tonga-ash-cloud").unwrap().credit_line()
    );
    assert!(second.assets_dir().join(&photo.file).is_file());
    assert_eq!(
        second.sources().get("reuters").unwrap().unwrap().name,
        "Reuters"
    );
    // The page differs only where the publications do (the second has no tagline
    // and no web address for its photos).
    let article = |page: String| page[page.find("<h1>").unwrap()..].to_owned();
    assert_eq!(
        article(second.render(1, Format::Web, Body::Saved).unwrap()),
        article(first.render(1, Format::Web, Body::Saved).unwrap())
    );

    let again = import(&second, &out).unwrap_err();
    assert!(
        matches!(again, Error::IssueNumberTaken { number: 1 }),
        "{again}"
    );
}

#[test]
fn a_bundle_never_changes_the_library_unless_asked_and_reports_every_difference() {
    let dir = tempfile::tempdir().unwrap();
    let (first, out) = exported(&dir);
    // The bundle's sources.csv says Reuters lives at a phishing address.
    let csv = std::fs::read_to_string(out.join("sources.csv")).unwrap();
    let reuters_homepage = first.sources().get("reuters").unwrap().unwrap().homepage;
    let poisoned = csv.replace(&reuters_homepage, "https://reuters.phish.example/");
    assert_ne!(csv, poisoned);
    std::fs::write(out.join("sources.csv"), poisoned).unwrap();

    let second = Newsroom::open(&dir.path().join("second.db"), Seed::Empty, NOW).unwrap();
    let mut reuters = first.sources().get("reuters").unwrap().unwrap();
    reuters.aliases.clear();
    second.sources().add(reuters.clone(), NOW).unwrap();
    let bundle = read_bundle(&out).unwrap();
    let report = import_bundle(&second, &bundle, false, NOW).unwrap();
    assert_eq!((report.sources_added, report.sources_updated), (4, 0));
    assert_eq!(report.sources_differing.len(), 1, "{report:?}");
    let difference = &report.sources_differing[0];
    assert_eq!(difference.key, "reuters");
    assert_eq!(difference.changes[0].field, "homepage");
    assert_eq!(
        difference.changes[0].incoming,
        "https://reuters.phish.example/"
    );
    assert_eq!(
        second.sources().get("reuters").unwrap().unwrap().homepage,
        reuters.homepage,
        "the library kept its own address"
    );

    // Asked to, it takes the bundle's details.
    let third = Newsroom::open(&dir.path().join("third.db"), Seed::Empty, NOW).unwrap();
    third.sources().add(reuters, NOW).unwrap();
    let report = import_bundle(&third, &bundle, true, NOW).unwrap();
    assert_eq!(report.sources_updated, 1);
    assert_eq!(
        third.sources().get("reuters").unwrap().unwrap().homepage,
        "https://reuters.phish.example/"
    );
}

#[cfg(unix)]
#[test]
fn a_bundle_cannot_bring_files_from_outside_itself() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = exported(&dir);
    let list = std::fs::read_to_string(out.join("photos.toml")).unwrap();
    let secret = dir.path().join("secret.jpg");
    std::fs::copy(out.join("photos/tonga-ash-cloud.jpg"), &secret).unwrap();

    for file in ["../../secret.jpg", secret.to_str().unwrap(), "sub/x.jpg"] {
        let changed = list.replace(
            "file = \"tonga-ash-cloud.jpg\"",
            &format!("file = {file:?}"),
        );
        assert_ne!(changed, list);
        std::fs::write(out.join("photos.toml"), changed).unwrap();
        let error = read_bundle(&out).unwrap_err();
        assert!(
            error.to_string().contains("not a file name"),
            "{file}: {error}"
        );
    }

    std::fs::write(out.join("photos.toml"), &list).unwrap();
    let image = out.join("photos/tonga-ash-cloud.jpg");
    std::fs::remove_file(&image).unwrap();
    std::os::unix::fs::symlink(&secret, &image).unwrap();
    let error = read_bundle(&out).unwrap_err();
    assert!(error.to_string().contains("symbolic link"), "{error}");

    std::fs::remove_file(&image).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&image)
        .status()
        .unwrap();
    assert!(made.success());
    let error = read_bundle(&out).unwrap_err();
    assert!(error.to_string().contains("named pipe"), "{error}");
}

#[test]
fn a_photo_key_taken_by_another_image_refuses_the_whole_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = exported(&dir);
    let second = empty(&dir);
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
    second.photos().add(&png, photo, NOW).unwrap();

    let error = import(&second, &out).unwrap_err();
    assert!(error.to_string().contains("another image"), "{error}");
    assert!(second.issues().list().unwrap().is_empty());
    assert!(
        second.sources().list().unwrap().is_empty(),
        "no source half-imported"
    );
}

#[test]
fn a_folder_that_is_not_a_bundle_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let error = read_bundle(dir.path()).unwrap_err();
    assert!(error.to_string().contains("no issue file"), "{error}");
    let error = read_bundle(&dir.path().join("missing")).unwrap_err();
    assert!(error.to_string().contains("does not exist"), "{error}");
}
