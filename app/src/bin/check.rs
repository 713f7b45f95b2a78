//! Entry point of the licence check (its own WebAssembly module: where a scanned QR code lands).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::CheckApp);
}
