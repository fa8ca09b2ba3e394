//! Merging checked exports from many tablets into one set of records that
//! count: each response once, conflicts reported and left out, corrections
//! in place of what they correct.
//!
//! A response keeps its random id wherever it travels, so the same id in two
//! files is either the same response exported twice (identical content: a
//! duplicate, counted once) or a conflict (different content). A conflict is
//! never resolved by picking one version: every version of that id is left
//! out and the conflict is reported with the files it came from. The rules
//! match `history::current` on the tablet: a record that another merged
//! record supersedes is dropped, so along a chain of corrections only the
//! last counts.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use crate::export::{ExportDocument, ExportRecord};
use crate::import::ImportError;
use crate::lang::Lang;
use crate::messages::clip_start;
use crate::uuid::Uuid;

/// Collects records from many files. Holds each distinct record once, plus
/// an id map: fine for the browser's 100 000 records.
#[derive(Debug, Default)]
pub struct Merger {
    sources: Vec<String>,
    source_index: HashMap<String, usize>,
    entries: BTreeMap<Uuid, Entry>,
    duplicates: usize,
}

#[derive(Debug)]
struct Entry {
    /// The first version seen.
    record: ExportRecord,
    /// Every file the id was seen in, as indices into `sources`.
    sources: BTreeSet<usize>,
    /// Whether a version different from `record` was seen.
    conflict: bool,
}

/// One response id seen with different content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub response_id: Uuid,
    /// The files the id was seen in, in the order they were added.
    pub sources: Vec<String>,
}

impl Conflict {
    /// E.g. "Id'et … findes med forskelligt indhold i a.json, b.json; ingen
    /// af versionerne er taget med."
    pub fn message(&self, lang: Lang) -> String {
        let sources = self
            .sources
            .iter()
            .map(|s| clip_start(s))
            .collect::<Vec<_>>()
            .join(", ");
        let id = self.response_id;
        tr!(lang,
            da: format!("Id'et {id} findes med forskelligt indhold i {sources}; ingen af versionerne er taget med."),
            en: format!("The id {id} occurs with different content in {sources}; none of the versions is included."),
        )
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// A digest of an export's content (its definitions and records, in
/// order), to tell the same export read twice from two exports under one
/// export id. Not stable across releases: compare digests of one run.
pub fn digest(doc: &ExportDocument) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let json = serde_json::to_vec(&(&doc.instruments, &doc.records)).unwrap_or_default();
    json.hash(&mut h);
    h.finish()
}

/// The export ids of the files read so far, to refuse a file whose id is an
/// earlier file's and whose content is not.
#[derive(Clone, Debug, Default)]
pub struct ExportIds(HashMap<Uuid, (String, u64)>);

impl ExportIds {
    /// Notes the export `export_id` read from `name` with content `digest`,
    /// or says which file had that id with other content.
    pub fn check(&mut self, name: &str, export_id: Uuid, digest: u64) -> Result<(), ImportError> {
        match self.0.get(&export_id) {
            Some((other, d)) if *d != digest => Err(ImportError::SameExportId {
                export_id,
                other: clip_start(other),
            }),
            Some(_) => Ok(()),
            None => {
                self.0.insert(export_id, (name.to_string(), digest));
                Ok(())
            }
        }
    }
}

/// The merged set.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The records that count, in [`record_order`].
    pub records: Vec<ExportRecord>,
    /// Records dropped because another merged record supersedes them.
    pub superseded: usize,
    /// Records dropped because an identical one was already added.
    pub duplicates: usize,
    /// Ids seen with different content, sorted by id; none of their
    /// versions is in `records`.
    pub conflicts: Vec<Conflict>,
    /// Corrections that go round in a ring (A corrects B, B corrects A):
    /// none of their records is in `records`, and the evaluator is told.
    pub cycles: Vec<Cycle>,
}

