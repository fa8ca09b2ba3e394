//! Synthetic, valid exports for benchmarks and tests: any number of responses
//! from any number of participants to the instruments of any battery, the
//! same bytes for the same seed.
//!
//! The numbers are invented, never anyone's answers. A small xorshift
//! generator is enough (no `rand` crate): the point is realistic shape
//! (courses that start with an intake and tend to improve, all four genders,
//! now and then an item declined where the instrument allows it) and exact
//! reproducibility. Answers come from the definitions alone: each
//! participant has a level that drifts over the course, and each item's
//! answer is the value at that level of its accepted values, turned round
//! where lower is better. Records are written one at a time, so a million
//! responses need no more memory than ten.

use std::collections::BTreeMap;
use std::io::{self, Write};

use trivsel_core::export::{coarsen, ExportRecord};
use trivsel_core::{
    score, AgeBand, Answers, Battery, Catalogue, CourseType, Date, Declined, Gender, Instrument,
    MeasurementPoint, ParticipantCode, Site, Uuid,
};

use crate::write::{ndjson_line, DocumentWriter};

/// xorshift64* (Vigna 2016): small, fast and good enough for test data.
pub struct XorShift(u64);

impl XorShift {
    /// A generator from `seed`; every seed (0 too) gives a usable stream.
    pub fn new(seed: u64) -> XorShift {
        // SplitMix64 once, so nearby seeds start far apart and 0 is not stuck.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        XorShift((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn bytes16(&mut self) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        b[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        b
    }
}

/// What to generate: how many responses from how many participants, with
/// which seed, to which battery's instruments (their definitions from
/// `catalogue`).
#[derive(Clone, Copy, Debug)]
pub struct Spec<'c> {
    pub responses: u64,
    pub participants: u64,
    pub seed: u64,
    pub catalogue: &'c Catalogue,
    pub battery: &'c Battery,
}

#[cfg(test)]
impl Spec<'static> {
    /// The shipped default battery, from the shipped catalogue.
    pub fn shipped(responses: u64, participants: u64, seed: u64) -> Spec<'static> {
        let catalogue = Catalogue::shipped();
        Spec {
            responses,
            participants,
            seed,
            catalogue,
            battery: catalogue.default_battery(),
        }
    }
}

impl<'c> Spec<'c> {
    /// The definitions of every instrument the battery asks, in catalogue
    /// order: what a generated document carries.
    pub fn definitions(&self) -> Vec<&'c Instrument> {
        let asked = self.battery.all_instruments();
        self.catalogue
            .instruments()
            .iter()
            .filter(|i| asked.iter().any(|r| r.id == i.id && r.version == i.version))
            .collect()
    }
}

const SITES: [&str; 4] = [
    "UngRåd Aarhus",
    "Ung i Vejle",
    "Headspace Ishøj",
    "SSP Nord",
];

/// Participant `p`'s code: distinct for every `p` below 2^30 for one seed
/// (xor with a constant and an odd multiplier are bijections on 30 bits), and
/// different seeds give different participants.
fn code(p: u64, seed: u64) -> ParticipantCode {
    let salt = (seed ^ (seed >> 32)) as u32;
    let mixed =
        ((p as u32) ^ salt.wrapping_mul(0x2545_F491)).wrapping_mul(0x9E37_79B1) & 0x3FFF_FFFF;
    ParticipantCode::from_random(mixed.to_be_bytes())
}

/// A participant's fixed facts.
struct Person {
    code: ParticipantCode,
    gender: Gender,
    age_band: AgeBand,
    site: Site,
    course: CourseType,
    /// The level at intake and its change per measurement, in thousandths
    /// of each item's range (0 the worst answer, 1000 the best).
    start: i64,
    gain: i64,
    day: i64,
}

