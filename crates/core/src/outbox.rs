//! What a counsellor's export takes from the tablet and what the file is
//! called: the choice (all, not yet exported, a date range), the export
//! document built from the stored records, and the download's name.
//!
//! It lives in core so the choice is tested natively; the app only reads the
//! records, hands them here and writes the result to a file.

use std::fmt;

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::export::{self, export_record, ExportDocument, ExportError};
use crate::lang::Lang;
use crate::participant::{Participant, ParticipantCode};
use crate::record::ResponseRecord;
use crate::uuid::Uuid;

/// Which stored records an export takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every record on the tablet.
    All,
    /// Records not yet part of an export.
    #[default]
    NotExported,
    /// Records completed between two days, both included.
    Between { from: Date, to: Date },
}

impl Scope {
    pub fn takes(&self, record: &ResponseRecord) -> bool {
        match *self {
            Scope::All => true,
            Scope::NotExported => !record.exported,
            Scope::Between { from, to } => from <= record.date && record.date <= to,
        }
    }

    /// The records this scope takes, in the order given.
    pub fn select<'a>(&self, records: &'a [ResponseRecord]) -> Vec<&'a ResponseRecord> {
        records.iter().filter(|r| self.takes(r)).collect()
    }
}

/// The file formats an export can be written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FileFormat {
    /// The export document: what the evaluator page and the CLI read.
    #[default]
    Json,
    /// One row per response, UTF-8 with BOM, for spreadsheets.
    Csv,
    /// One record per line, for DuckDB, Spark or pandas.
    Ndjson,
}

impl FileFormat {
    pub const ALL: [FileFormat; 3] = [FileFormat::Json, FileFormat::Csv, FileFormat::Ndjson];

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Json => "json",
            FileFormat::Csv => "csv",
            FileFormat::Ndjson => "ndjson",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            FileFormat::Json => "application/json",
            FileFormat::Csv => "text/csv;charset=utf-8",
            FileFormat::Ndjson => "application/x-ndjson",
        }
    }
}

/// Why an export cannot be made. Nothing is written and nothing is marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutboxError {
    /// The choice takes no records.
    Nothing,
    /// A date range whose end is before its start.
    BackwardsRange,
    /// A record names a participant the tablet does not have.
    UnknownParticipant { code: ParticipantCode },
    /// A stored record cannot be exported.
    Record { id: Uuid, error: ExportError },
}

impl OutboxError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Nothing => tr!(lang,
                da: "Der er ingen besvarelser at eksportere i det valgte.".into(),
                en: "There are no responses to export in that choice.".into(),
            ),
            Self::BackwardsRange => tr!(lang,
                da: "Slutdatoen ligger før startdatoen.".into(),
                en: "The end date is before the start date.".into(),
            ),
            Self::UnknownParticipant { code } => tr!(lang,
                da: format!("En besvarelse hører til deltageren {code}, som ikke findes på tabletten."),
                en: format!("A response belongs to participant {code}, who is not on this tablet."),
            ),
            Self::Record { id, error } => {
                let error = error.message(lang);
                tr!(lang,
                    da: format!("Besvarelsen {id} kan ikke eksporteres: {error}"),
                    en: format!("The response {id} cannot be exported: {error}"),
                )
            }
        }
    }
}

impl fmt::Display for OutboxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for OutboxError {}

/// An export ready to be written: the document and the ids it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Outbox {
    pub document: ExportDocument,
    /// The stored records taken, to be marked exported once written.
    pub ids: Vec<Uuid>,
}

impl Outbox {
    /// Builds the export of the records `scope` takes. Every record must
    /// export: one that does not stops the whole export, so a file never
    /// silently lacks a response.
    pub fn build(
        records: &[ResponseRecord],
        participants: &[Participant],
        catalogue: &Catalogue,
        scope: Scope,
        export_id: Uuid,
        created: Date,
    ) -> Result<Outbox, OutboxError> {
        if let Scope::Between { from, to } = scope {
            if to < from {
                return Err(OutboxError::BackwardsRange);
            }
        }
        let taken = scope.select(records);
        if taken.is_empty() {
            return Err(OutboxError::Nothing);
        }
        let mut exported = Vec::with_capacity(taken.len());
        for record in &taken {
            let participant = participants
                .iter()
                .find(|p| p.code == record.participant)
                .ok_or_else(|| OutboxError::UnknownParticipant {
                    code: record.participant.clone(),
                })?;
            let r = export_record(record, participant, catalogue).map_err(|error| {
                OutboxError::Record {
                    id: record.id,
                    error,
                }
            })?;
            exported.push(r);
        }
        Ok(Outbox {
            document: export::document(export_id, created, exported, catalogue),
            ids: taken.iter().map(|r| r.id).collect(),
        })
    }

    /// The file's content in `format`.
    pub fn contents(&self, format: FileFormat) -> String {
        match format {
            FileFormat::Json => {
                serde_json::to_string(&self.document).expect("an export document serialises")
            }
            FileFormat::Csv => {
                crate::csv::records_csv(&self.document.records, &self.document.instruments)
            }
            FileFormat::Ndjson => crate::csv::records_ndjson(&self.document.records),
        }
    }

    /// `trivsel-<site>-<created>-v<version>.<ext>`: the site of the records (or
    /// `flere-steder` when they come from several), made safe for a file name,
    /// and the version of the app that wrote the file ([`crate::APP_VERSION`]).
    pub fn file_name(&self, format: FileFormat) -> String {
        let mut sites = self.document.records.iter().map(|r| r.site.as_str());
        let first = sites.next().unwrap_or("");
        let site = if sites.all(|s| s == first) {
            slug(first)
        } else {
            "flere-steder".to_string()
        };
        let site = if site.is_empty() {
            "sted".to_string()
        } else {
            site
        };
        format!(
            "trivsel-{site}-{}-v{}.{}",
            self.document.created,
            crate::APP_VERSION,
            format.extension()
        )
    }
}

/// Lower-case ASCII letters, digits and single hyphens: æ ø å become ae oe aa,
/// everything else a hyphen.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let piece = match c {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'é' | 'è' => "e",
            'ü' => "u",
            'ö' => "o",
            'ä' => "a",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if piece == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(piece);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(40);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests;
