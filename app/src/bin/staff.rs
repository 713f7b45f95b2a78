//! Entry point of the staff's workspace (its own WebAssembly module: applicants never load it).

fn main() {
    app::log_panics();
    leptos::mount::mount_to_body(app::StaffApp);
}
