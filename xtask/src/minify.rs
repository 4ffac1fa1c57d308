//! Short names for what an app's wasm and its JavaScript glue call each other by (the
//! residents' app and the editors' studio).
//!
//! wasm-bindgen names each import after the function it binds and a hash
//! (`__wbg_createElement_0123456789abcdef`), in the wasm and again in the glue: about
//! 13 KB of names in each file, which compress poorly. After Trunk's build, Binaryen's
//! `--minify-imports-and-exports-and-modules` pass renames the imports, their module
//! and the exports to a letter or two and prints what it renamed; the glue is then
//! rewritten with the same names, and minified (terser, from npm: its own local names
//! shortened, what it never runs dropped; its exports stay). Measured in BENCHMARKS.md
//! (issue 26's levers).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _};
use serde_json::Value;

use crate::setup::output_of;
use crate::Result;

/// The pass, and what Binaryen prints: `{"imports": [[module, name, new name]],
/// "exports": [[name, new name]]}`.
const PASS: &str = "--minify-imports-and-exports-and-modules";

/// Renames the imports and exports of the app in Trunk's output `dir` (the residents'
/// `koers-*_bg.wasm`, or the studio's `koers-studio-*_bg.wasm` in its folder, and its
/// glue beside it), both files in place, and minifies the glue. The `integrity` that
/// Trunk's page gives either file in its preload links is made again to match.
pub fn app(dir: &Path) -> Result {
    let (wasm, glue) = app_files(dir)?;
    let before = [integrity(&wasm)?, integrity(&glue)?];
    let printed = output_of(
        Command::new("wasm-opt")
            .arg(&wasm)
            .arg(PASS)
            .arg("-o")
            .arg(&wasm),
        &format!("wasm-opt {PASS} on {}", wasm.display()),
    )?;
    let map: Value = serde_json::from_slice(&printed)
        .with_context(|| format!("reading what wasm-opt {PASS} renamed"))?;
    let text =
        std::fs::read_to_string(&glue).with_context(|| format!("reading {}", glue.display()))?;
    let module = import_module(&std::fs::read(&wasm)?)?;
    let text = rewrite_glue(&text, &map, &module)
        .with_context(|| format!("{}: renaming as wasm-opt did", glue.display()))?;
    std::fs::write(&glue, text).with_context(|| format!("writing {}", glue.display()))?;
    output_of(
        Command::new("terser")
            .arg(&glue)
            .args(["--module", "--compress", "--mangle", "-o"])
            .arg(&glue),
        "terser",
    )?;
    let page = dir.join("index.html");
    let mut html =
        std::fs::read_to_string(&page).with_context(|| format!("reading {}", page.display()))?;
    for (old, file) in before.iter().zip([&wasm, &glue]) {
        html = html.replace(old.as_str(), &integrity(file)?);
    }
    std::fs::write(&page, html).with_context(|| format!("writing {}", page.display()))?;
    Ok(())
}

/// The subresource integrity of `file` as Trunk writes it: `sha384-<base64>`.
fn integrity(file: &Path) -> Result<String> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let digest = sha2::Sha384::digest(&bytes);
    Ok(format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    ))
}

/// The app's wasm and glue at the top of `dir` (the studio's are in a folder of its own).
fn app_files(dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let mut wasm = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with("koers-") && name.ends_with("_bg.wasm") {
            wasm.push(name);
        }
    }
    let [name] = wasm.as_slice() else {
        bail!(
            "{}: expected one koers-*_bg.wasm, found {wasm:?}",
            dir.display()
        );
    };
    let glue = dir.join(name.replace("_bg.wasm", ".js"));
    if !glue.is_file() {
        bail!("{}: no glue beside {name}", glue.display());
    }
    Ok((dir.join(name), glue))
}

/// The one module that every import of `wasm` comes from (after the pass).
fn import_module(wasm: &[u8]) -> Result<String> {
    let mut modules = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::ImportSection(imports) = payload? {
            for import in imports.into_imports() {
                let module = import?.module.to_string();
                if !modules.contains(&module) {
                    modules.push(module);
                }
            }
        }
    }
    match modules.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!("the minified wasm imports from {modules:?}, not from one module"),
    }
}

