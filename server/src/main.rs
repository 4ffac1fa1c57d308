//! `koers-server serve --dir <built site> [--port N] [--addr 127.0.0.1] [--base /]`:
//! serves a built Koers site. Prints its address on a line of its own once it listens.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "koers-server", version, about = "The server of a Koers site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve a built site (the contents of dist/).
    Serve {
        /// The built site.
        #[arg(long)]
        dir: PathBuf,
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
    },
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
        Command::Serve {
            dir,
            port,
            addr,
            base,
            log_requests,
        } => {
            let config = koers_server::Config::new(dir, &base)?;
            let base = config.base.clone();
            let mut router = koers_server::router(config)?;
            if log_requests {
                router = koers_server::with_request_log(router);
            }
            let listener = koers_server::bind(SocketAddr::new(addr, port)).await?;
            let local = listener.local_addr()?;
            println!("koers-server: listening on http://{local}{base}");
            koers_server::serve(listener, router).await
        }
    }
}
