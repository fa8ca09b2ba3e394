//! The merge, kept small: every response id seen, with a hash of its content
//! and the few fields the report needs, never the record itself.
//!
//! `core::merge::Merger` holds whole records, which is right for the browser
//! and wrong for a 1 GB input. This is the same merge, by the same rules,
//! over a summary of each record: the first record with an id is kept, a
//! later one from another file with the same content is a duplicate, one
//! with other content makes the id a conflict (every version left out, every
//! file it was seen in named), and a record that another kept record
//! supersedes is dropped. Within one file, an exact repeat is kept once
//! without counting, and the same id with other content rejects the file, as
//! `import::parse_document` does. A test proves the result equals `Merger`'s
//! on the v1 fixtures.
//!
//! A record's scores are kept as numbers only: which instruments it asked and
//! which scores it has (its *shape*) is interned once for every record of the
//! same shape, so a record costs its summary and 4 bytes per score value.
//!
//! Files are all or nothing: records are added as they are read, and
//! [`Candidates::rollback`] takes back everything a file added when the file
//! turns out bad halfway through.

use std::collections::hash_map::{DefaultHasher, Entry as MapEntry};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use trivsel_core::export::ExportRecord;
use trivsel_core::merge::{cycles, Cycle};
use trivsel_core::report::Entry;
use trivsel_core::{
    CourseType, Gender, InstrumentRef, IsoWeek, MeasurementPoint, ParticipantCode, Site, Uuid,
};

use crate::stream::{Digest, FileError};

/// A hash of a record's whole content (its serialised form: struct fields
/// in declaration order, maps sorted), to tell a duplicate from a conflict.
pub fn content_hash(r: &ExportRecord) -> u64 {
    let mut d = Digest::default();
    d.add(r);
    d.finish()
}

/// Which instruments a record asked and which scores it has, by interned
/// number: many records share one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Shape {
    /// Indices into [`Candidates::instruments`], in the record's order.
    asked: Vec<u16>,
    /// Indices into [`Candidates::scores`], in the order the record's
    /// values are kept.
    scores: Vec<u32>,
}

/// What is kept of one record (64 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Summary {
    id: Uuid,
    /// The id this record corrects, or its own id if it corrects none (a
    /// checked record never corrects itself; an `Option` would cost 8 bytes
    /// more).
    supersedes: Uuid,
    participant: u32,
    site: u32,
    week: IsoWeek,
    point: MeasurementPoint,
    /// Index into [`Candidates::shapes`].
    shape: u32,
    /// Where the record's score values begin in [`Candidates::values`].
    values: u32,
    gender: Gender,
    course: CourseType,
    /// Set by [`Candidates::resolve`]: kept, not in conflict, not superseded.
    current: bool,
}

/// Where a kept record is, what it hashed to, and which file it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    index: u32,
    source: u32,
    hash: u64,
}

/// Where the state stood when a file began, to roll back to.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    records: usize,
    values: usize,
    participants: usize,
    duplicates: u64,
    repeats: usize,
    conflict_log: usize,
}

/// Every response seen so far, by id.
#[derive(Debug, Default)]
pub struct Candidates {
    slots: HashMap<Uuid, Slot>,
    records: Vec<Summary>,
    /// Every record's score values, one after another in shape order.
    values: Vec<u32>,
    /// Interned: instruments asked, (instrument, score id) pairs, shapes
    /// and sites. A bad file's additions may stay: they are only names.
    instruments: Vec<InstrumentRef>,
    scores: Vec<(u16, String)>,
    shapes: Vec<Shape>,
    shape_index: HashMap<Shape, u32>,
    sites: Vec<Site>,
    site_index: HashMap<Site, u32>,
    codes: HashMap<ParticipantCode, u32>,
    participants: Vec<ParticipantCode>,
    duplicates: u64,
    /// Every later sighting of a kept id in another file: the id and the
    /// file, so a conflict can name every file its id was seen in.
    repeats: Vec<(Uuid, u32)>,
    /// Ids seen with different contents.
    conflicts: HashSet<Uuid>,
    /// For rollback: the ids that became conflicts, in order.
    conflict_log: Vec<Uuid>,
    /// The file being read.
    source: u32,
    /// Ids of the file being read that were kept from an earlier file, with
    /// this file's content hash: a second sighting in the same file is an
    /// exact repeat (ignored) or a different content (the file is bad).
    seen_in_file: HashMap<Uuid, u64>,
}

