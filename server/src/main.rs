//! `koers-server serve --dir <built site> [--port N] [--addr 127.0.0.1] [--base /]
//! [--data DATA --url URL]`: serves a built Koers site (with `--data`, editors' accounts).
//! `koers-server serve --app <Trunk's output> --data DATA --url URL`: builds the site
//! from the content repository `DATA/repo` (made by `koers-server init`), serves it,
//! and publishes editors' changes. Prints its address on a line of its own once it
//! listens.
//!
//! The host's commands on the accounts in `DATA/accounts.json` (the running server
//! sees their changes at once): `invite`, `editors`, `revoke`, `four-eyes`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use koers_server::accounts::{self, Accounts, IndexEntry};

#[derive(Parser)]
#[command(name = "koers-server", version, about = "The server of a Koers site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make the content repository DATA/repo from a content folder (the checkout's
    /// public/content); an existing repository is left as it is.
    Init {
        #[arg(long)]
        data: PathBuf,
        /// The content folder: index.json and each organisation's file.
        #[arg(long)]
        content: PathBuf,
    },
    /// Serve a built site (the contents of dist/), or with --app and --data build the
    /// site from the content repository and publish editors' changes.
    Serve {
        /// The built site (not with --app).
        #[arg(long, required_unless_present = "app", conflicts_with = "app")]
        dir: Option<PathBuf>,
        /// Trunk's output (`dist.app/` beside `dist/`): the server builds the site
        /// itself, from DATA/repo, and publishes.
        #[arg(long, requires = "data")]
        app: Option<PathBuf>,
        /// The port to listen on (0: a free one, printed).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The address to listen on: the loopback by default, behind a TLS proxy.
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        addr: IpAddr,
        /// The path the site is served under, as it was built (`--public-url`).
        #[arg(long, default_value = "/")]
        base: String,
        /// Print a line for each request: status, method, path.
        #[arg(long)]
        log_requests: bool,
        /// The data folder: editors' accounts (accounts.json) and the content
        /// repository (repo/). Without it the server only serves the site.
        #[arg(long)]
        data: Option<PathBuf>,
        /// The site's public address, with its path (passkeys are bound to its host).
        /// Default: http://localhost:<port><base>.
        #[arg(long)]
        url: Option<String>,
        /// Registration and sign-in requests a client address may make per minute.
        #[arg(long, default_value_t = koers_server::auth::ATTEMPTS_PER_MINUTE)]
        attempts_per_minute: u32,
        /// The address of the TLS proxy in front (repeatable): a request from it is
        /// counted for the client address the proxy last added to X-Forwarded-For.
        #[arg(long = "proxy")]
        proxies: Vec<IpAddr>,
    },
    /// Invite an editor for one or more organisations: prints a one-time link (valid
    /// 7 days) alone on its last line.
    Invite {
        /// The organisations' slugs.
        #[arg(required = true)]
        organisations: Vec<String>,
        /// The editor's name (the author of their publishes).
        #[arg(long)]
        name: String,
        #[arg(long)]
        data: PathBuf,
        /// The site's public address, with its path.
        #[arg(long, default_value = "http://localhost:8080/")]
        url: String,
        /// The content index that names the organisations; by default
        /// public/content/index.json on main in DATA/repo.
        #[arg(long)]
        organisations_from: Option<PathBuf>,
    },
    /// List the editors: id, name, organisations, passkeys, last sign-in.
    Editors {
        #[arg(long)]
        data: PathBuf,
    },
    /// Remove an editor: their passkeys stop working and their sessions end.
    Revoke {
        /// The editor's id (`editors` lists them).
        id: String,
        #[arg(long)]
        data: PathBuf,
    },
    /// Whether an organisation's publishes wait for a second editor's approval.
    FourEyes {
        organisation: String,
        state: OnOff,
        #[arg(long)]
        data: PathBuf,
        /// As for `invite`.
        #[arg(long)]
        organisations_from: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("koers-server: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Init { data, content } => {
            let store =
                koers_store::Store::init(&data.join("repo"), &content, &data.join("proposals"))
                    .with_context(|| {
                        format!("making the content repository in {}", data.display())
                    })?;
            let organisations = store.organisations()?;
            println!(
                "The content repository {} holds {} organisation(s): {}",
                store.repository().display(),
                organisations.len(),
                organisations
                    .iter()
                    .map(|o| o.slug.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Ok(())
        }
        Command::Serve {
            dir,
            app,
            port,
            addr,
            base,
            log_requests,
            data,
            url,
            attempts_per_minute,
            proxies,
        } => {
            let listener = koers_server::bind(SocketAddr::new(addr, port)).await?;
            let local = listener.local_addr()?;
            let url = |base: &str| {
                url.clone()
                    .unwrap_or_else(|| format!("http://localhost:{}{base}", local.port()))
            };
            let mut config = match (app, dir) {
                (Some(app), _) => {
                    let data = data.clone().context("--app needs --data")?;
                    let base = koers_server::base_path(&base);
                    koers_server::Config::publishing(app, data, &base, Some(url(&base)))
                }
                (None, Some(dir)) => {
                    let config = koers_server::Config::new(dir, &base)?;
                    match data {
                        Some(data) => {
                            let url = url(&config.base);
                            config.with_data(data, Some(url))
                        }
                        None => config,
                    }
                }
                (None, None) => anyhow::bail!("serve needs --dir, or --app with --data"),
            };
            let base = config.base.clone();
            config.attempts_per_minute = attempts_per_minute;
            config.proxies = proxies;
            let mut router = koers_server::router(config)?;
            if log_requests {
                router = koers_server::with_request_log(router);
            }
            println!("koers-server: listening on http://{local}{base}");
            koers_server::serve(listener, router).await
        }
        Command::Invite {
            organisations,
            name,
            data,
            url,
            organisations_from,
        } => {
            let known = known_organisations(&data, organisations_from.as_deref())?;
            let accounts = Accounts::open(&data)?;
            let now = chrono::Utc::now();
            let token = accounts.invite(&organisations, &name, &known, now)?;
            let expires = now + chrono::Duration::days(accounts::INVITE_DAYS);
            println!(
                "Invited {} for {} (one use, until {} UTC). Send them this link:",
                name.trim(),
                organisations.join(", "),
                expires.format("%Y-%m-%d %H:%M")
            );
            println!("{}", accounts::invite_link(&url, &token));
            Ok(())
        }
        Command::Editors { data } => {
            let accounts = Accounts::open(&data)?;
            let file = accounts.current();
            if file.editors.is_empty() {
                println!("No editors yet (`koers-server invite` invites one).");
            }
            for editor in &file.editors {
                let last = editor.last_sign_in.map_or("never".to_string(), |t| {
                    t.format("%Y-%m-%d %H:%M UTC").to_string()
                });
                println!(
                    "{}\t{}\t{}\t{} passkey(s)\tlast sign-in: {last}",
                    editor.id,
                    editor.name,
                    editor.organisations.join(","),
                    editor.passkeys.len()
                );
            }
            Ok(())
        }
        Command::Revoke { id, data } => {
            let editor = Accounts::open(&data)?.revoke(&id)?;
            println!(
                "Revoked {} ({}): their sessions end at their next request.",
                editor.name, editor.id
            );
            Ok(())
        }
        Command::FourEyes {
            organisation,
            state,
            data,
            organisations_from,
        } => {
            let known = known_organisations(&data, organisations_from.as_deref())?;
            let on = matches!(state, OnOff::On);
            Accounts::open(&data)?.set_four_eyes(&organisation, on, &known)?;
            println!(
                "Four eyes {} for {organisation}.",
                if on { "on" } else { "off" }
            );
            Ok(())
        }
    }
}

/// The organisations an invite may name: from `--organisations-from`, or the content
/// repository's index.
fn known_organisations(data: &Path, from: Option<&Path>) -> anyhow::Result<Vec<IndexEntry>> {
    match from {
        Some(index) => accounts::organisations_in_file(index),
        None => accounts::organisations_in_repo(&data.join("repo")).context(
            "no content repository to name the organisations (give --organisations-from public/content/index.json)",
        ),
    }
}
