//! A course over time: which records count, and how each tracked score moved
//! since intake.
//!
//! Records are immutable, so a correction is a new record that supersedes the
//! old one (`ResponseRecord::supersedes`). Everything that summarises a course
//! starts from [`current`], the records nothing supersedes, so a corrected
//! response never counts twice and the correction counts in its place.
//! Which scores are followed, and by which criteria their change is judged,
//! is the instruments' data (`track`, `change`).

use std::collections::{BTreeMap, BTreeSet};

use crate::catalogue::Catalogue;
use crate::change::{change, Change, ReliableChange};
use crate::instrument::{Instrument, ScoreDef};
use crate::participant::{MeasurementPoint, ParticipantCode};
use crate::record::ResponseRecord;
use crate::uuid::Uuid;

/// The records that count: every record that another record in `records`
/// supersedes is dropped, so along a chain of corrections (A ← B ← C) only
/// the last (C) remains. A record naming itself in `supersedes` is not
/// dropped for it, and a record id that occurs twice is kept once. Sorted by
/// date, then measurement point in course order (then id, so the order does
/// not depend on the order of `records`).
pub fn current(records: &[ResponseRecord]) -> Vec<&ResponseRecord> {
    let superseded: BTreeSet<Uuid> = records
        .iter()
        .filter_map(|r| r.supersedes.filter(|old| *old != r.id))
        .collect();
    let mut seen = BTreeSet::new();
    let mut current: Vec<&ResponseRecord> = records
        .iter()
        .filter(|r| !superseded.contains(&r.id) && seen.insert(r.id))
        .collect();
    current.sort_by(|a, b| {
        (a.date, a.point.order_key(), &a.id).cmp(&(b.date, b.point.order_key(), &b.id))
    });
    current
}

/// A score followed over a course: a tracked score of an instrument.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Track<'c> {
    pub instrument: &'c Instrument,
    pub score: &'c ScoreDef,
}

/// One current record of a course, with its tracked scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'a> {
    pub record: &'a ResponseRecord,
    /// Per track (in [`Course::tracks`] order): the score on this record.
    pub values: Vec<Option<u32>>,
    /// Per track: the change since the participant's intake, for records
    /// after it that have the score.
    pub changes: Vec<Option<Change>>,
    /// The items this record flags, as (instrument id, item id).
    pub flagged: Vec<(String, String)>,
}

/// A participant's course: the tracked scores found in the records and each
/// current record with its values and changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Course<'a, 'c> {
    pub tracks: Vec<Track<'c>>,
    pub rows: Vec<Row<'a>>,
}

/// A programme's reliable-change parameters for one criterion of one score
/// of one instrument (by ids), if it set any.
pub type Reliable<'r> = &'r dyn Fn(&str, &str, &str) -> Option<ReliableChange>;

/// The course of the [`current`] records: every tracked score of every
/// instrument the records answered (in catalogue order), each record's
/// value of each, and its change since intake by each of the score's
/// criteria.
///
/// For each tracked score, a participant's intake is their earliest current
/// [`MeasurementPoint::Intake`] record that has the score. Each current
/// record after it (in the order of [`current`]) that has the score gets its
/// change from the intake. Records of several participants may be mixed;
/// each is compared with its own participant's intake.
pub fn course<'a, 'c>(
    records: &'a [ResponseRecord],
    catalogue: &'c Catalogue,
    reliable: Reliable<'_>,
) -> Course<'a, 'c> {
    let current = current(records);
    let tracks = tracks(&current, catalogue);
    let scored: Vec<_> = current.iter().map(|r| r.scores(catalogue)).collect();
    let value = |i: usize, t: &Track| {
        scored[i]
            .iter()
            .find(|(r, _)| r.id == t.instrument.id)
            .and_then(|(_, s)| s.as_ref().ok())
            .and_then(|s| s.value(&t.score.id))
    };
    let mut rows: Vec<Row<'a>> = current
        .iter()
        .enumerate()
        .map(|(i, r)| Row {
            record: r,
            values: tracks.iter().map(|t| value(i, t)).collect(),
            changes: vec![None; tracks.len()],
            flagged: scored[i]
                .iter()
                .filter_map(|(r, s)| Some((r, s.as_ref().ok()?)))
                .flat_map(|(r, s)| s.flagged_items.iter().map(|f| (r.id.clone(), f.clone())))
                .collect(),
        })
        .collect();
    for (t, track) in tracks.iter().enumerate() {
        let mut intakes: BTreeMap<&ParticipantCode, (usize, u32)> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            if let (MeasurementPoint::Intake, Some(v)) = (row.record.point, row.values[t]) {
                intakes.entry(&row.record.participant).or_insert((i, v));
            }
        }
        let intakes: BTreeMap<ParticipantCode, (usize, u32)> =
            intakes.into_iter().map(|(p, x)| (p.clone(), x)).collect();
        let (instrument, score) = (&track.instrument.id, &track.score.id);
        let reliable = |criterion: &str| reliable(instrument, score, criterion);
        for (i, row) in rows.iter_mut().enumerate() {
            if let (Some(&(at, from)), Some(to)) =
                (intakes.get(&row.record.participant), row.values[t])
            {
                if i > at {
                    row.changes[t] = Some(change(track.score, from, to, &reliable));
                }
            }
        }
    }
    Course { tracks, rows }
}

