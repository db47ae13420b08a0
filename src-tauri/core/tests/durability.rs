//! Killing a process in the middle of writes never costs an acknowledged save nor
//! damages the newsroom.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use newsflash_core::{Newsroom, Seed};

use crate::common::{NOW, newsroom_path};

/// The writer built from examples/save_loop.rs (cargo builds examples for tests).
fn save_loop() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let target = exe.parent().unwrap().parent().unwrap();
    target.join("examples").join("save_loop")
}

#[test]
fn sigkill_during_writes_loses_no_acknowledged_save() {
    let writer = save_loop();
    assert!(
        writer.is_file(),
        "{} is not built; run the whole package (cargo test -p newsflash-core), which builds examples",
        writer.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let mut acknowledged: Vec<u32> = Vec::new();
    // A spread of moments: right after opening, early in the loop, deep in it.
    let waits_ms = [
        0, 3, 7, 15, 25, 40, 60, 90, 5, 11, 33, 70, 1, 20, 50, 80, 9, 45, 2, 120,
    ];
    for wait in waits_ms {
        let mut child = Command::new(&writer)
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (first_ack, writing) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut acked = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(number) = line.trim().parse::<u32>() {
                    if acked.is_empty() {
                        let _ = first_ack.send(());
                    }
                    acked.push(number);
                }
            }
            acked
        });
        // Wait until the writer is writing (start-up is slow under a loaded test
        // run), then a little more, then kill it.
        writing
            .recv_timeout(Duration::from_secs(30))
            .expect("the writer never acknowledged a save");
        std::thread::sleep(Duration::from_millis(wait));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let acked = reader.join().unwrap();
        acknowledged.extend(acked);
    }
    assert!(
        acknowledged.len() >= 20,
        "the writers acknowledged too few saves ({}) for the test to mean anything",
        acknowledged.len()
    );

    let newsroom = Newsroom::open(&path, Seed::Empty, NOW).unwrap();
    newsroom.check_integrity().unwrap();
    let present: std::collections::HashSet<u32> = newsroom
        .issues()
        .list()
        .unwrap()
        .into_iter()
        .map(|issue| issue.number)
        .collect();
    for number in &acknowledged {
        assert!(
            present.contains(number),
            "acknowledged issue {number} was lost"
        );
    }
}
