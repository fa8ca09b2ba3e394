//! The record check of an import: an exported record passes core's one
//! record check ([`Answered::check`](crate::record::Answered::check)), and
//! the scores and flags it carries are exactly the ones core computes from
//! its answers, so a file can neither bring a score of its own nor lose one.

use crate::catalogue::Catalogue;
use crate::export::ExportRecord;
use crate::messages::clip;
use crate::record::{Answered, RecordError};

/// Checks one exported record against `catalogue`: the one record check (it
/// does not supersede itself, it lists at least one instrument and none
/// twice, each one `catalogue` defines, its answers and declined items are
/// valid and complete), then the stored scores and flags are exactly those
/// core computes from the answers, and none stands for an unlisted
/// instrument.
pub fn check_record(r: &ExportRecord, catalogue: &Catalogue) -> Result<(), RecordError> {
    let answered = Answered {
        id: r.response_id,
        supersedes: r.supersedes,
        instruments: &r.instruments,
        answers: &r.answers,
        declined: &r.declined,
    };
    for (listed, computed) in answered.check(catalogue)? {
        let id = &listed.id;
        let stored = r.scores.get(id).ok_or_else(|| RecordError::MissingScore {
            instrument: clip(id),
        })?;
        for name in stored.keys().chain(computed.values.keys()) {
            let (s, c) = (stored.get(name).copied(), computed.value(name));
            if s != c {
                return Err(RecordError::ScoreMismatch {
                    instrument: clip(id),
                    score: clip(name),
                    stored: s,
                    computed: c,
                });
            }
        }
        let flagged = r.flagged.get(id).map_or(&[][..], Vec::as_slice);
        if flagged != computed.flagged_items.as_slice() {
            return Err(RecordError::FlaggedMismatch {
                instrument: clip(id),
            });
        }
    }
    let listed = |id: &&String| r.instruments.iter().any(|l| l.id == **id);
    if let Some(id) = r
        .scores
        .keys()
        .chain(r.flagged.keys())
        .find(|id| !listed(id))
    {
        return Err(RecordError::UnexpectedScore {
            instrument: clip(id),
        });
    }
    Ok(())
}
