//! The source library: adding, finding, resolving, importing and exporting sources.

use newsflash_core::{Error, ErrorCode, Newsroom, Seed, Source, SourcesImportReport};
use proptest::prelude::*;
use time::macros::datetime;

use crate::common::{NOW, newsroom_path, open};

const HEADER: &str = "key,name,full_name,homepage,kind,notes\n";

fn keys(sources: Vec<Source>) -> Vec<String> {
    sources.into_iter().map(|source| source.key).collect()
}

fn empty_newsroom(dir: &tempfile::TempDir) -> Newsroom {
    Newsroom::open(&newsroom_path(dir), Seed::Empty, NOW).unwrap()
}

fn report(added: u32, updated: u32, unchanged: u32) -> SourcesImportReport {
    SourcesImportReport {
        added,
        updated,
        unchanged,
    }
}

/// Pseudo-random bytes, the same on every run.
fn noise(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn a_new_newsroom_starts_with_the_starter_library() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let sources = newsroom.sources().list().unwrap();
    assert_eq!(sources.len(), 38);
    assert!(sources.windows(2).all(|pair| pair[0].key < pair[1].key));
    let hrw = newsroom.sources().get("hrw").unwrap().unwrap();
    assert_eq!(
        (
            hrw.name.as_str(),
            hrw.full_name.as_str(),
            hrw.homepage.as_str()
        ),
        ("HRW", "Human Rights Watch", "https://www.hrw.org/")
    );
    let empty = tempfile::tempdir().unwrap();
    assert!(empty_newsroom(&empty).sources().list().unwrap().is_empty());
}

#[test]
fn the_sample_issue_sources_line_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let line = "HRW, AlJazeera, EurActiv, Reuters, RadioFreeEurope";
    let resolved: Vec<String> = line
        .split(',')
        .map(|name| newsroom.sources().resolve(name).unwrap().unwrap().key)
        .collect();
    assert_eq!(
        resolved,
        ["hrw", "aljazeera", "euractiv", "reuters", "rferl"]
    );
    for (name, key) in [
        ("Human Rights Watch", "hrw"),
        ("Al Jazeera", "aljazeera"),
        ("radio free europe", "rferl"),
        ("Médecins Sans Frontières", "msf"),
        ("abc-au", "abc-au"),
    ] {
        assert_eq!(newsroom.sources().resolve(name).unwrap().unwrap().key, key);
    }
    assert_eq!(newsroom.sources().resolve("The Onion").unwrap(), None);
    assert_eq!(newsroom.sources().resolve(" ,;").unwrap(), None);
}

#[test]
fn resolution_prefers_the_short_name_and_reports_a_tie() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let mut watch = Source::new("hrw", "HRW");
    watch.full_name = "Human Rights Watch".into();
    newsroom.sources().add(watch, NOW).unwrap();
    // Another source that answers to "HRW" only through an alias.
    let mut other = Source::new("hr-weekly", "HR Weekly");
    other.aliases = vec!["HRW".into()];
    newsroom.sources().add(other, NOW).unwrap();
    assert_eq!(
        newsroom.sources().resolve("hrw").unwrap().unwrap().key,
        "hrw"
    );
    assert_eq!(
        newsroom
            .sources()
            .resolve("HR Weekly")
            .unwrap()
            .unwrap()
            .key,
        "hr-weekly"
    );
    // Two sources with the same short name: the editor must choose.
    newsroom
        .sources()
        .add(Source::new("ap-fr", "AP"), NOW)
        .unwrap();
    newsroom
        .sources()
        .add(Source::new("ap-us", "AP"), NOW)
        .unwrap();
    let error = newsroom.sources().resolve("AP").unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert_eq!(
        error.to_string(),
        "\"AP\" could be any of the sources ap-fr, ap-us; cite one of them by its key instead."
    );
}

#[test]
fn adding_a_taken_key_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let error = newsroom
        .sources()
        .add(Source::new("hrw", "Another HRW"), NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert_eq!(
        error.to_string(),
        "There is already a source with the key hrw."
    );
    assert_eq!(newsroom.sources().get("hrw").unwrap().unwrap().name, "HRW");
}

