//! Entry point of the tablet app: mounts it into the page Trunk built.

fn main() {
    trivsel_web::mount::<trivsel_app::app::App>();
}
