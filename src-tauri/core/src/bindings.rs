//! The TypeScript types of everything that crosses into the UI, generated from the
//! Rust types with ts-rs into one committed file. This test fails when the file is
//! stale; `UPDATE_BINDINGS=1 cargo test -p newsflash-core bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::{
    ArticlePhoto, ArticleSummary, BundleImport, Citation, Credit, ErrorCode, ErrorReport, Finding,
    Format, Issue, IssueStatus, IssueSummary, NewPhoto, NewsroomInfo, Photo, PreviewFormat,
    Publication, Revision, RevisionReason, RevisionSummary, SaveReceipt, Severity, Source,
    SourcesImportReport, TextImport,
};

const BINDINGS_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../ui/src/lib/api/bindings.ts"
);

fn generate() -> String {
    let config = Config::new().with_large_int("number");
    let declarations = [
        ErrorCode::decl(&config),
        ErrorReport::decl(&config),
        IssueStatus::decl(&config),
        Issue::decl(&config),
        IssueSummary::decl(&config),
        SaveReceipt::decl(&config),
        Publication::decl(&config),
        NewsroomInfo::decl(&config),
        Citation::decl(&config),
        ArticleSummary::decl(&config),
        Source::decl(&config),
        SourcesImportReport::decl(&config),
        TextImport::decl(&config),
        BundleImport::decl(&config),
        PreviewFormat::decl(&config),
        Format::decl(&config),
        Photo::decl(&config),
        NewPhoto::decl(&config),
        Credit::decl(&config),
        ArticlePhoto::decl(&config),
        RevisionReason::decl(&config),
        RevisionSummary::decl(&config),
        Revision::decl(&config),
        Severity::decl(&config),
        Finding::decl(&config),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/core by ts-rs. Do not edit:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p newsflash-core bindings` instead.\n",
    );
    for declaration in declarations {
        out.push_str("\nexport ");
        out.push_str(declaration.trim());
        out.push('\n');
    }
    out
}

#[test]
fn bindings_are_current() {
    let generated = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(BINDINGS_PATH, &generated).expect("write bindings.ts");
        return;
    }
    let committed = std::fs::read_to_string(BINDINGS_PATH).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/api/bindings.ts is stale; run `UPDATE_BINDINGS=1 cargo test -p newsflash-core bindings` and commit it"
    );
}
