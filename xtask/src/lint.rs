//! The fast gates of `cargo xtask test`, run before the slow builds: formatting, and
//! clippy with warnings as errors for every build of the code: the content crate
//! (native with the editors' diagnosis and the schema, for its tests; wasm32 without
//! them, as the residents' browser build reads content) and its derive, the app native with `ssr`
//! (the app's tests and the pre-rendering), the browser build as Trunk makes it
//! (wasm32, with the cargo features `index.html` gives Trunk), the editors' studio
//! (native for its tests, wasm32 as `studio/index.html` has Trunk build it), the
//! serving rules, koers-server and its content repository (koers-store), the site
//! build steps (koers-site), and xtask itself.

use anyhow::Context as _;

use crate::site::{files::read, html};
use crate::{root, run, Result};

pub fn check() -> Result {
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    let browser_features = trunk_features("index.html")?;
    let studio_features = trunk_features("studio/index.html")?;
    let builds: [&[&str]; 12] = [
        &[
            "--package",
            "koers-content",
            "--features",
            CONTENT_TEST_FEATURES,
            "--all-targets",
        ],
        &[
            "--package",
            "koers-content",
            "--target",
            "wasm32-unknown-unknown",
        ],
        &["--package", "koers-content-derive", "--all-targets"],
        &["--package", "koers", "--features", "ssr", "--all-targets"],
        &[
            "--package",
            "koers",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            &browser_features,
        ],
        &["--package", "koers-studio", "--all-targets"],
        &[
            "--package",
            "koers-studio",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            &studio_features,
        ],
        &["--package", "koers-serving", "--all-targets"],
        &["--package", "koers-server", "--all-targets"],
        &["--package", "koers-store", "--all-targets"],
        &["--package", "koers-site", "--all-targets"],
        &["--package", "xtask", "--all-targets"],
    ];
    for build in builds {
        let mut args = vec!["clippy"];
        args.extend(build);
        args.extend(["--", "-D", "warnings"]);
        run("cargo", &args)?;
    }
    Ok(())
}

/// The cargo features of the content crate its tests need (they hold the residents'
/// reading to serde's), with the schema so that its derives are linted too.
pub const CONTENT_TEST_FEATURES: &str = "diagnosis,schema";

/// The cargo features Trunk builds a bundle with (`data-cargo-features` of the
/// `rel="rust"` link in its page, `page` from the root), comma-separated as cargo
/// takes them.
fn trunk_features(page: &str) -> Result<String> {
    let index = read(&root().join(page))?;
    html::attribute_values(&index, "link[data-trunk][rel=rust]", "data-cargo-features")?
        .into_iter()
        .next()
        .with_context(|| format!("{page}: the rust link names no data-cargo-features"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_browser_build_is_linted_with_trunks_features() {
        assert_eq!(super::trunk_features("index.html").unwrap(), "csr");
        assert_eq!(super::trunk_features("studio/index.html").unwrap(), "csr");
    }
}
