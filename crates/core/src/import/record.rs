//! The record check of an import: an exported record passes core's one
//! record check ([`check_answers`]), and the scores it carries are exactly
//! the ones core computes from its answers, so a file can neither bring a
//! score of its own nor lose one.

use crate::export::{ExportRecord, ExportScore};
use crate::instrument::builtin;
use crate::messages::clip;
use crate::record::{check_answers, RecordError};

/// Checks one exported record: [`check_answers`] (it does not supersede
/// itself, it answers at least one instrument, only instruments this build
/// ships, each valid and complete), then every answered instrument has a
/// stored score equal to the computed one, flagged items included, and no
/// score stands without answers.
pub fn check_record(r: &ExportRecord) -> Result<(), RecordError> {
    for (id, score) in check_answers(r.response_id, r.supersedes, &r.answers, builtin())? {
        let computed = ExportScore::from(&score);
        let stored = r.scores.get(id).ok_or_else(|| RecordError::MissingScore {
            instrument: clip(id),
        })?;
        if (stored.raw, stored.percentage) != (computed.raw, computed.percentage) {
            return Err(RecordError::ScoreMismatch {
                instrument: clip(id),
                stored: (stored.raw, stored.percentage),
                computed: (computed.raw, computed.percentage),
            });
        }
        if stored.flagged_items != computed.flagged_items {
            return Err(RecordError::FlaggedMismatch {
                instrument: clip(id),
            });
        }
    }
    if let Some(id) = r.scores.keys().find(|id| !r.answers.contains_key(*id)) {
        return Err(RecordError::UnexpectedScore {
            instrument: clip(id),
        });
    }
    Ok(())
}
