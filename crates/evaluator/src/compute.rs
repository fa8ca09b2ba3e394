//! What the page computes from the accepted files: core's merge, then core's
//! report over the merged records, exactly as the CLI does. Pure, so the
//! native tests hold it to the committed expected report.

use std::rc::Rc;

use trivsel_core::{ExportDocument, Merged, Merger, Report, ReportBuilder, ReportParams};

/// A merge and the report over it, for one set of files and one setting.
#[derive(Debug)]
pub struct Outcome {
    /// The state's `files_gen` the files were taken at.
    pub files_gen: u64,
    pub params: ReportParams,
    /// The names of the files merged, in the order opened.
    pub files: Vec<String>,
    pub merged: Rc<Merged>,
    pub report: Report,
}

impl PartialEq for Outcome {
    /// An outcome is named by what it was computed from; comparing the
    /// records themselves would cost more than computing them.
    fn eq(&self, other: &Self) -> bool {
        self.files_gen == other.files_gen && self.params == other.params
    }
}

/// Every record of every document, each file under its name as the source.
/// The documents stay as they are (a later file may be added and everything
/// merged again), so the records are copied into the merge.
pub fn merge(docs: &[(String, Rc<ExportDocument>)]) -> Merged {
    let mut merger = Merger::new();
    for (name, doc) in docs {
        for record in &doc.records {
            merger.add_record(name, record.clone());
        }
    }
    merger.finish()
}

/// The report over merged, current records.
pub fn report(merged: &Merged, params: ReportParams) -> Report {
    let mut builder = ReportBuilder::new(params);
    for record in &merged.records {
        builder.add(record);
    }
    builder.finish()
}

/// The outcome for `docs` with `params`. A `previous` outcome over the same
/// files lends its merge, so a new setting only recomputes the report.
pub fn compute(
    docs: &[(String, Rc<ExportDocument>)],
    params: ReportParams,
    files_gen: u64,
    previous: Option<&Outcome>,
) -> Outcome {
    let merged = match previous {
        Some(p) if p.files_gen == files_gen => p.merged.clone(),
        _ => Rc::new(merge(docs)),
    };
    Outcome {
        files_gen,
        params,
        files: docs.iter().map(|(name, _)| name.clone()).collect(),
        report: report(&merged, params),
        merged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trivsel_core::{parse_document, Limits};

    fn path(rel: &str) -> String {
        format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
    }

    fn fixtures() -> Vec<(String, Rc<ExportDocument>)> {
        ["a", "b", "c"]
            .iter()
            .map(|t| {
                let name = format!("v1-tablet-{t}.json");
                let bytes = std::fs::read(path(&format!("export/{name}"))).expect("fixture");
                let doc = parse_document(&bytes, &Limits::default()).expect("a good fixture");
                (name, Rc::new(doc))
            })
            .collect()
    }

    #[test]
    fn the_three_fixtures_give_the_committed_report() {
        let outcome = compute(&fixtures(), ReportParams::default(), 1, None);
        let expected: Report = serde_json::from_str(
            &std::fs::read_to_string(path("report/v1-report.json")).expect("expected report"),
        )
        .expect("a report");
        assert_eq!(outcome.report, expected);
        assert_eq!(outcome.merged.records.len(), 85);
        assert_eq!(outcome.merged.duplicates, 1);
        assert_eq!(outcome.merged.superseded, 3);
        assert!(outcome.merged.conflicts.is_empty());
    }

    #[test]
    fn the_same_file_twice_changes_no_figure() {
        let mut docs = fixtures();
        let again = docs[0].clone();
        docs.push(("v1-tablet-a.json (2)".into(), again.1));
        let twice = compute(&docs, ReportParams::default(), 1, None);
        let once = compute(&fixtures(), ReportParams::default(), 1, None);
        assert_eq!(twice.report, once.report);
        assert_eq!(
            twice.merged.duplicates,
            once.merged.duplicates + docs[0].1.records.len()
        );
    }

    #[test]
    fn a_response_changed_in_another_file_is_a_conflict_and_left_out() {
        let mut docs = fixtures();
        let mut changed = (*docs[1].1).clone();
        let id = changed.records[0].response_id;
        changed.records[0].week = changed.records[1].week;
        assert_ne!(changed.records[0], docs[1].1.records[0]);
        docs.push(("b-changed.json".into(), Rc::new(changed)));
        let outcome = compute(&docs, ReportParams::default(), 1, None);
        assert_eq!(outcome.merged.conflicts.len(), 1);
        assert_eq!(outcome.merged.conflicts[0].response_id, id);
        assert_eq!(
            outcome.merged.conflicts[0].sources,
            ["v1-tablet-b.json", "b-changed.json"]
        );
        assert!(outcome.merged.records.iter().all(|r| r.response_id != id));
    }

    #[test]
    fn a_new_setting_reuses_the_merge() {
        let docs = fixtures();
        let first = compute(&docs, ReportParams::default(), 4, None);
        let params = ReportParams {
            ladder_reference: 6.0,
            ..ReportParams::default()
        };
        let second = compute(&docs, params, 4, Some(&first));
        assert!(Rc::ptr_eq(&first.merged, &second.merged));
        assert_ne!(first.report, second.report);
        let third = compute(&docs, params, 5, Some(&first));
        assert!(!Rc::ptr_eq(&first.merged, &third.merged));
    }
}
