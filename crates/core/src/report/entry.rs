//! What the report needs of one current record ([`Entry`]), and the order
//! records are compared in ([`Key`]): point in course order, week, then the
//! response id, so the result never depends on the order records arrive in.

use crate::date::IsoWeek;
use crate::export::ExportRecord;
use crate::instrument::InstrumentRef;
use crate::participant::{CourseType, Gender, MeasurementPoint, ParticipantCode, Site};
use crate::uuid::Uuid;

/// What the report needs of one current record: the exported record reduced
/// to a few small fields, so a streaming reader can keep candidates without
/// their bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub response_id: Uuid,
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
            response_id: r.response_id,
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
        (a, b, self.week, self.response_id)
    }
}

/// The order records are compared in: point in course order, week, then
/// the response id (a [`Uuid`] orders as its text does).
pub(crate) type Key = (u8, u16, IsoWeek, Uuid);