#[test]
fn unusable_homepages_and_keys_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    for homepage in [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>",
        "hrw.org",
        "https://",
    ] {
        let mut source = Source::new("x", "X");
        source.homepage = homepage.into();
        let error = newsroom.sources().add(source, NOW).unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidInput, "{homepage}");
        assert!(error.to_string().contains("https://"), "{error}");
    }
    let error = newsroom
        .sources()
        .add(Source::new("Not A Key", "X"), NOW)
        .unwrap_err();
    assert!(
        error.to_string().contains("not a valid citation key"),
        "{error}"
    );
    assert!(newsroom.sources().list().unwrap().is_empty());
}

#[test]
fn added_sources_are_trimmed_found_and_kept_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open(&path);
    let mut source = Source::new(" kyiv-independent ", " Kyiv Independent ");
    source.homepage = "https://kyivindependent.com".into();
    source.aliases = vec!["KI".into(), " The Kyiv Independent ".into(), "KI".into()];
    let stored = newsroom.sources().add(source, NOW).unwrap();
    assert_eq!(stored.key, "kyiv-independent");
    assert_eq!(stored.homepage, "https://kyivindependent.com/");
    assert_eq!(stored.aliases, ["KI", "The Kyiv Independent"]);
    drop(newsroom);
    let newsroom = open(&path);
    assert_eq!(
        newsroom.sources().get("kyiv-independent").unwrap().unwrap(),
        stored
    );
    assert_eq!(
        keys(newsroom.sources().search("kyiv ind", 5).unwrap()),
        ["kyiv-independent"]
    );
    assert_eq!(
        newsroom.sources().resolve("ki").unwrap().unwrap().key,
        "kyiv-independent"
    );
}

#[test]
fn updating_a_source_renames_and_reindexes_it() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let mut rferl = newsroom.sources().get("rferl").unwrap().unwrap();
    rferl.key = "rfe-rl".into();
    rferl.aliases = vec!["Radio Liberty".into()];
    let later = datetime!(2026-11-26 09:00 UTC);
    newsroom.sources().update("rferl", rferl, later).unwrap();
    assert_eq!(newsroom.sources().get("rferl").unwrap(), None);
    assert_eq!(
        newsroom
            .sources()
            .resolve("Radio Liberty")
            .unwrap()
            .unwrap()
            .key,
        "rfe-rl"
    );
    assert_eq!(
        keys(newsroom.sources().search("liber", 5).unwrap()),
        ["rfe-rl"]
    );
    let error = newsroom
        .sources()
        .update("nope", Source::new("nope", "Nope"), later)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    let error = newsroom
        .sources()
        .update("rfe-rl", Source::new("hrw", "Clash"), later)
        .unwrap_err();
    assert!(matches!(error, Error::SourceKeyTaken { .. }), "{error}");
    newsroom.sources().remove("rfe-rl").unwrap();
    assert_eq!(newsroom.sources().resolve("Radio Liberty").unwrap(), None);
    assert!(newsroom.sources().search("liber", 5).unwrap().is_empty());
}

#[test]
fn search_as_you_type_finds_by_prefix_and_ranks_exact_matches_first() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    assert_eq!(keys(newsroom.sources().search("hum", 5).unwrap())[0], "hrw");
    assert_eq!(
        keys(newsroom.sources().search("al jaz", 5).unwrap()),
        ["aljazeera"]
    );
    assert_eq!(
        keys(newsroom.sources().search("Deutsche W", 5).unwrap()),
        ["dw"]
    );
    assert_eq!(
        keys(newsroom.sources().search("medecins", 5).unwrap()),
        ["msf"]
    );
    // Exactly a key and a name: first, whatever else starts with "ap".
    assert_eq!(keys(newsroom.sources().search("AP", 5).unwrap())[0], "ap");
    assert_eq!(
        keys(newsroom.sources().search("france 24", 5).unwrap())[0],
        "france24"
    );
    let agencies = newsroom.sources().search("news agency", 3).unwrap();
    assert_eq!(agencies.len(), 3);
    // FTS5 syntax is searched for, never obeyed.
    for text in [
        "\"",
        "hrw OR",
        "NEAR(a b)",
        "key:hrw",
        "-hrw",
        "*",
        "^ab",
        "a\"b\"c",
    ] {
        newsroom.sources().search(text, 5).unwrap();
    }
    assert_eq!(newsroom.sources().search("", 4).unwrap().len(), 4);
    assert_eq!(newsroom.sources().search("n", 2).unwrap().len(), 2);
}

