//! What the page computes from the accepted files: core's merge, then core's
//! report over the merged records with the definitions of the running
//! catalogue, exactly as the CLI does. Pure, so the native tests hold it to
//! the committed expected report.

use std::rc::Rc;

use trivsel_core::{Catalogue, Instrument, Merged, Merger, Report, ReportBuilder, ReportParams};

use crate::files::Export;

/// A merge and the report over it, for one set of files and one setting.
#[derive(Debug)]
pub struct Outcome {
    /// The state's `files_gen` the files were taken at.
    pub files_gen: u64,
    pub params: ReportParams,
    /// The names of the files merged, in the order opened.
    pub files: Vec<String>,
    pub merged: Rc<Merged>,
    /// The definitions of the instruments the merged records answered, in
    /// catalogue order: the columns of the records' CSV.
    pub instruments: Rc<Vec<Instrument>>,
    pub report: Report,
}

impl PartialEq for Outcome {
    /// An outcome is named by what it was computed from; comparing the
    /// records themselves would cost more than computing them.
    fn eq(&self, other: &Self) -> bool {
        self.files_gen == other.files_gen && self.params == other.params
    }
}

/// Every record of every export, each file under its name as the source.
/// The documents stay as they are (a later file may be added and everything
/// merged again), so the records are copied into the merge.
pub fn merge(docs: &[(String, Rc<Export>)]) -> Merged {
    let mut merger = Merger::new();
    for (name, export) in docs {
        for record in &export.doc.records {
            merger.add_record(name, record.clone());
        }
    }
    merger.finish()
}

/// The definitions in `catalogue` of the instruments `merged` answered.
pub fn instruments(merged: &Merged, catalogue: &Catalogue) -> Vec<Instrument> {
    let asked = merged.records.iter().flat_map(|r| &r.instruments);
    catalogue.answered(asked).into_iter().cloned().collect()
}

/// The report over merged, current records.
pub fn report(merged: &Merged, params: ReportParams, catalogue: &Catalogue) -> Report {
    let mut builder = ReportBuilder::new(params);
    for record in &merged.records {
        builder.add(record);
    }
    builder.finish(catalogue)
}

/// The outcome for `docs` with `params` and the definitions of `catalogue`.
/// A `previous` outcome over the same files lends its merge, so a new
/// setting only recomputes the report.
pub fn compute(
    docs: &[(String, Rc<Export>)],
    params: ReportParams,
    files_gen: u64,
    previous: Option<&Outcome>,
    catalogue: &Catalogue,
) -> Outcome {
    let (merged, instruments) = match previous {
        Some(p) if p.files_gen == files_gen => (p.merged.clone(), p.instruments.clone()),
        _ => {
            let merged = merge(docs);
            let instruments = instruments(&merged, catalogue);
            (Rc::new(merged), Rc::new(instruments))
        }
    };
    Outcome {
        files_gen,
        files: docs.iter().map(|(name, _)| name.clone()).collect(),
        report: report(&merged, params.clone(), catalogue),
        params,
        merged,
        instruments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::{open, Opened};
    use crate::testing::{fixture, with_worry, worry_bytes};
    use trivsel_core::report::key;

    fn export(bytes: &[u8], catalogue: &Catalogue) -> Rc<Export> {
        match open(bytes, catalogue).expect("a good file") {
            Opened::Export(e) => Rc::new(e),
            Opened::Programme(_) => panic!("an export"),
        }
    }

    fn fixtures() -> Vec<(String, Rc<Export>)> {
        ["a", "b", "c"]
            .iter()
            .map(|t| {
                let name = format!("v1-tablet-{t}.json");
                let bytes = fixture(&format!("export/{name}"));
                (name, export(&bytes, Catalogue::shipped()))
            })
            .collect()
    }

    fn shipped() -> &'static Catalogue {
        Catalogue::shipped()
    }

    #[test]
    fn the_three_fixtures_give_the_committed_report() {
        let outcome = compute(&fixtures(), ReportParams::default(), 1, None, shipped());
        let expected: Report =
            serde_json::from_slice(&fixture("report/report.json")).expect("a report");
        assert_eq!(outcome.report, expected);
        assert_eq!(outcome.merged.records.len(), 85);
        assert_eq!(outcome.merged.duplicates, 1);
        assert_eq!(outcome.merged.superseded, 3);
        assert!(outcome.merged.conflicts.is_empty());
        let ids: Vec<&str> = outcome.instruments.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["who5", "cantril"]);
    }

    #[test]
    fn the_same_file_twice_changes_no_figure() {
        let mut docs = fixtures();
        let again = docs[0].clone();
        docs.push(("v1-tablet-a.json (2)".into(), again.1));
        let twice = compute(&docs, ReportParams::default(), 1, None, shipped());
        let once = compute(&fixtures(), ReportParams::default(), 1, None, shipped());
        assert_eq!(twice.report, once.report);
        assert_eq!(
            twice.merged.duplicates,
            once.merged.duplicates + docs[0].1.doc.records.len()
        );
    }

    #[test]
    fn a_response_changed_in_another_file_is_a_conflict_and_left_out() {
        let mut docs = fixtures();
        let mut changed = docs[1].1.doc.clone();
        let id = changed.records[0].response_id;
        changed.records[0].week = changed.records[1].week;
        assert_ne!(changed.records[0], docs[1].1.doc.records[0]);
        docs.push(("b-changed.json".into(), Rc::new(Export::new(changed))));
        let outcome = compute(&docs, ReportParams::default(), 1, None, shipped());
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
        let first = compute(&docs, ReportParams::default(), 4, None, shipped());
        let mut params = ReportParams::default();
        params
            .references
            .insert(key("cantril", "value", "danish_youth"), 6.0);
        let second = compute(&docs, params.clone(), 4, Some(&first), shipped());
        assert!(Rc::ptr_eq(&first.merged, &second.merged));
        assert_ne!(first.report, second.report);
        let third = compute(&docs, params, 5, Some(&first), shipped());
        assert!(!Rc::ptr_eq(&first.merged, &third.merged));
    }

    /// A questionnaire trivsel does not ship is reported from the
    /// definition its export carries, beside the shipped ones.
    #[test]
    fn an_unshipped_questionnaire_is_reported_from_its_definition() {
        let worry = export(&worry_bytes(&with_worry(), 1), shipped());
        let mut docs = fixtures();
        docs.push(("worry.json".into(), worry.clone()));
        let mut catalogue = shipped().clone();
        for def in &worry.doc.instruments {
            catalogue.add_instrument(def.clone()).unwrap();
        }
        let outcome = compute(&docs, ReportParams::default(), 1, None, &catalogue);
        let ids: Vec<&str> = outcome.instruments.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["who5", "cantril", "worry"]);
        let cell = |row: &str| outcome.report.cell("worry", row, "all").unwrap();
        assert_eq!(cell("total.mean.intake").value(), Some(8.2));
        assert_eq!(cell("total.mean.last").value(), Some(4.7));
        assert_eq!(
            cell("total.changed.last.three_points.improved").value(),
            Some(66.7)
        );
        // The shipped tables are as they were.
        let alone = compute(&fixtures(), ReportParams::default(), 1, None, shipped());
        assert_eq!(outcome.report.table("who5"), alone.report.table("who5"));
    }
}
