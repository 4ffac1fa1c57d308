//! Browser entry point: mounts the app on the page Trunk built.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        leptos::mount::mount_to_body(koers::App);
    }
}