/// What the merge dropped, and how much remains.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Current records: kept, not in conflict, not superseded.
    pub current: u64,
    /// How many kept records a current record supersedes.
    pub superseded: u64,
    pub duplicates: u64,
    /// Conflicting ids (as written), sorted, each with its source numbers.
    pub conflicts: Vec<(Uuid, Vec<u32>)>,
    /// Corrections in a ring (none of them current), as core's merge finds them.
    pub cycles: Vec<Cycle>,
}

/// The index of `item` in `list`, added at the end if it is not there.
fn intern<T: PartialEq>(list: &mut Vec<T>, item: &T, make: impl FnOnce() -> T) -> usize {
    match list.iter().position(|x| x == item) {
        Some(i) => i,
        None => {
            list.push(make());
            list.len() - 1
        }
    }
}

impl Candidates {
    /// Room for about `records` records, so a large input does not grow the
    /// tables by doubling (and briefly hold both copies).
    pub fn with_capacity(records: usize) -> Candidates {
        Candidates {
            slots: HashMap::with_capacity(records),
            records: Vec::with_capacity(records),
            values: Vec::with_capacity(records.saturating_mul(3)),
            ..Candidates::default()
        }
    }

    /// Starts reading file number `source`.
    pub fn begin(&mut self, source: u32) -> Mark {
        self.source = source;
        self.seen_in_file.clear();
        Mark {
            records: self.records.len(),
            values: self.values.len(),
            participants: self.participants.len(),
            duplicates: self.duplicates,
            repeats: self.repeats.len(),
            conflict_log: self.conflict_log.len(),
        }
    }

    /// The interned shape of `r` and its score values in shape order.
    fn shape(&mut self, r: &ExportRecord) -> Result<(u32, Vec<u32>), FileError> {
        let mut shape = Shape::default();
        let mut values = Vec::new();
        for i in &r.instruments {
            let at = intern(&mut self.instruments, i, || i.clone());
            let at = u16::try_from(at).map_err(|_| FileError::TooMany)?;
            shape.asked.push(at);
            for (score, value) in r.scores.get(&i.id).into_iter().flatten() {
                let slot = match self.scores.iter().position(|(j, s)| *j == at && s == score) {
                    Some(slot) => slot,
                    None => {
                        self.scores.push((at, score.clone()));
                        self.scores.len() - 1
                    }
                };
                shape
                    .scores
                    .push(u32::try_from(slot).map_err(|_| FileError::TooMany)?);
                values.push(*value);
            }
        }
        let next = u32::try_from(self.shapes.len()).map_err(|_| FileError::TooMany)?;
        let index = match self.shape_index.entry(shape) {
            MapEntry::Occupied(e) => *e.get(),
            MapEntry::Vacant(e) => {
                self.shapes.push(e.key().clone());
                e.insert(next);
                next
            }
        };
        Ok((index, values))
    }

