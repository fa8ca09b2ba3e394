//! What the evaluator takes away: the report as CSV (core's rendering, the
//! same bytes as `trivsel report --format csv`), the merged records as CSV
//! and NDJSON (core's writers), and a printout of the page.

use std::rc::Rc;

use trivsel_core::report::render_csv;
use trivsel_core::{records_csv, records_ndjson, Lang};
use yew::prelude::*;

use crate::compute::Outcome;
use crate::download::{self, CSV, NDJSON};
use crate::i18n::messages;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub outcome: Rc<Outcome>,
    pub lang: Lang,
}

#[derive(Clone, Copy)]
enum What {
    ReportCsv,
    RecordsCsv,
    RecordsNdjson,
}

#[function_component]
pub fn Actions(props: &Props) -> Html {
    let m = messages(props.lang);
    let failed = use_state(|| false);
    let save = |what: What| {
        let outcome = props.outcome.clone();
        let lang = props.lang;
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| {
            let m = messages(lang);
            let date = download::today();
            let records = &outcome.merged.records;
            let (name, mime, contents) = match what {
                What::ReportCsv => (
                    download::file_name(m.report_file, &date, "csv"),
                    CSV,
                    render_csv(&outcome.report, lang),
                ),
                What::RecordsCsv => (
                    download::file_name(m.records_file, &date, "csv"),
                    CSV,
                    records_csv(records, &outcome.instruments),
                ),
                What::RecordsNdjson => (
                    download::file_name(m.records_file, &date, "ndjson"),
                    NDJSON,
                    records_ndjson(records),
                ),
            };
            failed.set(trivsel_web::save(&name, mime, &contents).is_err());
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <div class="actions controls">
            <button type="button" class="primary" onclick={save(What::ReportCsv)}>{ m.download_report }</button>
            <button type="button" class="secondary" onclick={save(What::RecordsCsv)}>{ m.download_records_csv }</button>
            <button type="button" class="secondary" onclick={save(What::RecordsNdjson)}>{ m.download_records_ndjson }</button>
            <button type="button" class="secondary" onclick={print}>{ m.print }</button>
            if *failed {
                <p class="warn" role="alert">{ m.download_failed }</p>
            }
        </div>
    }
}