/// The tracked scores of the instruments `records` answered, in catalogue
/// order, each instrument once (its newest version answered).
fn tracks<'c>(records: &[&ResponseRecord], catalogue: &'c Catalogue) -> Vec<Track<'c>> {
    let answered = catalogue.answered(records.iter().flat_map(|r| &r.instruments));
    let newest = answered.iter().filter(|i| {
        !answered
            .iter()
            .any(|j| j.id == i.id && j.version > i.version)
    });
    newest
        .flat_map(|i| {
            i.tracked().map(move |score| Track {
                instrument: i,
                score,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Outcome::{self, *};
    use crate::date::Date;
    use crate::instrument::Declined;
    use crate::testing::{ladder_answer, reference, substance, who5_answers};
    use proptest::prelude::*;
    use MeasurementPoint::{End, FollowUp, Intake};

    const WHO5: &str = "who5";
    const CANTRIL: &str = "cantril";

    /// Each current record with its change in the WHO-5 percentage score,
    /// `rc` as the programme's reliable-change parameters.
    fn changes_since_intake<'a>(
        records: &'a [ResponseRecord],
        rc: &ReliableChange,
    ) -> Vec<(&'a ResponseRecord, Option<Change>)> {
        let reliable = |i: &str, s: &str, c: &str| {
            (i == WHO5 && s == "percentage" && c == "reliable").then_some(*rc)
        };
        let c = course(records, Catalogue::shipped(), &reliable);
        let t = c
            .tracks
            .iter()
            .position(|t| t.instrument.id == WHO5 && t.score.id == "percentage");
        c.rows
            .into_iter()
            .map(|row| (row.record, t.and_then(|t| row.changes[t].clone())))
            .collect()
    }

    const DEFAULT: ReliableChange = ReliableChange::Mdc { points: 23.6 };

    fn verdicts(c: &Change) -> (Outcome, Outcome) {
        (
            c.outcome("ten_point").unwrap(),
            c.outcome("reliable").unwrap(),
        )
    }

    fn id(n: u32) -> Uuid {
        format!("00000000-0000-4000-8000-{n:012}").parse().unwrap()
    }

    /// A record numbered `n`, with a WHO-5 if `who5` is given and always a ladder.
    fn rec(
        n: u32,
        participant: &str,
        point: MeasurementPoint,
        date: &str,
        who5: Option<[i32; 5]>,
        supersedes: Option<u32>,
    ) -> ResponseRecord {
        let mut answers = BTreeMap::from([(CANTRIL.to_string(), ladder_answer(5))]);
        let mut instruments = vec![reference(CANTRIL)];
        if let Some(values) = who5 {
            answers.insert(WHO5.into(), who5_answers(values));
            instruments.push(reference(WHO5));
        }
        let r = ResponseRecord {
            id: id(n),
            participant: ParticipantCode::parse(participant).unwrap(),
            point,
            date: Date::parse(date).unwrap(),
            answers,
            declined: BTreeMap::new(),
            instruments,
            supersedes: supersedes.map(id),
            exported: false,
        };
        r.check(Catalogue::shipped()).unwrap();
        r
    }

    const A: &str = "938NKR";
    const B: &str = "000001";

    fn during(session: u16) -> MeasurementPoint {
        MeasurementPoint::During { session }
    }

    /// Participant A's course, out of order: an intake entered wrongly (40 %)
    /// and corrected (48 %), two sessions (the second without WHO-5), the end,
    /// and a follow-up corrected twice (a chain).
    fn a_course() -> Vec<ResponseRecord> {
        vec![
            rec(5, A, End, "2026-03-02", Some([4, 4, 4, 4, 4]), None), // 80 %
            rec(1, A, Intake, "2026-01-05", Some([2, 2, 2, 2, 2]), None), // 40 %
            rec(3, A, during(1), "2026-01-19", Some([3; 5]), None),    // 60 %
            rec(6, A, FollowUp, "2026-06-01", Some([1; 5]), None),     // 20 %
            rec(2, A, Intake, "2026-01-05", Some([3, 2, 3, 2, 2]), Some(1)), // 48 %
            rec(8, A, FollowUp, "2026-06-01", Some([3, 3, 3, 2, 2]), Some(7)), // 52 %
            rec(4, A, during(2), "2026-02-02", None, None),
            rec(7, A, FollowUp, "2026-06-01", Some([5; 5]), Some(6)), // 100 %
        ]
    }

    fn ids(records: &[&ResponseRecord]) -> Vec<Uuid> {
        records.iter().map(|r| r.id).collect()
    }

    #[test]
    fn corrections_replace_what_they_supersede_and_order_is_the_course() {
        let records = a_course();
        let current = current(&records);
        assert_eq!(ids(&current), [id(2), id(3), id(4), id(5), id(8)]);
    }

    #[test]
    fn changes_are_from_the_corrected_intake() {
        let records = a_course();
        let changes = changes_since_intake(&records, &DEFAULT);
        let summary: Vec<_> = changes
            .iter()
            .map(|(r, c)| {
                (
                    r.id,
                    c.as_ref().map(|c| (c.from, c.to, c.delta, verdicts(c))),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (id(2), None),
                (id(3), Some((48, 60, 12, (Improved, Unchanged)))),
                (id(4), None),
                (id(5), Some((48, 80, 32, (Improved, Improved)))),
                (id(8), Some((48, 52, 4, (Unchanged, Unchanged)))),
            ]
        );
        let jt = ReliableChange::JacobsonTruax {
            sd: 20.0,
            reliability: 0.81,
        };
        let end = changes_since_intake(&records, &jt)[3].1.clone().unwrap();
        assert_eq!((end.delta, verdicts(&end).1), (32, Improved)); // 32 > 24.16
    }

    #[test]
    fn without_an_intake_there_is_no_change() {
        let records = vec![
            rec(1, B, during(1), "2026-01-05", Some([3; 5]), None),
            rec(2, B, End, "2026-02-05", Some([5; 5]), None),
            // An intake without WHO-5 is no baseline.
            rec(3, B, Intake, "2026-01-01", None, None),
        ];
        let changes = changes_since_intake(&records, &DEFAULT);
        assert_eq!(changes.len(), 3);
        assert!(changes.iter().all(|(_, c)| c.is_none()));
        assert_eq!(changes[0].0.id, id(3));
    }

    #[test]
    fn the_earliest_intake_with_a_who5_is_the_baseline() {
        let records = vec![
            rec(1, B, Intake, "2026-01-01", None, None),
            rec(2, B, Intake, "2026-01-08", Some([2; 5]), None), // 40 %
            rec(3, B, Intake, "2026-01-09", Some([3; 5]), None), // 60 %, a second intake
            rec(4, B, End, "2026-02-05", Some([4; 5]), None),    // 80 %
        ];
        let changes = changes_since_intake(&records, &DEFAULT);
        let deltas: Vec<_> = changes
            .iter()
            .map(|(_, c)| c.as_ref().map(|c| c.delta))
            .collect();
        assert_eq!(deltas, [None, None, Some(20), Some(40)]);
    }

    #[test]
    fn participants_are_compared_with_their_own_intake() {
        let records = vec![
            rec(1, A, Intake, "2026-01-05", Some([2; 5]), None), // 40 %
            rec(2, B, Intake, "2026-01-06", Some([4; 5]), None), // 80 %
            rec(3, A, End, "2026-03-01", Some([3; 5]), None),    // 60 %
            rec(4, B, End, "2026-03-02", Some([3; 5]), None),    // 60 %
        ];
        let changes = changes_since_intake(&records, &DEFAULT);
        let deltas: Vec<_> = changes
            .iter()
            .map(|(r, c)| (r.id, c.as_ref().map(|c| c.delta)))
            .collect();
        assert_eq!(
            deltas,
            [
                (id(1), None),
                (id(2), None),
                (id(3), Some(20)),
                (id(4), Some(-20))
            ]
        );
    }

    #[test]
    fn same_day_points_sort_in_course_order_and_duplicates_count_once() {
        let records = vec![
            rec(1, A, FollowUp, "2026-01-05", Some([3; 5]), None),
            rec(2, A, End, "2026-01-05", Some([3; 5]), None),
            rec(3, A, during(10), "2026-01-05", Some([3; 5]), None),
            rec(4, A, during(9), "2026-01-05", Some([3; 5]), None),
            rec(5, A, Intake, "2026-01-05", Some([3; 5]), None),
            rec(5, A, Intake, "2026-01-05", Some([3; 5]), None),
        ];
        assert_eq!(ids(&current(&records)), [id(5), id(4), id(3), id(2), id(1)]);
        assert!(current(&[]).is_empty());
        assert!(changes_since_intake(&[], &DEFAULT).is_empty());
    }

    /// Every tracked score of every instrument answered has its own column,
    /// intake and changes; a declined item leaves its score missing.
    #[test]
    fn every_tracked_score_is_followed() {
        let with_substance = |n, point, date, days: [i32; 4], declined: &[&str]| {
            let mut r = rec(n, A, point, date, Some([3; 5]), None);
            let s = substance();
            let mut answers = s.answers_in_order(&days);
            for d in declined {
                answers.remove(*d);
            }
            r.instruments.push(reference("substance"));
            r.answers.insert("substance".into(), answers);
            let declined: Declined = declined.iter().map(|d| d.to_string()).collect();
            if !declined.is_empty() {
                r.declined.insert("substance".into(), declined);
            }
            r.check(Catalogue::shipped()).unwrap();
            r
        };
        let records = vec![
            with_substance(1, Intake, "2026-01-05", [7, 2, 0, 3], &[]),
            rec(2, A, during(1), "2026-01-19", Some([3; 5]), None),
            with_substance(3, End, "2026-03-02", [3, 0, 0, 0], &["anydrug_7d"]),
        ];
        let c = course(&records, Catalogue::shipped(), &|_, _, _| None);
        let names: Vec<(&str, &str)> = c
            .tracks
            .iter()
            .map(|t| (t.instrument.id.as_str(), t.score.id.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("who5", "percentage"),
                ("cantril", "value"),
                ("substance", "cannabis_30d"),
                ("substance", "binge_30d"),
                ("substance", "otherdrugs_30d"),
                ("substance", "anydrug_7d"),
            ]
        );
        let cannabis = 2;
        assert_eq!(c.rows[0].values[cannabis], Some(7));
        assert_eq!(c.rows[1].values[cannabis], None);
        let end = c.rows[2].changes[cannabis].as_ref().unwrap();
        assert_eq!((end.from, end.to), (7, 3));
        assert_eq!(end.outcome("halved"), Some(Met));
        assert_eq!(end.outcome("stopped"), Some(NotMet));
        // Declined at the end: missing, so no change, never 0.
        assert_eq!(c.rows[2].values[5], None);
        assert_eq!(c.rows[2].changes[5], None);
        // WHO-5 [3; 5] has no item at 1 or below; a record with some is flagged.
        assert!(c.rows[0].flagged.is_empty());
    }

    proptest! {
        /// The result depends on the records, not on the order they arrive in.
        #[test]
        fn order_of_records_does_not_matter(shuffled in Just(a_course()).prop_shuffle()) {
            let records = a_course();
            prop_assert_eq!(ids(&current(&shuffled)), ids(&current(&records)));
            let rc = DEFAULT;
            let a: Vec<_> = changes_since_intake(&shuffled, &rc).into_iter().map(|(r, c)| (r.id, c)).collect();
            let b: Vec<_> = changes_since_intake(&records, &rc).into_iter().map(|(r, c)| (r.id, c)).collect();
            prop_assert_eq!(a, b);
        }

        /// No current record is superseded by another record, and every
        /// dropped record is superseded by one.
        #[test]
        fn current_drops_exactly_the_superseded(keep in proptest::collection::vec(any::<bool>(), 8)) {
            let records: Vec<_> = a_course().into_iter().zip(keep).filter(|(_, k)| *k).map(|(r, _)| r).collect();
            let current = current(&records);
            for r in &records {
                let superseded = records.iter().any(|o| o.supersedes == Some(r.id));
                prop_assert_eq!(current.iter().any(|c| c.id == r.id), !superseded);
            }
            for pair in current.windows(2) {
                prop_assert!((pair[0].date, pair[0].point) <= (pair[1].date, pair[1].point));
            }
        }
    }
}