    /// Adds a checked record of the current file.
    pub fn add(&mut self, r: &ExportRecord) -> Result<(), FileError> {
        let id = r.response_id;
        let hash = content_hash(r);
        match self.slots.get(&id).copied() {
            Some(first) => {
                if first.source == self.source {
                    // Within one file: what parse_document does.
                    return if first.hash == hash {
                        Ok(())
                    } else {
                        Err(FileError::DuplicateId { id })
                    };
                }
                match self.seen_in_file.entry(id) {
                    MapEntry::Occupied(seen) if *seen.get() == hash => return Ok(()),
                    MapEntry::Occupied(_) => return Err(FileError::DuplicateId { id }),
                    MapEntry::Vacant(seen) => {
                        seen.insert(hash);
                    }
                }
                self.repeats.push((id, self.source));
                if first.hash == hash {
                    self.duplicates += 1;
                } else if self.conflicts.insert(id) {
                    self.conflict_log.push(id);
                }
            }
            None => {
                let index = u32::try_from(self.records.len()).map_err(|_| FileError::TooMany)?;
                let (shape, values) = self.shape(r)?;
                let at = u32::try_from(self.values.len())
                    .ok()
                    .filter(|at| at.checked_add(values.len() as u32).is_some())
                    .ok_or(FileError::TooMany)?;
                let participant = match self.codes.get(&r.participant) {
                    Some(&p) => p,
                    None => {
                        let next = self.participants.len() as u32;
                        self.codes.insert(r.participant.clone(), next);
                        self.participants.push(r.participant.clone());
                        next
                    }
                };
                let site = match self.site_index.get(&r.site) {
                    Some(&s) => s,
                    None => {
                        let next = self.sites.len() as u32;
                        self.site_index.insert(r.site.clone(), next);
                        self.sites.push(r.site.clone());
                        next
                    }
                };
                self.slots.insert(
                    id,
                    Slot {
                        index,
                        source: self.source,
                        hash,
                    },
                );
                self.values.extend(values);
                self.records.push(Summary {
                    id,
                    supersedes: r.supersedes.unwrap_or(id),
                    participant,
                    site,
                    week: r.week,
                    point: r.point,
                    shape,
                    values: at,
                    gender: r.gender,
                    course: r.course,
                    current: false,
                });
            }
        }
        Ok(())
    }

    /// Takes back everything added since `mark`: the file was bad.
    pub fn rollback(&mut self, mark: Mark) {
        for s in self.records.drain(mark.records..) {
            self.slots.remove(&s.id);
        }
        self.values.truncate(mark.values);
        for code in self.participants.drain(mark.participants..) {
            self.codes.remove(&code);
        }
        self.duplicates = mark.duplicates;
        self.repeats.truncate(mark.repeats);
        for id in self.conflict_log.drain(mark.conflict_log..) {
            self.conflicts.remove(&id);
        }
    }

    /// Decides which records count, and says what was dropped: conflicting
    /// ids entirely, and every record a non-conflicting record supersedes.
    pub fn resolve(&mut self) -> Outcome {
        let superseding: HashSet<Uuid> = self
            .records
            .iter()
            .filter(|s| !self.conflicts.contains(&s.id) && s.supersedes != s.id)
            .map(|s| s.supersedes)
            .collect();
        let (mut current, mut superseded) = (0, 0);
        for s in &mut self.records {
            s.current = false;
            if self.conflicts.contains(&s.id) {
                continue;
            }
            if superseding.contains(&s.id) {
                superseded += 1;
            } else {
                s.current = true;
                current += 1;
            }
        }
        let links = self
            .records
            .iter()
            .filter(|s| !self.conflicts.contains(&s.id) && s.supersedes != s.id)
            .map(|s| (s.id, s.supersedes))
            .collect();
        Outcome {
            current,
            superseded,
            duplicates: self.duplicates,
            conflicts: self.conflict_sources(),
            cycles: cycles(&links),
        }
    }

    /// Each conflicting id (as written, sorted) with every file it was seen
    /// in, in reading order.
    fn conflict_sources(&self) -> Vec<(Uuid, Vec<u32>)> {
        let mut sources: BTreeMap<Uuid, BTreeSet<u32>> = self
            .conflicts
            .iter()
            .filter_map(|id| Some((*id, BTreeSet::from([self.slots.get(id)?.source]))))
            .collect();
        for (id, source) in &self.repeats {
            if let Some(set) = sources.get_mut(id) {
                set.insert(*source);
            }
        }
        sources
            .into_iter()
            .map(|(id, set)| (id, set.into_iter().collect()))
            .collect()
    }

    /// Whether `id` is a current record not yet taken; takes it. After
    /// [`resolve`](Self::resolve), for writing each current record once.
    pub fn take_current(&mut self, id: Uuid) -> bool {
        match self.slots.get(&id) {
            Some(slot) => {
                let s = &mut self.records[slot.index as usize];
                std::mem::replace(&mut s.current, false)
            }
            None => false,
        }
    }