/// Records that correct one another in a ring, so none of them is the
/// last of its chain: each id, then the id it corrects, round to the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    /// From the smallest id, each followed by the one it supersedes.
    pub ids: Vec<Uuid>,
}

impl Cycle {
    /// E.g. "Rettelserne går i ring: a retter b, som retter a; ingen af dem
    /// er taget med."
    pub fn message(&self, lang: Lang) -> String {
        let mut ring: Vec<String> = self.ids.iter().map(Uuid::to_string).collect();
        ring.extend(self.ids.first().map(Uuid::to_string));
        tr!(lang,
            da: format!("Rettelserne går i ring ({}); ingen af dem er taget med.", ring.join(" retter ")),
            en: format!("The corrections go round in a ring ({}); none of them is included.", ring.join(" corrects ")),
        )
    }
}

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The rings among corrections: `links` maps each record's id to the id it
/// supersedes (records correcting nothing, or themselves, left out). Each
/// ring once, from its smallest id; sorted.
pub fn cycles(links: &HashMap<Uuid, Uuid>) -> Vec<Cycle> {
    // 1: on the path being followed; 2: done.
    let mut state: HashMap<Uuid, u8> = HashMap::with_capacity(links.len());
    let mut starts: Vec<&Uuid> = links.keys().collect();
    starts.sort();
    let mut out = Vec::new();
    for &start in starts {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(id) = at.filter(|id| !state.contains_key(id)) {
            state.insert(id, 1);
            path.push(id);
            at = links.get(&id).copied();
        }
        if let Some(at) = at.filter(|id| state.get(id) == Some(&1)) {
            if let Some(from) = path.iter().position(|id| *id == at) {
                let mut ring = path[from..].to_vec();
                let min = ring
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, id)| **id)
                    .map_or(0, |(i, _)| i);
                ring.rotate_left(min);
                out.push(Cycle { ids: ring });
            }
        }
        for id in path {
            state.insert(id, 2);
        }
    }
    out.sort_by(|a, b| a.ids.cmp(&b.ids));
    out
}

impl Merger {
    pub fn new() -> Merger {
        Merger::default()
    }

    /// Adds every record of a checked document (see `import::parse_document`)
    /// read from `source` (e.g. the file name).
    pub fn add_document(&mut self, source: &str, doc: ExportDocument) {
        for record in doc.records {
            self.add_record(source, record);
        }
    }

    /// Adds one checked record read from `source`. A record identical to the
    /// first one seen with its id is a duplicate; any other content under
    /// that id makes the id a conflict.
    pub fn add_record(&mut self, source: &str, record: ExportRecord) {
        let source = self.source(source);
        match self.entries.get_mut(&record.response_id) {
            Some(entry) => {
                if entry.record == record {
                    self.duplicates += 1;
                } else {
                    entry.conflict = true;
                }
                entry.sources.insert(source);
            }
            None => {
                self.entries.insert(
                    record.response_id,
                    Entry {
                        record,
                        sources: BTreeSet::from([source]),
                        conflict: false,
                    },
                );
            }
        }
    }

    fn source(&mut self, name: &str) -> usize {
        if let Some(&i) = self.source_index.get(name) {
            return i;
        }
        self.sources.push(name.to_string());
        self.source_index
            .insert(name.to_string(), self.sources.len() - 1);
        self.sources.len() - 1
    }

    /// The merged set: conflicting ids left out, superseded records
    /// dropped, the rest sorted.
    pub fn finish(self) -> Merged {
        let Merger {
            sources,
            entries,
            duplicates,
            ..
        } = self;
        let mut conflicts = Vec::new();
        let mut kept = Vec::with_capacity(entries.len());
        for (id, entry) in entries {
            if entry.conflict {
                conflicts.push(Conflict {
                    response_id: id,
                    sources: entry.sources.iter().map(|&s| sources[s].clone()).collect(),
                });
            } else {
                kept.push(entry.record);
            }
        }
        let superseded = superseded_ids(&kept);
        let links = kept
            .iter()
            .filter_map(|r| Some((r.response_id, r.supersedes?)))
            .filter(|(id, old)| id != old)
            .collect();
        let cycles = cycles(&links);
        let before = kept.len();
        kept.retain(|r| !superseded.contains(&r.response_id));
        kept.sort_by(record_order);
        Merged {
            superseded: before - kept.len(),
            records: kept,
            duplicates,
            conflicts,
            cycles,
        }
    }
}