fn person(p: u64, seed: u64) -> Person {
    let mut rng = XorShift::new(seed ^ p.wrapping_mul(0xA24B_AED4_963E_E407));
    let gender = match rng.below(100) {
        0..=51 => Gender::Girl,
        52..=93 => Gender::Boy,
        94..=96 => Gender::Other,
        _ => Gender::NotStated,
    };
    Person {
        code: code(p, seed),
        gender,
        age_band: AgeBand::ALL[rng.below(4) as usize],
        site: Site::parse(SITES[rng.below(SITES.len() as u64) as usize]).expect("valid site"),
        course: [CourseType::Counselling, CourseType::Group][rng.below(2) as usize],
        start: 200 + rng.below(400) as i64,
        gain: rng.below(160) as i64 - 40,
        day: rng.below(180) as i64,
    }
}

/// One in how many declinable items is declined.
const DECLINE_ONE_IN: u64 = 50;

/// Answers to `instrument` at `level` (0–1000, higher is better), each item
/// with its own noise; a declinable item is now and then declined.
fn answers(instrument: &Instrument, level: i64, rng: &mut XorShift) -> (Answers, Declined) {
    let higher_is_better = instrument
        .tracked()
        .next()
        .or(instrument.scores.first())
        .is_none_or(|s| s.higher_is_better);
    let (mut answers, mut declined) = (Answers::new(), Declined::new());
    for item in &instrument.items {
        let noise = rng.below(201) as i64 - 100;
        let decline = instrument.declinable(item) && rng.below(DECLINE_ONE_IN) == 0;
        if decline {
            declined.insert(item.id.clone());
            continue;
        }
        let mut values = instrument.response_of(item).values();
        values.sort_unstable();
        values.dedup();
        let Some(top) = values.len().checked_sub(1) else {
            continue;
        };
        let at = (level + noise).clamp(0, 1000);
        let at = if higher_is_better { at } else { 1000 - at };
        let index = ((at as usize) * top + 500) / 1000;
        answers.insert(item.id.clone(), i32::from(values[index]));
    }
    (answers, declined)
}

/// The `k`-th response (0 = intake) of a participant with `total` responses.
fn record(
    spec: &Spec<'_>,
    person: &Person,
    k: u64,
    total: u64,
    rng: &mut XorShift,
) -> io::Result<ExportRecord> {
    let point = if k == 0 {
        MeasurementPoint::Intake
    } else if k + 1 == total {
        MeasurementPoint::End
    } else {
        MeasurementPoint::During {
            session: k.min(u64::from(u16::MAX)) as u16,
        }
    };
    let base = Date::new(2026, 1, 5).expect("a date");
    let date = base
        .add_days(person.day + 14 * k.min(400) as i64)
        .unwrap_or(base);
    let level = person.start + person.gain * k.min(6) as i64;
    let asked = spec.battery.instruments_at(point);
    let mut r = ExportRecord {
        response_id: Uuid::from_random(rng.bytes16()),
        participant: person.code.clone(),
        gender: person.gender,
        age_band: person.age_band,
        site: person.site.clone(),
        course: person.course,
        point,
        week: coarsen(date),
        instruments: asked.to_vec(),
        answers: BTreeMap::new(),
        declined: BTreeMap::new(),
        scores: BTreeMap::new(),
        flagged: BTreeMap::new(),
        supersedes: None,
    };
    for i in asked {
        let instrument = spec.catalogue.instrument(i).ok_or_else(|| {
            io::Error::other(format!(
                "the battery asks {} version {}, which the catalogue lacks",
                i.id, i.version
            ))
        })?;
        let (given, declined) = answers(instrument, level, rng);
        let scores =
            score(instrument, &given, &declined).map_err(|e| io::Error::other(e.to_string()))?;
        r.set_scores(&instrument.id, &scores);
        if !given.is_empty() {
            r.answers.insert(instrument.id.clone(), given);
        }
        if !declined.is_empty() {
            r.declined.insert(instrument.id.clone(), declined);
        }
    }
    Ok(r)
}