    /// The instruments the current records asked (after
    /// [`resolve`](Self::resolve)), each once, sorted.
    pub fn current_instruments(&self) -> Vec<InstrumentRef> {
        let shapes: BTreeSet<u32> = self
            .records
            .iter()
            .filter(|s| s.current)
            .map(|s| s.shape)
            .collect();
        let asked: BTreeSet<&InstrumentRef> = shapes
            .iter()
            .flat_map(|s| &self.shapes[*s as usize].asked)
            .map(|i| &self.instruments[*i as usize])
            .collect();
        asked.into_iter().cloned().collect()
    }

    /// 16 bytes that depend only on the set of current ids (not on the order
    /// they were read in): the same inputs give the same merged export id.
    pub fn fingerprint(&self) -> [u8; 16] {
        let (mut a, mut b) = (0u64, 0u64);
        for s in self.records.iter().filter(|s| s.current) {
            for (salt, acc) in [(0u8, &mut a), (1u8, &mut b)] {
                let mut h = DefaultHasher::new();
                h.write_u8(salt);
                s.id.hash(&mut h);
                *acc = acc.wrapping_add(h.finish());
            }
        }
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a.to_le_bytes());
        bytes[8..].copy_from_slice(&b.to_le_bytes());
        bytes
    }

    /// Calls `f` with the report entry of every current record (after
    /// [`resolve`](Self::resolve)).
    pub fn each_current(&self, mut f: impl FnMut(Entry<'_>)) {
        for s in self.records.iter().filter(|s| s.current) {
            let shape = &self.shapes[s.shape as usize];
            let at = s.values as usize;
            let values = &self.values[at..at + shape.scores.len()];
            f(Entry {
                response_id: s.id,
                participant: &self.participants[s.participant as usize],
                gender: s.gender,
                site: &self.sites[s.site as usize],
                course: s.course,
                point: s.point,
                week: s.week,
                asked: shape
                    .asked
                    .iter()
                    .map(|i| &self.instruments[*i as usize])
                    .collect(),
                values: shape
                    .scores
                    .iter()
                    .zip(values)
                    .map(|(slot, v)| {
                        let (i, score) = &self.scores[*slot as usize];
                        (&self.instruments[*i as usize], score.as_str(), *v)
                    })
                    .collect(),
            });
        }
    }
}

/// The within-file check alone, for `validate`: a response id twice in one
/// file with different contents.
#[derive(Debug, Default)]
pub struct WithinFile(HashMap<Uuid, u64>);

