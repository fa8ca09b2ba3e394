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
//! Files are all or nothing: records are added as they are read, and
//! [`Candidates::rollback`] takes back everything a file added when the file
//! turns out bad halfway through.

use std::collections::hash_map::{DefaultHasher, Entry as MapEntry};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io;

use trivsel_core::export::ExportRecord;
use trivsel_core::record::{CANTRIL, WHO5};
use trivsel_core::report::Entry;
use trivsel_core::{Gender, IsoWeek, MeasurementPoint, ParticipantCode, Uuid};

use crate::stream::FileError;

/// Feeds bytes written to it into a hasher, so a record is hashed as it is
/// serialised, without building the JSON string.
struct HashWriter<'h>(&'h mut DefaultHasher);

impl io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A hash of a record's whole content (its serialised form: struct fields
/// in declaration order, maps sorted), to tell a duplicate from a conflict.
pub fn content_hash(r: &ExportRecord) -> u64 {
    let mut h = DefaultHasher::new();
    let _ = serde_json::to_writer(HashWriter(&mut h), r);
    h.finish()
}

/// What is kept of one record (64 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Summary {
    id: Uuid,
    /// Set by [`Candidates::resolve`]: kept, not in conflict, not superseded.
    current: bool,
    supersedes: Option<Uuid>,
    participant: u32,
    week: IsoWeek,
    point: MeasurementPoint,
    gender: Gender,
    who5: Option<u8>,
    ladder: Option<u8>,
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
    /// Conflicting ids, sorted, each with its source numbers.
    pub conflicts: Vec<(Uuid, Vec<u32>)>,
}

impl Candidates {
    /// Room for about `records` records, so a large input does not grow the
    /// tables by doubling (and briefly hold both copies).
    pub fn with_capacity(records: usize) -> Candidates {
        Candidates {
            slots: HashMap::with_capacity(records),
            records: Vec::with_capacity(records),
            ..Candidates::default()
        }
    }

    /// Starts reading file number `source`.
    pub fn begin(&mut self, source: u32) -> Mark {
        self.source = source;
        self.seen_in_file.clear();
        Mark {
            records: self.records.len(),
            participants: self.participants.len(),
            duplicates: self.duplicates,
            repeats: self.repeats.len(),
            conflict_log: self.conflict_log.len(),
        }
    }

    /// Adds a checked record of the current file.
    pub fn add(&mut self, r: &ExportRecord) -> Result<(), FileError> {
        let id = r.response_id;
        let hash = content_hash(r);
        match self.slots.entry(id) {
            MapEntry::Occupied(slot) => {
                let first = *slot.get();
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
            MapEntry::Vacant(slot) => {
                let next = self.participants.len() as u32;
                let participant = match self.codes.get(&r.participant) {
                    Some(&p) => p,
                    None => {
                        self.codes.insert(r.participant.clone(), next);
                        self.participants.push(r.participant.clone());
                        next
                    }
                };
                slot.insert(Slot {
                    index: self.records.len() as u32,
                    source: self.source,
                    hash,
                });
                let small = |x: Option<u32>| x.and_then(|v| u8::try_from(v).ok());
                self.records.push(Summary {
                    id,
                    current: false,
                    supersedes: r.supersedes,
                    participant,
                    week: r.week,
                    point: r.point,
                    gender: r.gender,
                    who5: small(r.scores.get(WHO5).and_then(|s| s.percentage)),
                    ladder: small(r.scores.get(CANTRIL).map(|s| s.raw)),
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
            .filter(|s| !self.conflicts.contains(&s.id))
            .filter_map(|s| s.supersedes)
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
        Outcome {
            current,
            superseded,
            duplicates: self.duplicates,
            conflicts: self.conflict_sources(),
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
            f(Entry {
                response_id: s.id,
                participant: &self.participants[s.participant as usize],
                gender: s.gender,
                point: s.point,
                week: s.week,
                who5: s.who5.map(u32::from),
                ladder: s.ladder.map(u32::from),
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

    use trivsel_core::export::{ExportDocument, ExportScore};
    use trivsel_core::import::{parse_document, Limits};
    use trivsel_core::merge::Merger;
    use trivsel_core::report::ReportBuilder;
    use trivsel_core::{builtin, score, ReportParams};

    use crate::generate::{self, Spec};
    use crate::inputs::{Input, Kind};
    use crate::stream;

    /// Merges `files` both ways, the streaming summary and core's `Merger`
    /// over `parse_document`, and asserts the same outcome and report.
    fn assert_same_as_merger(files: &[PathBuf]) {
        let mut c = Candidates::default();
        let mut merger = Merger::new();
        for (n, path) in files.iter().enumerate() {
            let input = Input {
                path: path.clone(),
                kind: Kind::Document,
                len: std::fs::metadata(path).unwrap().len(),
            };
            let mark = c.begin(n as u32);
            let streamed = stream::read(&input, |f| f, |r| c.add(&r));
            let bytes = std::fs::read(path).unwrap();
            match parse_document(&bytes, &Limits::default()) {
                Ok(doc) => {
                    streamed.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
        assert_eq!(streamed.finish(), direct.finish());
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
        generate::write_document(spec, &mut bytes).unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    fn with_ladder(mut r: ExportRecord, ladder: i32) -> ExportRecord {
        let answers = trivsel_core::Answers::from([("ladder".to_string(), ladder)]);
        let s = score(&builtin().cantril, &answers).unwrap();
        r.answers.insert(CANTRIL.into(), answers);
        r.scores.insert(CANTRIL.into(), ExportScore::from(&s));
        r
    }

    #[test]
    fn the_same_outcome_as_merger_with_duplicates_corrections_and_conflicts() {
        let dir = scratch("merger");
        let a = generated(Spec {
            responses: 300,
            participants: 80,
            seed: 1,
        });
        let b = generated(Spec {
            responses: 120,
            participants: 30,
            seed: 2,
        });
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
            (a.records[40].scores[CANTRIL].raw as i32 + 1) % 11,
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
        assert_same_as_merger(&files);
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
        assert_same_as_merger(&files);
        // Every order of the files gives the same report.
        let mut reversed = files.clone();
        reversed.reverse();
        assert_same_as_merger(&reversed);
    }

    #[test]
    fn ids_round_trip_and_sort_like_their_text() {
        let id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assert_eq!(Uuid::parse(id).unwrap().to_string(), id);
        assert!(Uuid::parse("x").is_err());
        let a = Uuid::parse("00000000-0000-4000-8000-000000000001").unwrap();
        let b = Uuid::parse("00000000-0000-4000-8000-00000000000a").unwrap();
        let c = Uuid::parse("00000001-0000-4000-8000-000000000000").unwrap();
        assert!(a < b && b < c);
        assert!(a.to_string() < b.to_string() && b.to_string() < c.to_string());
        assert_eq!(std::mem::size_of::<Summary>(), 64);
    }
}
