//! What makes each organisation installable on a home screen: its own web manifest
//! and icons (see `icon`), from its content file, in `<base>/<slug>/`.

use std::path::Path;

use anyhow::Context as _;
use koers_content::{parse_colour, Organisation};
use rayon::prelude::*;
use serde_json::json;

use super::files::{create_dir, write};
use super::icon::{icon_png, initials};
use super::on_every_core;
use crate::Result;

/// The web manifest of one organisation; URLs are relative to the manifest itself,
/// which lives at `<base>/<slug>/manifest.webmanifest`.
pub fn manifest(org: &Organisation) -> serde_json::Value {
    let start = org.start_page().map(|(kind, _)| kind.slug()).unwrap_or("");
    json!({
        "id": "./",
        "name": org.name,
        "short_name": org.short_name,
        "description": org.description,
        "lang": "nl-BE",
        "dir": "ltr",
        "start_url": format!("./{start}"),
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": org.accent,
        "icons": [
            { "src": "icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any" },
            { "src": "icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any" },
            { "src": "icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" }
        ]
    })
}

/// The manifest and icons of every organisation, on every core (drawing the icons is
/// the work).
pub fn write_all(dist: &Path, orgs: &[Organisation]) -> Result {
    on_every_core(|| {
        orgs.par_iter()
            .try_for_each(|org| write_app_files(dist, org))
    })
}

fn write_app_files(dist: &Path, org: &Organisation) -> Result {
    let dir = dist.join(&org.slug);
    create_dir(&dir)?;
    let text = serde_json::to_string_pretty(&manifest(org)).expect("a manifest serialises");
    write(&dir.join("manifest.webmanifest"), text.as_bytes())?;
    let rgb = parse_colour(&org.accent)
        .with_context(|| format!("{}: accent {} is no colour", org.slug, org.accent))?;
    let letters = initials(&org.name);
    write(
        &dir.join("icon-192.png"),
        &icon_png(&letters, rgb, 192, false),
    )?;
    write(
        &dir.join("icon-512.png"),
        &icon_png(&letters, rgb, 512, false),
    )?;
    write(
        &dir.join("icon-maskable-512.png"),
        &icon_png(&letters, rgb, 512, true),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fixture as org;
    use koers_content::parse_index;

    #[test]
    fn manifests_match_their_content_files() {
        for entry in parse_index(
            "index.json",
            &std::fs::read(crate::root().join("public/content/index.json")).unwrap(),
        )
        .unwrap()
        .organisations
        {
            let org = org(&entry.slug);
            let m = manifest(&org);
            assert_eq!(m["name"], org.name.as_str());
            assert_eq!(m["short_name"], org.short_name.as_str());
            assert_eq!(m["theme_color"], org.accent.as_str());
            assert_eq!(m["display"], "standalone");
            assert_eq!(m["lang"], "nl-BE");
            assert_eq!(m["scope"], "./");
            let start = m["start_url"].as_str().unwrap();
            let (kind, _) = org.start_page().unwrap();
            assert_eq!(
                start,
                format!("./{}", kind.slug()),
                "start_url opens the first page, inside the scope"
            );
            let icons = m["icons"].as_array().unwrap();
            for (size, purpose) in [
                ("192x192", "any"),
                ("512x512", "any"),
                ("512x512", "maskable"),
            ] {
                assert!(
                    icons
                        .iter()
                        .any(|i| i["sizes"] == size && i["purpose"] == purpose),
                    "{size} {purpose}"
                );
            }
        }
    }
}
