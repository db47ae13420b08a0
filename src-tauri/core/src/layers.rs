//! The crate's layers, checked: each module may use only the modules before it in
//! [`ORDER`], so there is no import cycle and nothing low knows anything high.
//! `ARCHITECTURE.md` describes the same order.

use std::collections::BTreeMap;
use std::path::Path;

/// The modules, bottom to top. A module may use the ones before it, never those
/// after it.
const ORDER: &[&str] = &[
    // Foundations.
    "status",
    "text",
    "error",
    "files",
    "links",
    "memo",
    "search_query",
    "content",
    "image",
    // Domain types.
    "article",
    "finding",
    "issue",
    "licence",
    "source",
    "photo",
    "mailing",
    "publication",
    "revision",
    "typing",
    // The newsroom file.
    "store",
    // Reading and writing what issues are made of.
    "markdown",
    "interchange",
    "paste",
    "photo_list",
    "source_csv",
    "render",
    "preflight",
    // The façade.
    "newsroom",
    // Publishing.
    "export",
    "archive",
    "bundle",
    "send",
];

/// The top-level modules each file of `src/` uses (`crate::x`), by the module the
/// file belongs to.
fn uses_by_module(src: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let mut uses: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut folders = vec![src.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap();
            let first = relative.components().next().unwrap();
            let module = Path::new(first.as_os_str())
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if module == "lib" || module == "layers" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for used in crate_paths(&text) {
                uses.entry(module.clone())
                    .or_default()
                    .push((used, relative.display().to_string()));
            }
        }
    }
    uses
}

/// The first segment of every `crate::…` path in code (comments skipped), also
/// inside `use crate::{a::B, c};`.
fn crate_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 0;
                let mut item_start = true;
                let mut ident = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => item_start = true,
                        c if item_start && (c.is_alphanumeric() || c == '_') => ident.push(c),
                        _ => {
                            if !ident.is_empty() {
                                found.push(std::mem::take(&mut ident));
                            }
                            if !c.is_whitespace() {
                                item_start = false;
                            }
                        }
                    }
                }
                if !ident.is_empty() {
                    found.push(ident);
                }
            } else {
                let ident: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !ident.is_empty() {
                    found.push(ident);
                }
            }
        }
    }
    found
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rank = |module: &str| ORDER.iter().position(|known| *known == module);
    let mut problems = Vec::new();
    for (module, uses) in uses_by_module(&src) {
        let Some(own) = rank(&module) else {
            problems.push(format!("{module} is not in the layer order (layers.rs)"));
            continue;
        };
        for (used, file) in uses {
            match rank(&used) {
                // A name the crate root re-exports hides which layer it is in.
                None => problems.push(format!(
                    "{file} ({module}) uses crate::{used}; name the module it is in"
                )),
                Some(theirs) if theirs < own || used == module => {}
                Some(_) => {
                    problems.push(format!("{file} ({module}) uses {used}, which is above it"))
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "imports that run upward:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_sees_grouped_and_inline_paths() {
    let text = "use crate::{error::{Error, Result}, store};\nlet x = crate::links::with_utm(a);\n// crate::newsroom in a comment\n";
    assert_eq!(crate_paths(text), vec!["error", "store", "links"]);
}

#[test]
fn every_module_of_the_crate_is_in_the_order() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(name) = line
            .strip_prefix("mod ")
            .and_then(|rest| rest.strip_suffix(';'))
        {
            if name == "layers" {
                continue;
            }
            assert!(ORDER.contains(&name), "{name} is missing from layers.rs");
        }
    }
}
