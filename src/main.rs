//! Browser entry point: mounts the app on the page Trunk built.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        // Before the first paint of the app, so the chosen text size never jumps.
        koers::device::page::restore_text_size();
        leptos::mount::mount_to_body(koers::App);
    }
}
