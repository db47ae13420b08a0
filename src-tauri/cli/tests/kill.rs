//! `kill -9` at random moments during imports, saves and exports: the newsroom stays
//! whole, every write the command acknowledged is there, and no export folder keeps
//! a half-written file.
//!
//! Runs 240 times by default; `NEWSFLASH_KILL_RUNS` sets another number and
//! `NEWSFLASH_KILL_SEED` another sequence of moments (the seed is printed, so a
//! failure can be replayed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What one run asks the command line to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Operation {
    NewIssue,
    ImportFile,
    ImportText,
    ImportSources,
    Export,
}

const OPERATIONS: [Operation; 5] = [
    Operation::NewIssue,
    Operation::ImportFile,
    Operation::ImportText,
    Operation::ImportSources,
    Operation::Export,
];

/// The formats exported in every export run: all of them, so a run killed between
/// two files would show as a set that is not whole.
const FORMATS: [&str; 5] = ["web", "email", "text", "eml", "md"];

/// A small, seedable sequence of numbers (xorshift): the test's moments, repeatable.
struct Moments(u64);

impl Moments {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn newsflash() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_newsflash"))
}

fn run(newsroom: &Path, args: &[&str]) -> std::process::Output {
    Command::new(newsflash())
        .arg("--newsroom")
        .arg(newsroom)
        .args(args)
        .env_remove("NEWSFLASH_NEWSROOM")
        .output()
        .unwrap()
}

fn spawn(newsroom: &Path, args: &[String]) -> Child {
    Command::new(newsflash())
        .arg("--newsroom")
        .arg(newsroom)
        .args(args)
        .env_remove("NEWSFLASH_NEWSROOM")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn export_args(out: &Path) -> Vec<String> {
    let mut args = vec!["export".to_owned(), "1".to_owned()];
    for format in FORMATS {
        args.push("--format".to_owned());
        args.push(format.to_owned());
    }
    args.push("--out".to_owned());
    args.push(out.display().to_string());
    args
}

/// Every file under `folder` (one level of subfolders: `photos/`), by relative name.
fn files_in(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            for inner in std::fs::read_dir(&path).unwrap().flatten() {
                let inner_name = inner.file_name().to_string_lossy().into_owned();
                files.insert(
                    format!("{name}/{inner_name}"),
                    std::fs::read(inner.path()).unwrap(),
                );
            }
        } else {
            files.insert(name, std::fs::read(&path).unwrap());
        }
    }
    files
}

fn is_temporary(name: &str) -> bool {
    name.rsplit('/')
        .next()
        .is_some_and(|name| name.starts_with(".newsflash-") && name.ends_with(".part"))
}