/// Calls `f` with every generated record, participant by participant.
/// Responses are shared out evenly; with at least as many responses as
/// participants each course starts with an intake, and a course of two or
/// more ends with an `end` measurement.
pub fn each_record(
    spec: &Spec<'_>,
    mut f: impl FnMut(&ExportRecord) -> io::Result<()>,
) -> io::Result<()> {
    let participants = spec.participants.max(1);
    let mut rng = XorShift::new(spec.seed);
    for p in 0..participants {
        let total = spec.responses / participants + u64::from(p < spec.responses % participants);
        if total == 0 {
            continue;
        }
        let who = person(p, spec.seed);
        for k in 0..total {
            f(&record(spec, &who, k, total, &mut rng)?)?;
        }
    }
    Ok(())
}

/// Writes an export document, record by record.
pub fn write_document(spec: &Spec<'_>, out: &mut impl Write) -> io::Result<()> {
    let mut rng = XorShift::new(spec.seed ^ 0x5EED);
    let created = Date::new(2026, 12, 31).expect("a date");
    let mut doc = DocumentWriter::begin(
        &mut *out,
        Uuid::from_random(rng.bytes16()),
        created,
        &spec.definitions(),
    )?;
    each_record(spec, |r| doc.record(r))?;
    doc.finish()?;
    Ok(())
}

/// Writes one record per line.
pub fn write_ndjson(spec: &Spec<'_>, out: &mut impl Write) -> io::Result<()> {
    each_record(spec, |r| ndjson_line(out, r))?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use trivsel_core::import::{parse_document, parse_ndjson_line, Limits};
    use trivsel_core::parse_programme;

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_the_document_parses() {
        let spec = Spec::shipped(25, 7, 42);
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        write_document(&spec, &mut a).unwrap();
        write_document(&spec, &mut b).unwrap();
        write_document(&Spec { seed: 43, ..spec }, &mut c).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let doc = parse_document(&a, &Limits::default(), Catalogue::shipped()).unwrap();
        assert_eq!(doc.records.len(), 25);
        let intakes = doc
            .records
            .iter()
            .filter(|r| r.point == MeasurementPoint::Intake)
            .count();
        assert_eq!(intakes, 7);
        let mut ids: Vec<_> = doc.records.iter().map(|r| &r.response_id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 25);
        let mut nd = Vec::new();
        write_ndjson(&spec, &mut nd).unwrap();
        let lines: Vec<ExportRecord> = String::from_utf8(nd)
            .unwrap()
            .lines()
            .map(|l| parse_ndjson_line(l, Catalogue::shipped()).unwrap())
            .collect();
        assert_eq!(lines, doc.records);
    }

    /// Any battery: the shipped substance battery (its days and declinable
    /// items) and a programme's own, each asked as the battery says.
    #[test]
    fn every_battery_generates_valid_records() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let bytes = std::fs::read(fixtures.join("programme/worry.json")).unwrap();
        let programme = parse_programme(&bytes, Catalogue::shipped()).unwrap();
        let catalogue = Catalogue::with_programmes([&programme]);
        for battery in catalogue.current_batteries() {
            let spec = Spec {
                responses: 400,
                participants: 100,
                seed: 5,
                catalogue: &catalogue,
                battery,
            };
            let mut bytes = Vec::new();
            write_document(&spec, &mut bytes).unwrap();
            let doc = parse_document(&bytes, &Limits::default(), Catalogue::shipped())
                .unwrap_or_else(|e| panic!("{}: {e}", battery.id));
            assert_eq!(doc.records.len(), 400, "{}", battery.id);
            for r in &doc.records {
                assert_eq!(r.instruments, battery.instruments_at(r.point));
            }
            let declinable = spec
                .definitions()
                .iter()
                .any(|i| i.items.iter().any(|it| i.declinable(it)));
            let declined = doc.records.iter().any(|r| !r.declined.is_empty());
            assert_eq!(declined, declinable, "{}", battery.id);
        }
    }

    #[test]
    fn codes_are_distinct() {
        let mut codes: Vec<_> = (0..20_000).map(|p| code(p, 9)).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 20_000);
    }
}
