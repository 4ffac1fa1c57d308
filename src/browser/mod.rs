//! Everything that talks to the browser: the DOM, storage, speech, sharing, the
//! clipboard, downloads, the network, the service worker and the host page around an
//! embedded frame. Nothing outside this folder calls `web_sys` or `js_sys` (content is
//! parsed in Rust, by `content/src/json.rs`).
//!
//! One switch and one style. Every file starts with its public functions, which work in
//! every build: in the browser (`target_arch = "wasm32"`) they do the work; natively
//! (tests, pre-rendering) they do nothing, or answer what a browser without the feature
//! would, so the components that call them render the same everywhere. The code that
//! calls the browser is at the bottom of each file, in an inner `mod web` compiled for
//! wasm32 only. Where a browser lacks an API, the functions say so or fail quietly, and
//! the components hide the feature or offer a fallback. The logic behind the features
//! is plain Rust in [`crate::tools`], tested natively.

/// The one switch between the browser and a native build: `on_web!(native, web::f(a, b))`
/// calls `web::f(a, b)` in the browser (wasm32); natively it evaluates `native` and
/// leaves the arguments unused. Every public function of this folder goes through it, and
/// the studio's (`studio/src/web.rs`, as `koers::on_web!`).
#[macro_export]
macro_rules! on_web {
    ($native:expr, $($f:ident)::+ ( $($arg:expr),* $(,)? )) => {{
        #[cfg(target_arch = "wasm32")]
        {
            $($f)::+($($arg),*)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = ($(&$arg,)*);
            $native
        }
    }};
}

pub mod boot;
pub mod clipboard;
pub mod console;
pub mod download;
pub mod embed;
pub mod fetch;
pub mod focus;
pub mod location;
pub mod page;
pub mod pwa;
pub mod share;
pub mod speech;
pub mod storage;

/// Whether this build runs in the browser (false in native tests and pre-rendering).
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");