/// The glue with the names of `map`: each import's key in the imports object (one
/// per import, at the start of its line), the module's key, and every `wasm.<export>`.
fn rewrite_glue(glue: &str, map: &Value, module: &str) -> Result<String> {
    let list = |key: &str| {
        map.get(key)
            .and_then(Value::as_array)
            .with_context(|| format!("no {key:?} in what wasm-opt printed"))
    };
    let strings = |entry: &Value| -> Result<Vec<String>> {
        entry
            .as_array()
            .and_then(|a| a.iter().map(|s| s.as_str().map(str::to_string)).collect())
            .with_context(|| format!("not a list of names: {entry}"))
    };
    let mut out = glue.to_string();
    let mut old_modules = Vec::new();
    for entry in list("imports")? {
        let [old_module, old, new] = strings(entry)?
            .try_into()
            .map_err(|e| anyhow::anyhow!("an import is not [module, name, new name]: {e:?}"))?;
        out = replace_key(&out, &old, &new)?;
        if !old_modules.contains(&old_module) {
            old_modules.push(old_module);
        }
    }
    for old_module in old_modules {
        let key = format!("{}:", Value::from(old_module.as_str()));
        if out.matches(&key).count() != 1 {
            bail!("the imports' module {old_module:?} is not a key of the glue exactly once");
        }
        out = out.replace(&key, &format!("{}:", Value::from(module)));
    }
    for entry in list("exports")? {
        let [old, new] = strings(entry)?
            .try_into()
            .map_err(|e| anyhow::anyhow!("an export is not [name, new name]: {e:?}"))?;
        out = replace_access(&out, &old, &new);
    }
    Ok(out)
}

/// `name: ` at the start of a line (after spaces) as `"new": `: exactly once.
fn replace_key(glue: &str, name: &str, new: &str) -> Result<String> {
    let mut found = None;
    let mut at = 0;
    while let Some(i) = glue[at..].find(name).map(|i| at + i) {
        let line_start = glue[..i].rfind('\n').map_or(0, |n| n + 1);
        let keyed = glue[line_start..i].chars().all(|c| c == ' ')
            && glue[i + name.len()..].starts_with(':');
        if keyed {
            if found.is_some() {
                bail!("the import {name} is a key of the glue more than once");
            }
            found = Some(i);
        }
        at = i + name.len();
    }
    let i = found.with_context(|| format!("the import {name} is not a key of the glue"))?;
    Ok(format!(
        "{}{}{}",
        &glue[..i],
        Value::from(new),
        &glue[i + name.len()..]
    ))
}

/// Every `wasm.<name>` (a whole name) as `wasm.<new>`, or `wasm["<new>"]` where the new
/// name is not a JavaScript identifier.
fn replace_access(glue: &str, name: &str, new: &str) -> String {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let access = format!("wasm.{name}");
    let to = if new.starts_with(|c: char| !c.is_ascii_digit()) && new.chars().all(ident) {
        format!("wasm.{new}")
    } else {
        format!("wasm[{}]", Value::from(new))
    };
    let mut out = String::with_capacity(glue.len());
    let mut rest = glue;
    while let Some(i) = rest.find(&access) {
        let whole = !rest[..i].ends_with(ident) && !rest[i + access.len()..].starts_with(ident);
        out.push_str(&rest[..i]);
        out.push_str(if whole { &to } else { &access });
        rest = &rest[i + access.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glue_gets_the_names_that_the_wasm_got() {
        let glue = "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        __wbg_log_0123: function(arg0) {\n            console.log(arg0);\n        },\n        __wbg_log_01234: function() {},\n    };\n    return {\n        __proto__: null,\n        \"./koers_bg.js\": import0,\n    };\n}\nfunction __wbg_log_0123_used() { wasm.memory; wasm.main(); wasm.mainly(); mywasm.main; }\n";
        let map = serde_json::json!({
            "imports": [["./koers_bg.js", "__wbg_log_0123", "a"], ["./koers_bg.js", "__wbg_log_01234", "$b"]],
            "exports": [["memory", "c"], ["main", "1d"]],
        });
        let out = rewrite_glue(glue, &map, "a").unwrap();
        assert!(out.contains("        \"a\": function(arg0)"), "{out}");
        assert!(out.contains("        \"$b\": function()"), "{out}");
        assert!(out.contains("        \"a\": import0,"), "{out}");
        assert!(
            out.contains("__wbg_log_0123_used"),
            "only whole keys: {out}"
        );
        assert!(
            out.contains("wasm.c; wasm[\"1d\"](); wasm.mainly(); mywasm.main;"),
            "{out}"
        );
        // A name the glue does not have as a key: refused, not guessed.
        let missing =
            serde_json::json!({ "imports": [["./koers_bg.js", "__wbg_gone", "a"]], "exports": [] });
        assert!(rewrite_glue(glue, &missing, "a").is_err());
    }
}
