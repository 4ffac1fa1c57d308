//! Browser entry point: see [`koers::app::start`].

fn main() {
    koers::app::start();
}