#[test]
fn sigkill_at_random_moments_leaves_whole_files_and_every_acknowledged_write() {
    let runs: usize = std::env::var("NEWSFLASH_KILL_RUNS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(240);
    let seed: u64 = std::env::var("NEWSFLASH_KILL_SEED")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(0x5eed_2026);
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    assert!(run(&newsroom, &["init"]).status.success());

    // What a whole export of issue 1 is, made once without interruption.
    let reference_dir = dir.path().join("reference");
    std::fs::create_dir(&reference_dir).unwrap();
    let reference_args = export_args(&reference_dir);
    let made = Command::new(newsflash())
        .arg("--newsroom")
        .arg(&newsroom)
        .args(&reference_args)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let reference = files_in(&reference_dir);
    assert!(reference.len() > FORMATS.len(), "{:?}", reference.keys());

    let sample_text = dir.path().join("published.txt");
    std::fs::write(
        &sample_text,
        include_str!("../../../tests/fixtures/newsflash-sample-issue.txt"),
    )
    .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();

    let mut moments = Moments(seed | 1);
    let mut acknowledged_titles = Vec::new();
    let mut acknowledged_numbers = Vec::new();
    let mut acknowledged_keys = Vec::new();
    let mut killed: BTreeMap<Operation, u32> = BTreeMap::new();
    let mut finished: BTreeMap<Operation, u32> = BTreeMap::new();
    // How long each command takes when left alone, measured by its first run (which
    // is not killed), so that the moments chosen fall anywhere inside it: start-up,
    // reading, writing, committing, and a little after.
    let mut took: BTreeMap<Operation, Duration> = BTreeMap::new();
    for run_index in 0..runs {
        let operation = match OPERATIONS.get(run_index) {
            Some(first) => *first,
            None => OPERATIONS[usize::try_from(moments.next() % 5).unwrap()],
        };
        let args: Vec<String> = match operation {
            Operation::NewIssue => {
                vec![
                    "issues".into(),
                    "new".into(),
                    "--title".into(),
                    format!("Killed at random {run_index}"),
                ]
            }
            Operation::ImportFile => {
                let file = dir.path().join(format!("issue-{run_index}.md"));
                std::fs::write(
                    &file,
                    format!(
                        "+++\nnumber = {}\ndate = 2030-01-01\ntitle = \"Imported {run_index}\"\n+++\n\n# Story {run_index}\n\nA paragraph citing [@reuters].\n",
                        10_000 + run_index
                    ),
                )
                .unwrap();
                vec!["import".into(), file.display().to_string()]
            }
            Operation::ImportText => vec!["import-text".into(), sample_text.display().to_string()],
            Operation::ImportSources => {
                let file = dir.path().join(format!("sources-{run_index}.csv"));
                let mut csv = String::from("key,name,full_name,homepage,kind,notes\n");
                for row in 0..200 {
                    csv.push_str(&format!(
                        "kill{run_index}x{row},Outlet {run_index} {row},Outlet {run_index} {row},https://outlet{run_index}-{row}.example/,newspaper,\n"
                    ));
                }
                std::fs::write(&file, csv).unwrap();
                vec![
                    "sources".into(),
                    "import".into(),
                    file.display().to_string(),
                ]
            }
            Operation::Export => export_args(&out),
        };
        let started = Instant::now();
        let mut child = spawn(&newsroom, &args);
        let done = match took.get(&operation) {
            Some(duration) => {
                let span = u64::try_from(duration.as_micros() * 5 / 4).unwrap_or(u64::MAX);
                std::thread::sleep(Duration::from_micros(moments.next() % span.max(1)));
                child.try_wait().unwrap()
            }
            None => {
                let status = child.wait().unwrap();
                took.insert(operation, started.elapsed());
                Some(status)
            }
        };
        let status = match done {
            Some(status) => status,
            None => {
                child.kill().unwrap(); // SIGKILL on Unix
                child.wait().unwrap();
                *killed.entry(operation).or_default() += 1;
                check_export_folder(&out, &reference);
                continue;
            }
        };
        let output = child.wait_with_output().unwrap();
        assert!(
            status.success(),
            "run {run_index} ({operation:?}, seed {seed}) failed on its own: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        *finished.entry(operation).or_default() += 1;
        // A busy machine makes a first run slow: the window follows the quickest run
        // seen, so that the moments keep falling inside the commands.
        let elapsed = started.elapsed();
        took.entry(operation)
            .and_modify(|quickest| *quickest = (*quickest).min(elapsed))
            .or_insert(elapsed);
        match operation {
            Operation::NewIssue => {
                acknowledged_titles.push(format!("Killed at random {run_index}"));
            }
            Operation::ImportFile => acknowledged_numbers.push(10_000 + run_index),
            Operation::ImportSources => acknowledged_keys.push(format!("kill{run_index}x199")),
            Operation::ImportText | Operation::Export => {}
        }
        check_export_folder(&out, &reference);
    }

    let integrity: String = rusqlite::Connection::open(&newsroom)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "seed {seed}");
    let listed = run(&newsroom, &["issues", "list"]);
    assert!(listed.status.success(), "{listed:?}");
    let listed = String::from_utf8(listed.stdout).unwrap();
    for title in &acknowledged_titles {
        assert!(
            listed.contains(title.as_str()),
            "lost issue {title:?} (seed {seed})"
        );
    }
    for number in &acknowledged_numbers {
        let shown = run(&newsroom, &["issues", "show", &number.to_string()]);
        assert!(
            shown.status.success(),
            "lost imported issue {number} (seed {seed})"
        );
    }
    let sources = run(&newsroom, &["sources", "list"]);
    let sources = String::from_utf8(sources.stdout).unwrap();
    for key in &acknowledged_keys {
        assert!(
            sources.contains(key.as_str()),
            "lost source {key} (seed {seed})"
        );
    }

    // A whole export afterwards clears what killed exports left behind.
    let final_export = Command::new(newsflash())
        .arg("--newsroom")
        .arg(&newsroom)
        .args(export_args(&out))
        .output()
        .unwrap();
    assert!(final_export.status.success(), "{final_export:?}");
    let left = files_in(&out);
    assert!(
        left.keys().all(|name| !is_temporary(name)),
        "temporary files left after a whole export: {:?}",
        left.keys().collect::<Vec<_>>()
    );
    assert_eq!(left, reference);

    let total_killed: u32 = killed.values().sum();
    println!(
        "kill test (seed {seed}): {runs} runs, {total_killed} killed mid-way, {} finished; killed per operation {killed:?}; finished per operation {finished:?}; acknowledged: {} new issues, {} imported issues, {} source imports; an uninterrupted run took {took:?}",
        runs - total_killed as usize,
        acknowledged_titles.len(),
        acknowledged_numbers.len(),
        acknowledged_keys.len(),
    );
    assert!(
        total_killed > 0,
        "no run was killed mid-way: the moments missed every command"
    );
}

/// Every export file present is whole: the bytes of the reference export. Temporary
/// files of a killed export may be there until the next export clears them.
fn check_export_folder(out: &Path, reference: &BTreeMap<String, Vec<u8>>) {
    for (name, bytes) in files_in(out) {
        if is_temporary(&name) {
            continue;
        }
        let expected = reference
            .get(&name)
            .unwrap_or_else(|| panic!("unexpected file {name} in the export folder"));
        assert!(
            &bytes == expected,
            "{name} is not whole ({} bytes, {} expected)",
            bytes.len(),
            expected.len()
        );
    }
}
