//! A course over time: which records count, and the WHO-5 change since intake.
//!
//! Records are immutable, so a correction is a new record that supersedes the
//! old one (`ResponseRecord::supersedes`). Everything that summarises a course
//! starts from [`current`], the records nothing supersedes, so a corrected
//! response never counts twice and the correction counts in its place.
//!
//! Both functions scan the records rather than index them: they run over one
//! participant's course (a few records) on the tablet, whose every byte of
//! code is downloaded, so time grows with the square of the records given.

use crate::change::{who5_change, Change, ReliableChange};
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
    let superseded = |id: Uuid| {
        records
            .iter()
            .any(|r| r.supersedes == Some(id) && r.id != id)
    };
    let mut current: Vec<&ResponseRecord> = Vec::with_capacity(records.len());
    for r in records {
        if !superseded(r.id) && !current.iter().any(|c| c.id == r.id) {
            current.push(r);
        }
    }
    current.sort_unstable_by(|a, b| {
        (a.date, a.point.order_key(), a.id).cmp(&(b.date, b.point.order_key(), b.id))
    });
    current
}

/// The [`current`] records, each with its WHO-5 change since intake, judged
/// by the 10-point rule and by `rc` (see [`who5_change`]).
///
/// A participant's intake is their earliest current [`MeasurementPoint::Intake`]
/// record that has a WHO-5 percentage score. Each current record after it
/// (in the order of [`current`]) that has a WHO-5 score gets its change from
/// the intake. The intake itself, records before it, records without a WHO-5
/// score and records of a participant without such an intake get `None`.
/// Records of several participants may be mixed; each is compared with its
/// own participant's intake.
pub fn changes_since_intake<'a>(
    records: &'a [ResponseRecord],
    rc: &ReliableChange,
) -> Vec<(&'a ResponseRecord, Option<Change>)> {
    let current = current(records);
    let who5: Vec<Option<u32>> = current.iter().map(|r| r.who5_percentage()).collect();
    // A participant's intake: the position and score of their first intake
    // with a WHO-5.
    let intake = |participant: &ParticipantCode| {
        current
            .iter()
            .zip(&who5)
            .enumerate()
            .find_map(|(i, (r, pct))| {
                let at_intake =
                    r.participant == *participant && r.point == MeasurementPoint::Intake;
                Some((i, (*pct)?)).filter(|_| at_intake)
            })
    };
    current
        .iter()
        .zip(&who5)
        .enumerate()
        .map(|(i, (r, pct))| {
            let change = match (intake(&r.participant), pct) {
                (Some((at, from)), Some(to)) if i > at => Some(who5_change(from, *to, rc)),
                _ => None,
            };
            (*r, change)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::ChangeLabel::*;
    use crate::date::Date;
    use crate::instrument::builtin;
    use crate::instrument::Answers;
    use crate::instrument::InstrumentRef;
    use crate::record::{CANTRIL, WHO5};
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use MeasurementPoint::{End, FollowUp, Intake};

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
        let mut answers = BTreeMap::from([(
            CANTRIL.to_string(),
            Answers::from([("ladder".to_string(), 5)]),
        )]);
        let mut instruments = vec![InstrumentRef {
            id: CANTRIL.into(),
            version: builtin().cantril.version,
        }];
        if let Some(values) = who5 {
            let items = ["happy", "calm", "active", "rested", "interest"];
            answers.insert(
                WHO5.into(),
                items
                    .iter()
                    .zip(values)
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
            );
            instruments.push(InstrumentRef {
                id: WHO5.into(),
                version: builtin().who5.version,
            });
        }
        let r = ResponseRecord {
            id: id(n),
            participant: ParticipantCode::parse(participant).unwrap(),
            point,
            date: Date::parse(date).unwrap(),
            answers,
            instruments,
            supersedes: supersedes.map(id),
            exported: false,
        };
        r.check(builtin()).unwrap();
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
    fn course() -> Vec<ResponseRecord> {
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
        let records = course();
        let current = current(&records);
        assert_eq!(ids(&current), [id(2), id(3), id(4), id(5), id(8)]);
    }

    #[test]
    fn changes_are_from_the_corrected_intake() {
        let records = course();
        let changes = changes_since_intake(&records, &ReliableChange::default());
        let summary: Vec<_> = changes
            .iter()
            .map(|(r, c)| {
                (
                    r.id,
                    c.map(|c| (c.from, c.to, c.delta, c.ten_point, c.reliable)),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (id(2), None),
                (id(3), Some((48, 60, 12, Improved, Unchanged))),
                (id(4), None),
                (id(5), Some((48, 80, 32, Improved, Improved))),
                (id(8), Some((48, 52, 4, Unchanged, Unchanged))),
            ]
        );
        let jt = ReliableChange::JacobsonTruax {
            sd: 20.0,
            reliability: 0.81,
        };
        let end = changes_since_intake(&records, &jt)[3].1.unwrap();
        assert_eq!((end.delta, end.reliable), (32, Improved)); // 32 > 24.16
    }

    #[test]
    fn without_an_intake_there_is_no_change() {
        let records = vec![
            rec(1, B, during(1), "2026-01-05", Some([3; 5]), None),
            rec(2, B, End, "2026-02-05", Some([5; 5]), None),
            // An intake without WHO-5 is no baseline.
            rec(3, B, Intake, "2026-01-01", None, None),
        ];
        let changes = changes_since_intake(&records, &ReliableChange::default());
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
        let changes = changes_since_intake(&records, &ReliableChange::default());
        let deltas: Vec<_> = changes.iter().map(|(_, c)| c.map(|c| c.delta)).collect();
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
        let changes = changes_since_intake(&records, &ReliableChange::default());
        let deltas: Vec<_> = changes
            .iter()
            .map(|(r, c)| (r.id, c.map(|c| c.delta)))
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
        assert!(changes_since_intake(&[], &ReliableChange::default()).is_empty());
    }

    proptest! {
        /// The result depends on the records, not on the order they arrive in.
        #[test]
        fn order_of_records_does_not_matter(shuffled in Just(course()).prop_shuffle()) {
            let records = course();
            prop_assert_eq!(ids(&current(&shuffled)), ids(&current(&records)));
            let rc = ReliableChange::default();
            let a: Vec<_> = changes_since_intake(&shuffled, &rc).into_iter().map(|(r, c)| (r.id, c)).collect();
            let b: Vec<_> = changes_since_intake(&records, &rc).into_iter().map(|(r, c)| (r.id, c)).collect();
            prop_assert_eq!(a, b);
        }

        /// No current record is superseded by another record, and every
        /// dropped record is superseded by one.
        #[test]
        fn current_drops_exactly_the_superseded(keep in proptest::collection::vec(any::<bool>(), 8)) {
            let records: Vec<_> = course().into_iter().zip(keep).filter(|(_, k)| *k).map(|(r, _)| r).collect();
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
