//! Entry point of the staff's workspace (its own WebAssembly module: applicants never load it).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::StaffApp);
}