#[test]
fn import_merges_by_key_and_reimporting_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    newsroom
        .sources()
        .update(
            "hrw",
            Source {
                aliases: vec!["Human Rights Watch Inc".into()],
                ..newsroom.sources().get("hrw").unwrap().unwrap()
            },
            NOW,
        )
        .unwrap();
    let file = format!(
        "\u{FEFF}{HEADER}hrw,HRW,Human Rights Watch,https://www.hrw.org/,NGO,\"New York; see \"\"World Report\"\".\"\n\
         kyiv-independent,Kyiv Independent,The Kyiv Independent,https://kyivindependent.com/,newspaper,\n\
         reuters,Reuters,Reuters,https://www.reuters.com/,news agency,\"International news agency, London.\"\n"
    );
    let first = newsroom
        .sources()
        .import_csv("mine.csv", file.as_bytes(), NOW)
        .unwrap();
    assert_eq!(first, report(1, 1, 1));
    let hrw = newsroom.sources().get("hrw").unwrap().unwrap();
    assert_eq!(hrw.notes, "New York; see \"World Report\".");
    // Aliases are not in the file: the import leaves them alone.
    assert_eq!(hrw.aliases, ["Human Rights Watch Inc"]);
    let found = keys(newsroom.sources().search("york world rep", 5).unwrap());
    assert!(found.contains(&"hrw".to_owned()), "{found:?}");
    let again = newsroom
        .sources()
        .import_csv("mine.csv", file.as_bytes(), NOW)
        .unwrap();
    assert_eq!(again, report(0, 0, 3));
    assert_eq!(newsroom.sources().list().unwrap().len(), 39);
}

#[test]
fn a_file_with_bad_rows_imports_nothing_and_lists_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let before = newsroom.sources().export_csv().unwrap();
    let file = format!(
        "{HEADER}new-one,New One,,https://new.example/,,\n\
         hrw,HRW,Human Rights Watch,javascript:alert(1),NGO,\n\
         Bad Key,Bad,,,,\n\
         too,few\n\
         new-one,Twice,,,,\n"
    );
    let error = newsroom
        .sources()
        .import_csv("bad.csv", file.as_bytes(), NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    let message = error.to_string();
    assert!(
        message.starts_with("Nothing was imported from bad.csv because of 4 problems:\n"),
        "{message}"
    );
    let lines: Vec<&str> = message.lines().skip(1).collect();
    assert_eq!(lines.len(), 4, "{message}");
    assert!(
        lines[0].starts_with("line 3: \"javascript:alert(1)\""),
        "{message}"
    );
    assert!(
        lines[1].starts_with("line 4: \"Bad Key\" is not a valid citation key"),
        "{message}"
    );
    assert!(lines[2].starts_with("line 5: it has 2 fields"), "{message}");
    assert_eq!(
        lines[3],
        "line 6: the key new-one is already used on line 2; each key may appear once"
    );
    assert_eq!(newsroom.sources().export_csv().unwrap(), before);
    assert_eq!(newsroom.sources().get("new-one").unwrap(), None);
}

#[test]
fn a_missing_column_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let error = newsroom
        .sources()
        .import_csv(
            "old.csv",
            b"key,name,full_name,kind,notes\nhrw,HRW,Human Rights Watch,NGO,\n",
            NOW,
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Nothing was imported from old.csv because of a problem:\n\
         line 1: the column homepage is missing; the first line must be key,name,full_name,homepage,kind,notes"
    );
    assert!(newsroom.sources().list().unwrap().is_empty());
}

