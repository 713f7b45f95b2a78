//! Entry point of the public pages (their own WebAssembly module: the first a visitor loads).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::PublicApp);
}
