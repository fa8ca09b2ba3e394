//! Entry point of the counsellor's export page (`/eksport/`): its own bundle,
//! so the export and its file formats add nothing to the tablet's first load.

fn main() {
    trivsel_web::mount::<trivsel_app::export_app::ExportApp>();
}
