//! Many organisations from the few real ones: [`generate`] writes a content set of the
//! real organisations of `public/content/` plus fictional copies of them ("Gemeente
//! Voorbeeld 17", `voorbeeld-17`) into a folder of its own, never into the repository;
//! [`build`] turns it into a site from an existing Trunk build, without building the
//! wasm again. `cargo xtask test` uses them, `cargo xtask bench scale` (`bench`) and
//! `cargo xtask bench publish` (`publish`).

pub mod bench;
pub mod publish;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use koers_content::{
    contrast, parse_index, ContentIndex, IndexEntry, MAX_SHORT_NAME_CHARS, MIN_CONTRAST,
};
use serde_json::Value;

use crate::site::files::{create_dir, read_bytes, write};
use crate::Result;

/// The slug of the `n`th copy (1, 2, …).
pub fn slug(n: usize) -> String {
    format!("voorbeeld-{n}")
}

/// The name of the `n`th copy: plainly made up, and no real municipality's.
pub fn name(n: usize) -> String {
    format!("Gemeente Voorbeeld {n}")
}

/// Its home-screen name, within the rule's 12 characters however large `n` is.
pub fn short_name(n: usize) -> String {
    let long = format!("Voorbeeld {n}");
    if long.chars().count() <= MAX_SHORT_NAME_CHARS {
        long
    } else {
        format!("Vb. {n}")
    }
}

/// A dark accent of its own for the `n`th copy (so icons and accents differ, as real
/// organisations' do), with the contrast against white the rules ask for.
pub fn accent(n: usize) -> String {
    // Hues spread by the golden angle; darkened until white text reads on it.
    let hue = (n as f64 * 137.508) % 360.0;
    let mut lightness = 0.32;
    loop {
        let rgb = hsl(hue, 0.6, lightness);
        if contrast(rgb, (255, 255, 255)) >= MIN_CONTRAST + 0.2 {
            return format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2);
        }
        lightness -= 0.02;
    }
}

fn hsl(hue: f64, saturation: f64, lightness: f64) -> (u8, u8, u8) {
    let c = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let h = hue / 60.0;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = lightness - c / 2.0;
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    (byte(r), byte(g), byte(b))
}

/// Writes into `out` (emptied first) the content files of `source` (a folder like
/// `public/content`: `index.json` and the files it lists), unchanged, and `extra`
/// copies of them in turn under [`slug`], [`name`], [`short_name`] and [`accent`], with
/// the index listing them all, the real ones first. Returns the slugs, in that order.
pub fn generate(source: &Path, out: &Path, extra: usize) -> Result<Vec<String>> {
    let index_bytes = read_bytes(&source.join("index.json"))?;
    let index = parse_index("index.json", &index_bytes)
        .map_err(|p| anyhow::anyhow!(crate::content::lines(&p)))
        .context("reading the real organisations' index")?;
    if index.organisations.is_empty() {
        bail!(
            "{}: the index lists no organisation to copy",
            source.display()
        );
    }
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("emptying {}", out.display()))?;
    }
    create_dir(out)?;
    let mut originals = Vec::new();
    for entry in &index.organisations {
        let file = format!("{}.json", entry.slug);
        let bytes = read_bytes(&source.join(&file))?;
        write(&out.join(&file), &bytes)?;
        let value: Value =
            serde_json::from_slice(&bytes).with_context(|| format!("reading {file}"))?;
        originals.push((entry, value));
    }
    let mut entries: Vec<IndexEntry> = index.organisations.clone();
    for n in 1..=extra {
        let (original, value) = &originals[(n - 1) % originals.len()];
        let copy = copy_of(value, original, n);
        let slug = slug(n);
        write(
            &out.join(format!("{slug}.json")),
            serde_json::to_string_pretty(&copy)
                .expect("JSON serialises")
                .as_bytes(),
        )?;
        entries.push(IndexEntry {
            name: name(n),
            slug,
        });
    }
    let slugs = entries.iter().map(|e| e.slug.clone()).collect();
    let index = ContentIndex {
        organisations: entries,
    };
    write(
        &out.join("index.json"),
        serde_json::to_string_pretty(&index)
            .expect("the index serialises")
            .as_bytes(),
    )?;
    Ok(slugs)
}

