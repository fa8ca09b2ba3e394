//! Synthetic, valid exports for benchmarks and tests: any number of responses
//! from any number of participants, the same bytes for the same seed.
//!
//! The numbers are invented, never anyone's answers. A small xorshift
//! generator is enough (no `rand` crate): the point is realistic shape
//! (courses that start with an intake, WHO-5 that tends to improve, all four
//! genders) and exact reproducibility. Records are written one at a time, so
//! a million responses need no more memory than ten.

use std::io::{self, Write};

use trivsel_core::export::{coarsen, ExportRecord, ExportScore, FORMAT, VERSION};
use trivsel_core::{
    builtin, score, AgeBand, Answers, CourseType, Date, Gender, InstrumentRef, MeasurementPoint,
    ParticipantCode, Site, Uuid,
};

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

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub responses: u64,
    pub participants: u64,
    pub seed: u64,
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
    /// Mean WHO-5 item value at intake (0–5) and gain per measurement, in tenths.
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
        start: 10 + rng.below(20) as i64,
        gain: rng.below(8) as i64 - 2,
        day: rng.below(180) as i64,
    }
}

/// The `k`-th response (0 = intake) of a participant with `total` responses.
fn record(person: &Person, k: u64, total: u64, rng: &mut XorShift) -> ExportRecord {
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
    let who5 = &builtin().who5;
    let items: Answers = who5
        .items
        .iter()
        .map(|item| {
            let noise = rng.below(21) as i64 - 10;
            let v = ((level + noise + 5) / 10).clamp(0, 5);
            (item.id.clone(), v as i32)
        })
        .collect();
    let ladder = ((level + rng.below(21) as i64 - 10) / 5 + 1).clamp(0, 10) as i32;
    let ladder_answers = Answers::from([("ladder".to_string(), ladder)]);
    let mut answers = std::collections::BTreeMap::new();
    let mut scores = std::collections::BTreeMap::new();
    for (instrument, given) in [(who5, items), (&builtin().cantril, ladder_answers)] {
        let s = score(instrument, &given).expect("generated answers are complete and valid");
        scores.insert(
            instrument.id.clone(),
            ExportScore {
                raw: s.raw,
                percentage: s.percentage,
                flagged_items: s.flagged_items,
            },
        );
        answers.insert(instrument.id.clone(), given);
    }
    ExportRecord {
        response_id: Uuid::from_random(rng.bytes16()),
        participant: person.code.clone(),
        gender: person.gender,
        age_band: person.age_band,
        site: person.site.clone(),
        course: person.course,
        point,
        week: coarsen(date),
        answers,
        scores,
        supersedes: None,
    }
}

/// Calls `f` with every generated record, participant by participant.
/// Responses are shared out evenly; with at least as many responses as
/// participants each course starts with an intake, and a course of two or
/// more ends with an `end` measurement.
pub fn each_record(
    spec: Spec,
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
            f(&record(&who, k, total, &mut rng))?;
        }
    }
    Ok(())
}

/// The instruments every generated record uses.
pub fn instruments() -> Vec<InstrumentRef> {
    builtin().refs()
}

/// Writes an export document, record by record.
pub fn write_document(spec: Spec, out: &mut impl Write) -> io::Result<()> {
    let mut rng = XorShift::new(spec.seed ^ 0x5EED);
    let header = serde_json::json!({
        "format": FORMAT,
        "version": VERSION,
        "export_id": Uuid::from_random(rng.bytes16()),
        "created": "2026-12-31",
        "instruments": instruments(),
    });
    let header = serde_json::to_string(&header)?;
    // The header object without its closing brace, then the records array.
    out.write_all(&header.as_bytes()[..header.len() - 1])?;
    out.write_all(b",\"records\":[\n")?;
    let mut first = true;
    each_record(spec, |r| {
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        serde_json::to_writer(&mut *out, r)?;
        Ok(())
    })?;
    out.write_all(b"\n]}\n")?;
    out.flush()
}

/// Writes one record per line.
pub fn write_ndjson(spec: Spec, out: &mut impl Write) -> io::Result<()> {
    each_record(spec, |r| {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")
    })?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use trivsel_core::export::ExportDocument;

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_the_document_parses() {
        let spec = Spec {
            responses: 25,
            participants: 7,
            seed: 42,
        };
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        write_document(spec, &mut a).unwrap();
        write_document(spec, &mut b).unwrap();
        write_document(Spec { seed: 43, ..spec }, &mut c).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let doc: ExportDocument = serde_json::from_slice(&a).unwrap();
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
        write_ndjson(spec, &mut nd).unwrap();
        let lines: Vec<ExportRecord> = String::from_utf8(nd)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines, doc.records);
    }

    #[test]
    fn codes_are_distinct() {
        let mut codes: Vec<_> = (0..20_000).map(|p| code(p, 9)).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 20_000);
    }
}
