//! Entry point of the browser app.

fn main() {
    app::log_panics();
    leptos::mount::mount_to_body(app::App);
}
