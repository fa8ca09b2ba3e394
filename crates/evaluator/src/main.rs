//! Entry point of the evaluator's page: its own bundle, so the report and the
//! import code never add a byte to what the tablet loads. Mounts the page.

mod actions;
mod app;
mod chart;
mod compute;
mod download;
mod file_list;
mod files;
mod i18n;
mod keys;
mod merge_view;
mod paint;
mod picker;
mod printed;
mod report_view;
mod settings;
mod state;
#[cfg(test)]
mod testing;

fn main() {
    trivsel_web::mount::<app::App>();
}
