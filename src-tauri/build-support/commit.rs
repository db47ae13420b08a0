// The commit a binary is built from, for `newsflash --version` and the app's About.
// `include!`d by the build scripts of the CLI and the app, so both say the same thing
// without a crate of their own.

/// Sets `NEWSFLASH_COMMIT` for the crate being compiled: the short hash of the
/// checked-out commit, or "unknown" where there is no git checkout (a source tarball)
/// or no git; and `NEWSFLASH_VERSION`, what `--version` prints after the name:
/// `0.1.0 (commit 1a2b3c4)`.
fn emit_commit() {
    let commit = git(&["rev-parse", "--short", "HEAD"]);
    match &commit {
        // A commit or a checkout moves HEAD, the branch it names, or the packed refs:
        // build again when one of them changes, and only then.
        Some(_) => {
            let mut watched = vec!["HEAD".to_owned()];
            watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
            watched.push("packed-refs".to_owned());
            for name in watched {
                if let Some(path) =
                    git(&["rev-parse", "--path-format=absolute", "--git-path", &name])
                    && std::path::Path::new(&path).exists()
                {
                    println!("cargo:rerun-if-changed={path}");
                }
            }
        }
        None => println!("cargo:rerun-if-changed=build.rs"),
    }
    let commit = commit.unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=NEWSFLASH_COMMIT={commit}");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    println!("cargo:rustc-env=NEWSFLASH_VERSION={version} (commit {commit})");
}

/// What git prints for `args` (build scripts run in their crate's folder); None when
/// it fails.
fn git(args: &[&str]) -> Option<String> {
    let output = std::process::Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}