/// The ids that some record in `records` supersedes (a record naming itself
/// does not count).
fn superseded_ids(records: &[ExportRecord]) -> HashSet<Uuid> {
    records
        .iter()
        .filter_map(|r| r.supersedes.filter(|old| *old != r.response_id))
        .collect()
}

/// The records that count, by the rules of [`Merger::finish`] for records
/// already free of conflicts: a record another one supersedes is dropped, an
/// id seen twice is kept once (the first), and the rest is in
/// [`record_order`].
pub fn current(records: &[ExportRecord]) -> Vec<&ExportRecord> {
    let superseded = superseded_ids(records);
    let mut seen = HashSet::new();
    let mut current: Vec<&ExportRecord> = records
        .iter()
        .filter(|r| !superseded.contains(&r.response_id) && seen.insert(r.response_id))
        .collect();
    current.sort_by(|a, b| record_order(a, b));
    current
}

/// The order of merged records: by participant, week, measurement point in
/// course order, then response id.
pub fn record_order(a: &ExportRecord, b: &ExportRecord) -> Ordering {
    (&a.participant, a.week, a.point.order_key(), &a.response_id).cmp(&(
        &b.participant,
        b.week,
        b.point.order_key(),
        &b.response_id,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::IsoWeek;
    use crate::participant::{AgeBand, CourseType, Gender, MeasurementPoint, Site};
    use crate::testing::{exported, ladder_answer};
    use crate::uuid::Uuid;

    fn id(n: u8) -> Uuid {
        Uuid::from_random([n; 16])
    }

    fn rec(n: u8, code: &str, week: u8, ladder: u32, supersedes: Option<u8>) -> ExportRecord {
        let answers = BTreeMap::from([("cantril".to_string(), ladder_answer(ladder as i32))]);
        let mut r = exported(id(n), code, answers);
        r.gender = Gender::Boy;
        r.age_band = AgeBand::Age18To20;
        r.site = Site::parse("Ung i Odense").unwrap();
        r.course = CourseType::Group;
        r.point = MeasurementPoint::Intake;
        r.week = IsoWeek::new(2026, week).unwrap();
        r.supersedes = supersedes.map(id);
        r
    }

    fn ids(records: &[ExportRecord]) -> Vec<Uuid> {
        records.iter().map(|r| r.response_id).collect()
    }

    #[test]
    fn corrections_in_a_ring_are_reported_and_none_counts() {
        let mut m = Merger::new();
        m.add_record("a.json", rec(1, "AAAAAA", 3, 5, Some(2)));
        m.add_record("b.json", rec(2, "AAAAAA", 3, 6, Some(1)));
        m.add_record("b.json", rec(3, "BBBBBB", 3, 6, Some(4)));
        m.add_record("b.json", rec(4, "BBBBBB", 3, 6, Some(5)));
        m.add_record("b.json", rec(5, "BBBBBB", 3, 6, Some(3)));
        m.add_record("b.json", rec(6, "CCCCCC", 3, 6, Some(7)));
        let merged = m.finish();
        assert_eq!(ids(&merged.records), [id(6)]);
        let rings: Vec<Vec<Uuid>> = merged.cycles.iter().map(|c| c.ids.clone()).collect();
        assert_eq!(rings, [vec![id(1), id(2)], vec![id(3), id(4), id(5)]]);
        assert_eq!(
            merged.cycles[0].message(Lang::Da),
            format!(
                "Rettelserne går i ring ({} retter {} retter {}); ingen af dem er taget med.",
                id(1),
                id(2),
                id(1)
            )
        );
    }

    #[test]
    fn duplicates_count_once_and_the_result_is_sorted() {
        let mut m = Merger::new();
        m.add_record("b.json", rec(2, "BBBBBB", 3, 5, None));
        m.add_record("a.json", rec(1, "AAAAAA", 9, 5, None));
        m.add_record("a.json", rec(3, "AAAAAA", 2, 5, None));
        m.add_record("c.json", rec(2, "BBBBBB", 3, 5, None));
        m.add_record("b.json", rec(2, "BBBBBB", 3, 5, None));
        let merged = m.finish();
        assert_eq!(merged.duplicates, 2);
        assert_eq!(merged.superseded, 0);
        assert!(merged.conflicts.is_empty());
        assert_eq!(ids(&merged.records), [id(3), id(1), id(2)]);
    }

    #[test]
    fn a_conflict_is_reported_and_every_version_left_out() {
        let mut m = Merger::new();
        m.add_record("a.json", rec(1, "AAAAAA", 3, 5, None));
        m.add_record("b.json", rec(1, "AAAAAA", 3, 6, None));
        m.add_record("c.json", rec(1, "AAAAAA", 3, 5, None));
        m.add_record("c.json", rec(2, "AAAAAA", 4, 5, None));
        let merged = m.finish();
        assert_eq!(ids(&merged.records), [id(2)]);
        assert_eq!(
            merged.conflicts,
            [Conflict {
                response_id: id(1),
                sources: vec!["a.json".into(), "b.json".into(), "c.json".into()],
            }]
        );
        let text = merged.conflicts[0].message(Lang::Da);
        assert!(text.contains("a.json, b.json, c.json"), "{text}");
        assert!(text.contains("ingen af versionerne"), "{text}");
    }

    #[test]
    fn corrections_win_along_chains_and_across_files() {
        let mut m = Merger::new();
        m.add_record("a.json", rec(1, "AAAAAA", 3, 5, None));
        m.add_record("b.json", rec(2, "AAAAAA", 3, 6, Some(1)));
        m.add_record("c.json", rec(3, "AAAAAA", 3, 7, Some(2)));
        m.add_record("c.json", rec(4, "BBBBBB", 3, 7, Some(99)));
        let merged = m.finish();
        assert_eq!(ids(&merged.records), [id(3), id(4)]);
        assert_eq!(merged.superseded, 2);
    }

    #[test]
    fn a_conflicting_correction_does_not_supersede() {
        let mut m = Merger::new();
        m.add_record("a.json", rec(1, "AAAAAA", 3, 5, None));
        m.add_record("a.json", rec(2, "AAAAAA", 3, 6, Some(1)));
        m.add_record("b.json", rec(2, "AAAAAA", 3, 7, Some(1)));
        let merged = m.finish();
        assert_eq!(ids(&merged.records), [id(1)]);
        assert_eq!(merged.superseded, 0);
        assert_eq!(merged.conflicts.len(), 1);
    }

    #[test]
    fn current_agrees_with_finish() {
        let records = vec![
            rec(5, "BBBBBB", 1, 5, None),
            rec(1, "AAAAAA", 3, 5, None),
            rec(2, "AAAAAA", 3, 6, Some(1)),
            rec(2, "AAAAAA", 3, 6, Some(1)),
            rec(6, "AAAAAA", 1, 6, Some(6)),
        ];
        let mut m = Merger::new();
        for r in records.clone() {
            m.add_record("x.json", r);
        }
        let merged = m.finish();
        let current: Vec<ExportRecord> = current(&records).into_iter().cloned().collect();
        assert_eq!(current, merged.records);
        assert_eq!(ids(&current), [id(6), id(2), id(5)]);
    }
}