/// The `n`th copy of an organisation: its own slug, names and accent; wherever the
/// texts name the original, they name the copy.
fn copy_of(original: &Value, entry: &IndexEntry, n: usize) -> Value {
    let old_short = original["short_name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let place = format!("Voorbeeld {n}");
    let mut copy = original.clone();
    replace_text(&mut copy, &[(&entry.name, &name(n)), (&old_short, &place)]);
    copy["slug"] = slug(n).into();
    copy["name"] = name(n).into();
    copy["short_name"] = short_name(n).into();
    copy["accent"] = accent(n).into();
    copy["description"] =
        "Een verzonnen gemeente om Koers mee te testen, met de teksten van een echte.".into();
    copy
}

/// Every string in `value` with each `(from, to)` replaced, longest first.
fn replace_text(value: &mut Value, pairs: &[(&str, &str)]) {
    match value {
        Value::String(s) => {
            for (from, to) in pairs {
                if !from.is_empty() && s.contains(from) {
                    *s = s.replace(from, to);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_text(v, pairs)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_text(v, pairs)),
        _ => {}
    }
}

/// Generates the real organisations and `extra` copies into `<work>/content`, and builds
/// them from the Trunk build `trunk_output` into `<work>/dist` (see
/// `site::build_with_content`). Returns that `dist`.
pub fn build(trunk_output: &Path, work: &Path, extra: usize) -> Result<PathBuf> {
    let content = work.join("content");
    let out = work.join("dist");
    let source = crate::root().join("public/content");
    generate(&source, &content, extra)
        .with_context(|| format!("generating {extra} organisations"))?;
    crate::site::build_with_content(trunk_output, &content, &out, None)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use koers_content::{check_set, parse_colour, parse_organisation};

    #[test]
    fn every_generated_file_is_valid_content_and_the_set_agrees() {
        let out = tempfile::tempdir().unwrap().keep();
        let extra = 130;
        let slugs = generate(&crate::root().join("public/content"), &out, extra).unwrap();
        let index = parse_index(
            "index.json",
            &std::fs::read(out.join("index.json")).unwrap(),
        )
        .unwrap_or_else(|p| panic!("{}", crate::content::lines(&p)));
        let mut orgs = Vec::new();
        for slug in &slugs {
            let file = format!("{slug}.json");
            let org = parse_organisation(&file, &std::fs::read(out.join(&file)).unwrap())
                .unwrap_or_else(|p| panic!("{}", crate::content::lines(&p)));
            orgs.push((file, org));
        }
        let problems = check_set("index.json", &index, &orgs);
        assert!(problems.is_empty(), "{}", crate::content::lines(&problems));
        let files = std::fs::read_dir(&out).unwrap().count();
        std::fs::remove_dir_all(&out).unwrap();

        let real = crate::content::content_files().unwrap().len() - 1;
        assert_eq!(slugs.len(), real + extra);
        assert_eq!(
            files,
            real + extra + 1,
            "the files and the index, nothing else"
        );
        assert_eq!(slugs[real], "voorbeeld-1");
        for (entry, (_, org)) in index.organisations.iter().zip(&orgs) {
            assert_eq!(entry.slug, org.slug);
            assert_eq!(entry.name, org.name, "the index lists each with its name");
        }
        let copy = &orgs[real + 16].1;
        assert_eq!(copy.name, "Gemeente Voorbeeld 17");
        assert_eq!(copy.short_name, "Voorbeeld 17");
        assert_eq!(orgs[real + 99].1.short_name, "Vb. 100");
    }

    #[test]
    fn copies_name_themselves_and_not_the_original() {
        let source = crate::root().join("public/content");
        let out = tempfile::tempdir().unwrap().keep();
        let slugs = generate(&source, &out, 4).unwrap();
        let real = slugs.len() - 4;
        for n in 1..=4 {
            let original: Value = serde_json::from_slice(
                &std::fs::read(source.join(format!("{}.json", slugs[(n - 1) % real]))).unwrap(),
            )
            .unwrap();
            let text = std::fs::read_to_string(out.join(format!("{}.json", slug(n)))).unwrap();
            for old in ["name", "short_name"] {
                let old = original[old].as_str().unwrap();
                assert!(!text.contains(old), "copy {n} still names {old}");
            }
            assert!(text.contains(&format!("Voorbeeld {n}")));
        }
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn short_names_and_accents_keep_the_rules() {
        for n in [1, 9, 99, 100, 999, 12345] {
            assert!(short_name(n).chars().count() <= MAX_SHORT_NAME_CHARS, "{n}");
        }
        for n in 1..400 {
            let rgb = parse_colour(&accent(n)).unwrap();
            assert!(contrast(rgb, (255, 255, 255)) >= MIN_CONTRAST, "{n}");
        }
        assert_ne!(accent(1), accent(2));
    }
}
