//! Entry point of the public pages (their own WebAssembly module: the first a visitor loads).

fn main() {
    app::log_panics();
    leptos::mount::mount_to_body(app::PublicApp);
}