impl WithinFile {
    pub fn add(&mut self, r: &ExportRecord) -> Result<(), FileError> {
        let id = r.response_id;
        let hash = content_hash(r);
        match self.0.insert(id, hash) {
            Some(old) if old != hash => Err(FileError::DuplicateId { id }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    use trivsel_core::export::{document, ExportDocument};
    use trivsel_core::import::{parse_document, Limits};
    use trivsel_core::merge::Merger;
    use trivsel_core::report::ReportBuilder;
    use trivsel_core::{parse_programme, score, Catalogue, Date, Declined, ReportParams};

    use crate::generate::{self, Spec};
    use crate::inputs::{Input, Kind};
    use crate::stream;

    const CANTRIL: &str = "cantril";

    /// Merges `files` both ways, the streaming summary and core's `Merger`
    /// over `parse_document`, each with its running catalogue (`start` and
    /// the definitions of the good files read so far), and asserts the same
    /// outcome and report.
    fn assert_same_as_merger(files: &[PathBuf], start: &Catalogue) {
        let mut c = Candidates::default();
        let mut merger = Merger::new();
        let (mut streaming, mut whole) = (start.clone(), start.clone());
        for (n, path) in files.iter().enumerate() {
            let input = Input {
                path: path.clone(),
                kind: Kind::Document,
                len: std::fs::metadata(path).unwrap().len(),
            };
            let mark = c.begin(n as u32);
            let streamed = stream::read(&input, &streaming, None, |f| f, |r| c.add(&r));
            let bytes = std::fs::read(path).unwrap();
            match parse_document(&bytes, &Limits::default(), &whole) {
                Ok(doc) => {
                    let summary = streamed.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    assert_eq!(summary.definitions, doc.instruments);
                    for def in summary.definitions {
                        streaming.add_instrument(def).unwrap();
                    }
                    for def in &doc.instruments {
                        whole.add_instrument(def.clone()).unwrap();
                    }
                    merger.add_document(&path.display().to_string(), doc);
                }
                Err(e) => {
                    assert!(
                        streamed.is_err(),
                        "{} streamed but core says {e}",
                        path.display()
                    );
                    c.rollback(mark);
                }
            }
        }
        assert_eq!(streaming, whole);
        let outcome = c.resolve();
        let merged = merger.finish();
        assert_eq!(outcome.current, merged.records.len() as u64);
        assert_eq!(outcome.superseded, merged.superseded as u64);
        assert_eq!(outcome.duplicates, merged.duplicates as u64);
        let conflicts: Vec<(Uuid, Vec<String>)> = outcome
            .conflicts
            .iter()
            .map(|(id, sources)| {
                let names = sources
                    .iter()
                    .map(|s| files[*s as usize].display().to_string())
                    .collect();
                (*id, names)
            })
            .collect();
        let expected: Vec<(Uuid, Vec<String>)> = merged
            .conflicts
            .iter()
            .map(|k| (k.response_id, k.sources.clone()))
            .collect();
        assert_eq!(conflicts, expected);
        assert_eq!(outcome.cycles, merged.cycles);
        let mut used: Vec<InstrumentRef> = merged
            .records
            .iter()
            .flat_map(|r| r.instruments.iter().cloned())
            .collect();
        used.sort();
        used.dedup();
        assert_eq!(c.current_instruments(), used);
        let mut ids: Vec<Uuid> = Vec::new();
        let mut streamed = ReportBuilder::new(ReportParams::default());
        c.each_current(|e| {
            ids.push(e.response_id);
            streamed.add_entry(e);
        });
        let mut direct = ReportBuilder::new(ReportParams::default());
        for r in &merged.records {
            direct.add(r);
        }
        ids.sort();
        let mut expected: Vec<Uuid> = merged.records.iter().map(|r| r.response_id).collect();
        expected.sort();
        assert_eq!(ids, expected);
        assert_eq!(streamed.finish(&streaming), direct.finish(&whole));
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("trivsel-cand-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn write(dir: &Path, name: &str, doc: &ExportDocument) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, serde_json::to_vec(doc).unwrap()).unwrap();
        path
    }

    fn generated(spec: Spec) -> ExportDocument {
        let mut bytes = Vec::new();
        generate::write_document(&spec, &mut bytes).unwrap();
        parse_document(&bytes, &Limits::default(), spec.catalogue).unwrap()
    }

    /// `r` with its ladder answer set to `ladder`, its scores recomputed.
    fn with_ladder(mut r: ExportRecord, ladder: i32) -> ExportRecord {
        let cantril = Catalogue::shipped().get(CANTRIL, 1).unwrap();
        let answers = cantril.answers_in_order(&[ladder]);
        let s = score(cantril, &answers, &Declined::new()).unwrap();
        r.answers.insert(CANTRIL.into(), answers);
        r.set_scores(CANTRIL, &s);
        r
    }

    #[test]
    fn the_same_outcome_as_merger_with_duplicates_corrections_and_conflicts() {
        let dir = scratch("merger");
        let a = generated(Spec::shipped(300, 80, 1));
        let b = generated(Spec::shipped(120, 30, 2));
        // c: repeats of a (one twice within the file), a correction chain,
        // a conflict with a, and a correction that is itself in conflict.
        let mut c = a.clone();
        let mut records: Vec<ExportRecord> = a.records[..20].to_vec();
        records.push(a.records[5].clone());
        let mut fix1 = with_ladder(a.records[30].clone(), 10);
        fix1.response_id = Uuid::from_random([1; 16]);
        fix1.supersedes = Some(a.records[30].response_id);
        let mut fix2 = with_ladder(fix1.clone(), 9);
        fix2.response_id = Uuid::from_random([2; 16]);
        fix2.supersedes = Some(fix1.response_id);
        records.extend([fix1.clone(), fix2]);
        records.push(with_ladder(
            a.records[40].clone(),
            (a.records[40].scores[CANTRIL]["value"] as i32 + 1) % 11,
        ));
        let mut fix3 = with_ladder(a.records[50].clone(), 0);
        fix3.response_id = Uuid::from_random([3; 16]);
        fix3.supersedes = Some(a.records[50].response_id);
        records.push(fix3.clone());
        c.records = records;
        // d: fix3 again with other content (so it is a conflict and does not
        // supersede), and a's record 40 again as in a (a third source).
        let mut d = b.clone();
        d.records = vec![with_ladder(fix3, 1), a.records[40].clone()];
        // e: bad (a record twice with different content): skipped whole.
        let mut e = b.clone();
        e.records = vec![b.records[0].clone(), with_ladder(b.records[0].clone(), 3)];
        let files = [
            write(&dir, "a.json", &a),
            write(&dir, "b.json", &b),
            write(&dir, "e.json", &e),
            write(&dir, "c.json", &c),
            write(&dir, "d.json", &d),
        ];
        assert_same_as_merger(&files, Catalogue::shipped());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The v1 fixtures, shared with the browser tests.
    #[test]
    fn the_same_outcome_as_merger_on_the_v1_fixtures() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/export");
        let files: Vec<PathBuf> = ["v1-tablet-a.json", "v1-tablet-b.json", "v1-tablet-c.json"]
            .iter()
            .map(|f| dir.join(f))
            .collect();
        for f in &files {
            assert!(f.exists(), "{} is missing", f.display());
        }
        assert_same_as_merger(&files, Catalogue::shipped());
        // Every order of the files gives the same report.
        let mut reversed = files.clone();
        reversed.reverse();
        assert_same_as_merger(&reversed, Catalogue::shipped());
    }

    /// An instrument trivsel does not ship, in a file that carries its
    /// definition, beside the shipped ones and a file whose definition of it
    /// clashes (skipped whole); and a document whose records come before its
    /// definitions, which core reads for the stream.
    #[test]
    fn the_same_outcome_as_merger_with_a_programmes_instrument() {
        let dir = scratch("worry");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let bytes = std::fs::read(fixtures.join("programme/worry.json")).unwrap();
        let programme = parse_programme(&bytes, Catalogue::shipped()).unwrap();
        let catalogue = Catalogue::with_programmes([&programme]);
        let battery = &catalogue.current_batteries()[2];
        assert_eq!(battery.id, "worry_course");
        let worry = generated(Spec {
            responses: 200,
            participants: 50,
            seed: 7,
            catalogue: &catalogue,
            battery,
        });
        assert_eq!(worry.instruments.len(), 1);
        let mut clash = worry.clone();
        clash.records.truncate(3);
        clash.instruments[0].items[0].decline = Some(true);
        let mut first = serde_json::to_value(&worry).unwrap();
        let records = first.as_object_mut().unwrap().remove("records").unwrap();
        let mut reordered = serde_json::Map::new();
        reordered.insert("records".into(), records);
        reordered.extend(first.as_object().unwrap().clone());
        let path = dir.join("records-first.json");
        std::fs::write(&path, serde_json::to_vec(&reordered).unwrap()).unwrap();
        let other = document(
            Uuid::from_random([4; 16]),
            Date::new(2026, 12, 1).unwrap(),
            generated(Spec::shipped(50, 10, 8)).records,
            Catalogue::shipped(),
        );
        let files = [
            write(&dir, "worry.json", &worry),
            write(&dir, "clash.json", &clash),
            write(&dir, "shipped.json", &other),
            path,
        ];
        assert_same_as_merger(&files, Catalogue::shipped());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_summary_is_64_bytes() {
        assert_eq!(std::mem::size_of::<Summary>(), 64);
    }
}
