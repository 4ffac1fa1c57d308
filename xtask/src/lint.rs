//! The fast gates of `cargo xtask test`, run before the slow builds: formatting, and
//! clippy with warnings as errors for every build of the code: native with `ssr`
//! (the app's tests and the pre-rendering), the browser build as Trunk makes it
//! (wasm32, with the cargo features `index.html` gives Trunk), and xtask itself.

use anyhow::Context as _;

use crate::dist::{files::read, html};
use crate::{root, run, Result};

pub fn check() -> Result {
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    let browser_features = trunk_features()?;
    let builds: [&[&str]; 3] = [
        &["--package", "koers", "--features", "ssr", "--all-targets"],
        &[
            "--package",
            "koers",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            &browser_features,
        ],
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

/// The cargo features Trunk builds the app with (`data-cargo-features` of the
/// `rel="rust"` link in `index.html`), comma-separated as cargo takes them.
fn trunk_features() -> Result<String> {
    let index = read(&root().join("index.html"))?;
    html::attribute_values(&index, "link[data-trunk][rel=rust]", "data-cargo-features")?
        .into_iter()
        .next()
        .context("index.html: the rust link names no data-cargo-features")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_browser_build_is_linted_with_trunks_features() {
        assert_eq!(super::trunk_features().unwrap(), "csr");
    }
}