#[test]
fn ten_megabytes_of_garbage_are_refused_and_import_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let before = newsroom.sources().export_csv().unwrap();
    let random = noise(10 * 1024 * 1024);
    // Text, but not a sources file: one long line of words.
    let prose = "Lorem ipsum dolor sit amet consectetur ".repeat(10 * 1024 * 1024 / 40);
    // The right header, then garbage rows.
    let mut rows = HEADER.to_owned();
    while rows.len() < 10 * 1024 * 1024 {
        rows.push_str("%%%,\"\"\"\",;;;,ftp://x,,\n");
    }
    for (name, bytes, expected) in [
        ("random.csv", random.as_slice(), "this is not UTF-8 text"),
        (
            "prose.csv",
            prose.as_bytes(),
            "is not a column of a sources file",
        ),
        ("rows.csv", rows.as_bytes(), "(and "),
    ] {
        let error = newsroom.sources().import_csv(name, bytes, NOW).unwrap_err();
        assert_eq!(error.code(), ErrorCode::InvalidInput, "{name}");
        let message = error.to_string();
        assert!(message.contains(expected), "{name}: {message}");
        assert!(
            message.lines().count() <= 22,
            "{name}: {} lines",
            message.lines().count()
        );
    }
    assert_eq!(newsroom.sources().export_csv().unwrap(), before);
}

#[test]
fn an_oversized_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let huge = vec![b'a'; newsflash_core::MAX_SOURCES_CSV_BYTES + 1];
    let error = newsroom
        .sources()
        .import_csv("huge.csv", &huge, NOW)
        .unwrap_err();
    assert!(
        error.to_string().contains("more than the 67108864 bytes"),
        "{error}"
    );
}

#[test]
fn the_starter_library_exports_and_reimports_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let exported = newsroom.sources().export_csv().unwrap();
    assert!(exported.starts_with(HEADER));
    assert!(exported.contains("\nmsf,MSF,Médecins Sans Frontières,https://www.msf.org/,NGO,Medical humanitarian NGO; also Doctors Without Borders.\n"));
    let report = newsroom
        .sources()
        .import_csv("export.csv", exported.as_bytes(), NOW)
        .unwrap();
    assert_eq!(report, self::report(0, 0, 38));
}

/// A source as an editor might type it: punctuation, quotes, commas, line breaks and
/// non-Latin text in names and notes; a homepage or none.
fn any_source() -> impl Strategy<Value = Source> {
    let text = "[a-zA-Z0-9 ,;\"'./()&é–ü\u{4e2d}\u{0627}\n-]{0,30}";
    (
        "[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}",
        "[A-Za-z0-9é\u{4e2d}][a-zA-Z0-9 ,\"'&é.-]{0,20}",
        text,
        prop_oneof![
            Just(String::new()),
            "https://[a-z]{1,10}\\.(org|com|int)/([a-z0-9]{1,8}/){0,2}",
            "http://[a-z]{1,10}\\.net"
        ],
        "(news agency|broadcaster|NGO|)",
        text,
    )
        .prop_map(|(key, name, full_name, homepage, kind, notes)| Source {
            full_name,
            homepage,
            kind,
            notes,
            ..Source::new(key, name)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Export, then import the export: everything is unchanged, and a second export
    /// is the same file.
    #[test]
    fn export_then_import_is_unchanged(sources in prop::collection::vec(any_source(), 0..25)) {
        let dir = tempfile::tempdir().unwrap();
        let newsroom = empty_newsroom(&dir);
        let mut added = 0;
        for source in sources {
            match newsroom.sources().add(source, NOW) {
                Ok(_) => added += 1,
                Err(Error::SourceKeyTaken { .. }) => {}
                Err(error) => panic!("{error}"),
            }
        }
        let exported = newsroom.sources().export_csv().unwrap();
        let report = newsroom
            .sources().import_csv("export.csv", exported.as_bytes(), NOW)
            .unwrap();
        prop_assert_eq!(report, self::report(0, 0, added));
        prop_assert_eq!(newsroom.sources().export_csv().unwrap(), exported.clone());
        // And into a newsroom of its own: the same library.
        let other_dir = tempfile::tempdir().unwrap();
        let other = empty_newsroom(&other_dir);
        let report = other.sources().import_csv("export.csv", exported.as_bytes(), NOW).unwrap();
        prop_assert_eq!(report, self::report(added, 0, 0));
        prop_assert_eq!(other.sources().export_csv().unwrap(), exported);
    }
}

#[test]
fn renaming_a_key_rewrites_its_citations_in_every_issue_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let uses = newsroom.sources().uses("reuters").unwrap();
    let counts: Vec<_> = uses.iter().map(|u| (u.number, u.citations)).collect();
    assert_eq!(counts, [(2, 1), (1, 2)]);
    let before_one = newsroom.issues().get(1).unwrap();

    let mut reuters = newsroom.sources().get("reuters").unwrap().unwrap();
    reuters.key = "thomson-reuters".into();
    let later = datetime!(2026-11-26 09:00 UTC);
    newsroom
        .sources()
        .update("reuters", reuters, later)
        .unwrap();

    assert!(newsroom.sources().uses("reuters").unwrap().is_empty());
    let after: Vec<_> = newsroom
        .sources()
        .uses("thomson-reuters")
        .unwrap()
        .iter()
        .map(|u| (u.number, u.citations))
        .collect();
    assert_eq!(after, [(2, 1), (1, 2)]);
    let one = newsroom.issues().get(1).unwrap();
    assert_eq!(
        one.body,
        before_one.body.replace("[@reuters]", "[@thomson-reuters]")
    );
    assert_eq!(one.version, before_one.version + 1);
    let findings = newsroom.preflight(1, newsflash_core::Body::Saved).unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f.subject.as_deref() != Some("reuters")),
        "{findings:?}"
    );
    let revisions = newsroom.revisions().list(1).unwrap();
    assert_eq!(
        revisions[0].note,
        "citations of reuters now name thomson-reuters"
    );

    // A rename that fails (the new key is taken) rewrites nothing.
    let mut bbc = newsroom.sources().get("bbc").unwrap().unwrap();
    bbc.key = "ocha".into();
    newsroom.sources().update("bbc", bbc, later).unwrap_err();
    assert_eq!(newsroom.sources().uses("bbc").unwrap().len(), 2);
}

