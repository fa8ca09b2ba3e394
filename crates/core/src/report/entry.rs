//! What the report needs of one current record ([`Entry`]), and the order
//! records are compared in ([`Key`]): point in course order, week, then the
//! response id, so the result never depends on the order records arrive in.

use crate::date::IsoWeek;
use crate::export::ExportRecord;
use crate::instrument::InstrumentRef;
use crate::participant::{CourseType, Gender, MeasurementPoint, ParticipantCode, Site};

/// What the report needs of one current record: the exported record reduced
/// to a few small fields, so a streaming reader can keep candidates without
/// their bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub response_id: &'a str,
    pub participant: &'a ParticipantCode,
    pub gender: Gender,
    pub site: &'a Site,
    pub course: CourseType,
    pub point: MeasurementPoint,
    pub week: IsoWeek,
    /// The instruments the record asked.
    pub asked: Vec<&'a InstrumentRef>,
    /// Every score the record has: instrument, score id, value.
    pub values: Vec<(&'a InstrumentRef, &'a str, u32)>,
}

impl<'a> Entry<'a> {
    /// The entry of an exported record: its scores as stored (an import has
    /// recomputed and checked them).
    pub fn of(r: &'a ExportRecord) -> Entry<'a> {
        let values = r
            .instruments
            .iter()
            .filter_map(|i| Some((i, r.scores.get(&i.id)?)))
            .flat_map(|(i, scores)| scores.iter().map(move |(s, v)| (i, s.as_str(), *v)))
            .collect();
        Entry {
            response_id: &r.response_id,
            participant: &r.participant,
            gender: r.gender,
            site: &r.site,
            course: r.course,
            point: r.point,
            week: r.week,
            asked: r.instruments.iter().collect(),
            values,
        }
    }

    pub(crate) fn key(&self) -> Key {
        let (a, b) = self.point.order_key();
        (a, b, self.week, tie(self.response_id))
    }
}

/// The order records are compared in: point in course order, week, then
/// the response id (as [`tie`] makes it a number).
pub(crate) type Key = (u8, u16, IsoWeek, Tie);

/// A response id as a number for breaking ties, without keeping the string:
/// a lower-case hyphenated UUID (what a checked export holds) is
/// `(false, its 128-bit value)`, which orders exactly like its text; any
/// other id is `(true, a fixed FNV-1a hash)`, after every UUID.
type Tie = (bool, u64, u64);

pub(crate) fn tie(id: &str) -> Tie {
    let b = id.as_bytes();
    let uuid = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        });
    let n = if uuid {
        b.iter().filter(|c| **c != b'-').fold(0u128, |n, c| {
            n << 4 | u128::from((*c as char).to_digit(16).unwrap_or(0))
        })
    } else {
        b.iter()
            .fold(0x6c62_272e_07bb_0142_62b8_2175_6295_c58d_u128, |n, c| {
                (n ^ u128::from(*c)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b)
            })
    };
    (!uuid, (n >> 64) as u64, n as u64)
}
