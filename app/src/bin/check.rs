//! Entry point of the licence check (its own WebAssembly module: where a scanned QR code lands).

fn main() {
    app::log_panics();
    leptos::mount::mount_to_body(app::CheckApp);
}