#[test]
fn merging_a_duplicate_moves_its_citations_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let later = datetime!(2026-11-26 09:00 UTC);
    let mut duplicate = Source::new("bbc-news", "BBC News");
    duplicate.full_name = "BBC News Online".into();
    newsroom.sources().add(duplicate, later).unwrap();
    let text = newsroom.issues().get(2).unwrap().body + "\nMore. [@bbc-news]\n";
    let version = newsroom.issues().get(2).unwrap().version;
    newsroom
        .issues()
        .save_text(2, version, &text, later)
        .unwrap();

    let kept = newsroom.sources().merge("bbc-news", "bbc", later).unwrap();
    assert_eq!(newsroom.sources().get("bbc-news").unwrap(), None);
    assert!(
        kept.aliases.contains(&"BBC News Online".to_owned()),
        "{kept:?}"
    );
    // "BBC News" is the kept source's full name already: not repeated as an alias.
    assert_eq!(kept.aliases, ["BBC News Online"]);
    assert_eq!(
        newsroom
            .sources()
            .resolve("BBC News Online")
            .unwrap()
            .unwrap()
            .key,
        "bbc"
    );
    let two = newsroom.issues().get(2).unwrap();
    assert!(two.body.ends_with("More. [@bbc]\n"), "{}", two.body);
    let error = newsroom.sources().merge("bbc", "bbc", later).unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    let error = newsroom.sources().merge("nope", "bbc", later).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
}

#[test]
fn a_large_import_reports_its_progress() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = empty_newsroom(&dir);
    let mut file = String::from(HEADER);
    for n in 0..5000 {
        file.push_str(&format!("s{n},Source {n},,,,\n"));
    }
    let mut seen = Vec::new();
    let report = newsroom
        .sources()
        .import_csv_with_progress("big.csv", file.as_bytes(), NOW, &mut |p| {
            seen.push((p.done, p.total));
        })
        .unwrap();
    assert_eq!(report, report_of(5000));
    assert_eq!(seen, [(0, 5000), (2000, 5000), (4000, 5000), (5000, 5000)]);
}

fn report_of(added: u32) -> SourcesImportReport {
    report(added, 0, 0)
}
