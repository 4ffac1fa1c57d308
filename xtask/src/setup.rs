//! Installs what building and testing need, only when missing, from the package
//! registries: the wasm32 target (rustup), Trunk and wasm-bindgen-cli (crates.io),
//! wasm-opt, terser and the browser-test packages (npm, `package-lock.json`), Chromium,
//! ChromeDriver and nginx (Debian; the end-to-end tests serve the build with
//! `deploy/nginx.conf` on the real nginx). Nothing downloads a binary from anywhere
//! else.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{bail, Context as _};

use crate::{root, run, run_with, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen` in Cargo.lock (pinned with `=` in Cargo.toml).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian's nginx (`tests/e2e/serving.test.mjs` runs it, or `$NGINX`).
pub const NGINX: &str = "/usr/sbin/nginx";

/// Which groups of tools a command needs.
#[derive(Clone, Copy)]
pub struct Needs {
    pub build: bool,
    pub browser: bool,
}

impl Needs {
    pub const BUILD: Needs = Needs {
        build: true,
        browser: false,
    };
    pub const ALL: Needs = Needs {
        build: true,
        browser: true,
    };
}

/// Runs `command` with [`tool_path`] and its errors on ours; what it printed, or an
/// error naming `what` when it fails.
pub fn output_of(command: &mut Command, what: &str) -> Result<Vec<u8>> {
    let out = command
        .env("PATH", tool_path())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start {what}"))?;
    if !out.status.success() {
        bail!("{what} failed ({})", out.status);
    }
    Ok(out.stdout)
}

/// PATH with the project's npm tools and cargo's bin first.
pub fn tool_path() -> String {
    let mut dirs = vec![root().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    let current = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(std::env::split_paths(&current));
    std::env::join_paths(dirs)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The first line a tool prints for `--version`, if it runs.
fn version_of(program: &str) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .env("PATH", tool_path())
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    })
}

pub fn ensure(needs: Needs) -> Result {
    check_lock_pin()?;
    if needs.build {
        ensure_wasm_target()?;
        ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
        ensure_cargo_tool(
            "wasm-bindgen",
            "wasm-bindgen-cli",
            WASM_BINDGEN_VERSION,
            false,
        )?;
    }
    ensure_npm_packages()?;
    if needs.browser {
        ensure_chromium()?;
        ensure_nginx()?;
    }
    Ok(())
}

/// The wasm-bindgen CLI and library must match exactly, or the app fails at start.
fn check_lock_pin() -> Result {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let wanted = format!("name = \"wasm-bindgen\"\nversion = \"{WASM_BINDGEN_VERSION}\"");
    if !lock.contains(&wanted) {
        bail!(
            "Cargo.lock does not have wasm-bindgen {WASM_BINDGEN_VERSION}: keep `wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"` in Cargo.toml and WASM_BINDGEN_VERSION in xtask/src/setup.rs equal"
        );
    }
    Ok(())
}

fn ensure_wasm_target() -> Result {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup is needed to add the wasm32 target")?;
    if String::from_utf8_lossy(&out.stdout).contains("wasm32-unknown-unknown") {
        return Ok(());
    }
    run("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

fn ensure_cargo_tool(program: &str, krate: &str, version: &str, locked: bool) -> Result {
    if version_of(program).is_some_and(|v| v.split_whitespace().any(|w| w == version)) {
        return Ok(());
    }
    println!("xtask: installing {krate} {version} from crates.io (a few minutes, once)");
    let mut args = vec!["install", krate, "--version", version];
    // wasm-bindgen-cli's lock file names a yanked crate: it installs only unlocked.
    if locked {
        args.push("--locked");
    }
    run("cargo", &args)
}

fn ensure_npm_packages() -> Result {
    let root = root();
    let present = [
        "node_modules/.bin/wasm-opt",
        "node_modules/.bin/terser",
        "node_modules/playwright-core",
        "node_modules/@axe-core/playwright",
        "node_modules/accessibility-checker-engine",
    ]
    .iter()
    .all(|p| root.join(p).exists());
    if present {
        return Ok(());
    }
    if version_of("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    println!("xtask: installing the npm packages of package-lock.json");
    run("npm", &["ci", "--no-audit", "--no-fund"])
}

fn ensure_chromium() -> Result {
    if PathBuf::from(CHROMIUM).exists() && PathBuf::from(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// Only the program: the tests start it themselves, on a loopback port of their own.
fn ensure_nginx() -> Result {
    if PathBuf::from(NGINX).exists() {
        return Ok(());
    }
    apt_install(&["nginx"])
}

fn apt_install(packages: &[&str]) -> Result {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let (program, prefix): (&str, &[&str]) = if is_root {
        ("apt-get", &[])
    } else {
        ("sudo", &["apt-get"])
    };
    println!("xtask: installing {} from Debian", packages.join(", "));
    let mut update: Vec<&str> = prefix.to_vec();
    update.push("update");
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    run_with(program, &update, &env)?;
    let mut install: Vec<&str> = prefix.to_vec();
    install.extend(["install", "-y"]);
    install.extend(packages);
    run_with(program, &install, &env)
}
