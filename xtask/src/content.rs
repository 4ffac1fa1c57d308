//! `cargo xtask check-content [FILES]`: the same validation the app runs at load time,
//! for editors, with every problem as `file:line:column: field.path: message`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use koers_content::{check_set, parse_index, parse_organisation, Organisation, Problem};

use crate::{root, Result};

/// Checks the given files, or every file in `public/content/` when none are given
/// (then also that the index and the files agree). Prints every problem.
pub fn check_files(args: &[String]) -> Result {
    let files: Vec<PathBuf> = if args.is_empty() {
        content_files()?
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let problems = check(&files, args.is_empty());
    if !problems.is_empty() {
        eprintln!("{}", lines(&problems));
        bail!("{} problem(s) in the content", problems.len());
    }
    println!("xtask: {} content file(s) are valid", files.len());
    Ok(())
}

/// Problems as editors read them: one `file:line:column: field.path: message` a line.
pub fn lines(problems: &[Problem]) -> String {
    koers_site::content::lines(problems)
}

/// `public/content/*.json`, sorted.
pub fn content_files() -> Result<Vec<PathBuf>> {
    let dir = root().join("public/content");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every problem of these files. `whole_set`: the files are the complete content, so
/// the index must list exactly them.
pub fn check(files: &[PathBuf], whole_set: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut orgs: Vec<(String, Organisation)> = Vec::new();
    let mut index = None;
    for path in files {
        let name = display_name(path);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                problems.push(Problem::new(name, "", format!("cannot read the file: {e}")));
                continue;
            }
        };
        if path.file_name().is_some_and(|f| f == "index.json") {
            match parse_index(&name, &bytes) {
                Ok(i) => index = Some((name, i)),
                Err(p) => problems.extend(p),
            }
        } else {
            match parse_organisation(&name, &bytes) {
                Ok(o) => orgs.push((name, o)),
                Err(p) => problems.extend(p),
            }
        }
    }
    match index {
        Some((name, index)) if whole_set => problems.extend(check_set(&name, &index, &orgs)),
        None if whole_set => problems.push(Problem::new(
            "public/content/index.json",
            "",
            "the index is missing: it lists the organisations of this build",
        )),
        _ => {
            // Only duplicates can be checked among a few files.
            let empty = koers_content::ContentIndex {
                organisations: Vec::new(),
            };
            problems.extend(
                check_set("", &empty, &orgs)
                    .into_iter()
                    .filter(|p| p.message.starts_with("duplicate")),
            );
        }
    }
    problems
}

/// The path as the editor knows it: relative to the repository when inside it.
fn display_name(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root = std::fs::canonicalize(root()).unwrap_or_else(|_| root());
    absolute
        .strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What must never reach a terminal raw: C0 controls but the line break, DEL, C1
    /// controls, and the bidirectional formatting characters.
    fn drives_a_terminal(c: char) -> bool {
        (c < ' ' && c != '\n')
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }

    #[test]
    fn what_check_content_prints_cannot_drive_a_terminal() {
        let dir = tempfile::tempdir().unwrap().keep();
        // Clears the screen; an OSC 8 hyperlink whose text hides where it goes.
        let clear = "\u{1b}[2J";
        let hyperlink = "\u{1b}]8;;https://elders.example/\u{7}klik\u{1b}]8;;\u{7}";
        let stem = format!("proef{clear}");
        let organisation = serde_json::json!({
            "slug": stem,
            "name": "Proefgemeente",
            "short_name": "Proef",
            "accent": format!("#1d3b72{clear}"),
            "description": "Een verzonnen bestuur.",
            "pages": { "missie": {
                "title": "Missie",
                "description": "Waar we voor staan.",
                "blocks": [{
                    "type": "link",
                    "label": "Klik",
                    "href": format!("https://proef.example/{hyperlink}")
                }]
            } }
        });
        let escapes = dir.join(format!("{stem}.json"));
        std::fs::write(&escapes, organisation.to_string()).unwrap();
        // A key serde names in the path and the message, with a C1 control sequence
        // introducer and a right-to-left override; in a file named with one too.
        let key = dir.join("sleutel\u{202e}nosj.json");
        std::fs::write(&key, "{\"slug\": \"x\", \"\u{9b}31m\u{202e}\": 1}").unwrap();

        let problems = check(&[escapes.clone(), key.clone()], false);
        let shown = lines(&problems);
        assert_eq!(
            shown.lines().count(),
            problems.len(),
            "one line a problem: {shown}"
        );
        let raw: Vec<char> = shown.chars().filter(|c| drives_a_terminal(*c)).collect();
        assert!(raw.is_empty(), "{raw:?} printed raw in {shown:?}");
        for escaped in [
            "proef\\u{1b}[2J.json:",
            ": accent: \"#1d3b72\\u{1b}[2J\" is not a colour",
            ": pages.missie.blocks[0].href: contains the control character U+001B (escape): remove it",
            "sleutel\\u{202e}nosj.json:",
            "\\u{9b}31m\\u{202e}",
        ] {
            assert!(shown.contains(escaped), "{escaped} not in:\n{shown}");
        }
        // And the command fails on such files.
        for file in [&escapes, &key] {
            assert!(check_files(&[file.to_string_lossy().into_owned()]).is_err());
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
