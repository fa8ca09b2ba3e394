//! A full backup of one tablet, and what restoring it into a tablet changes.
//!
//! The backup is every participant and record (exported or not), the tablet's
//! settings and its erasure notes, as one JSON document. The app encrypts it
//! with the age format under a backup passphrase; this module only knows the
//! plain document, so its rules are tested natively.
//!
//! Restoring never settles a disagreement by itself: a response id or a
//! participant code present on the tablet and in the backup with the same
//! content is a duplicate (kept once); with different content it is a
//! conflict, shown to the counsellor and left as the tablet has it. Whatever
//! an erasure note names (on the tablet or in the backup) is never restored,
//! so a backup made before an erasure cannot bring the erased data back.

#[cfg(feature = "age")]
pub mod file;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::lang::Lang;
use crate::messages::clip;
use crate::participant::{Participant, ParticipantCode};
use crate::programme::parse_programme;
use crate::record::{RecordError, ResponseRecord};
use crate::uuid::Uuid;

/// The `format` field of a backup document.
pub const FORMAT: &str = "trivsel-backup";
/// The document version this release writes and reads.
pub const VERSION: u32 = 1;
/// The largest backup read (after decryption): far above any tablet's data.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// A whole tablet's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    /// The day the backup was made.
    pub created: Date,
    pub participants: Vec<Participant>,
    pub records: Vec<ResponseRecord>,
    /// The tablet's settings as the app stores them (their shape is the app's).
    pub settings: serde_json::Value,
    #[serde(default)]
    pub erased: Erasures,
    /// The programme files imported on the tablet, as their text: the
    /// definitions of a programme's questionnaires its records answered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<String>,
}

/// What was erased on a tablet, kept so that no later restore brings it back.
/// A participant is noted only as a salted SHA-256 of the code (the app
/// computes it), never the code itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Erasures {
    pub participants: Vec<ErasedCode>,
    /// Ids of erased records (random UUIDs).
    pub records: BTreeSet<Uuid>,
}

/// One erased participant: hex SHA-256 of `salt` bytes followed by the code's UTF-8.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErasedCode {
    /// Hex, 16 random bytes.
    pub salt: String,
    /// Hex, 32 bytes.
    pub hash: String,
}

impl Erasures {
    /// Both notes together, each entry once.
    pub fn union(&self, other: &Erasures) -> Erasures {
        let mut participants = self.participants.clone();
        for p in &other.participants {
            if !participants.contains(p) {
                participants.push(p.clone());
            }
        }
        Erasures {
            participants,
            records: self.records.union(&other.records).cloned().collect(),
        }
    }
}

impl Backup {
    pub fn new(
        created: Date,
        participants: Vec<Participant>,
        records: Vec<ResponseRecord>,
        settings: serde_json::Value,
        erased: Erasures,
        programmes: Vec<String>,
    ) -> Backup {
        Backup {
            format: FORMAT.into(),
            version: VERSION,
            created,
            participants,
            records,
            settings,
            erased,
            programmes,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a backup always serialises")
    }
}

/// Why a decrypted file is not a backup this release can restore.
#[derive(Clone, Debug, PartialEq)]
pub enum BackupError {
    TooLarge,
    NotJson(String),
    NotABackup,
    UnknownVersion(u32),
    /// The document does not have the backup's shape: the JSON path and the reason.
    Schema {
        path: String,
        reason: String,
    },
    /// Two participants with one code, or two records with one id.
    Duplicate(String),
    /// A programme file in the backup that does not read.
    Programme(String),
    /// A record that is not well formed.
    Record {
        id: Uuid,
        error: RecordError,
    },
    /// A record of a participant the backup does not hold.
    Orphan(Uuid),
}

impl BackupError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::TooLarge => tr!(lang,
                da: "Filen er for stor til at være en sikkerhedskopi fra trivsel.".into(),
                en: "The file is too large to be a trivsel backup.".into(),
            ),
            Self::NotJson(e) => tr!(lang,
                da: format!("Filen kunne åbnes, men indholdet er ikke en sikkerhedskopi: {}", clip(e)),
                en: format!("The file could be opened, but it does not hold a backup: {}", clip(e)),
            ),
            Self::NotABackup => tr!(lang,
                da: "Filen er ikke en sikkerhedskopi fra trivsel.".into(),
                en: "The file is not a trivsel backup.".into(),
            ),
            Self::UnknownVersion(v) => tr!(lang,
                da: format!("Sikkerhedskopien har version {v}, som denne udgave af trivsel ikke kender."),
                en: format!("The backup has version {v}, which this release of trivsel does not know."),
            ),
            Self::Schema { path, reason } => tr!(lang,
                da: format!("Sikkerhedskopien er ugyldig ved {}: {}", clip(path), clip(reason)),
                en: format!("The backup is invalid at {}: {}", clip(path), clip(reason)),
            ),
            Self::Duplicate(key) => tr!(lang,
                da: format!("«{}» findes to gange i sikkerhedskopien.", clip(key)),
                en: format!("«{}» occurs twice in the backup.", clip(key)),
            ),
            Self::Programme(reason) => tr!(lang,
                da: format!("En programfil i sikkerhedskopien kan ikke læses: {reason}"),
                en: format!("A programme file in the backup cannot be read: {reason}"),
            ),
            Self::Record { id, error } => tr!(lang,
                da: format!("Besvarelsen «{id}» i sikkerhedskopien er ugyldig: {}", error.message(lang)),
                en: format!("The response «{id}» in the backup is invalid: {}", error.message(lang)),
            ),
            Self::Orphan(id) => tr!(lang,
                da: format!("Besvarelsen «{id}» hører til en deltager, som ikke er i sikkerhedskopien."),
                en: format!("The response «{id}» belongs to a participant who is not in the backup."),
            ),
        }
    }
}

/// Reads a decrypted backup and checks it whole against `catalogue` (the
/// tablet's) with the backup's own programme files added: one reason if it
/// is refused.
pub fn parse_backup(bytes: &[u8], catalogue: &Catalogue) -> Result<Backup, BackupError> {
    if bytes.len() > MAX_BYTES {
        return Err(BackupError::TooLarge);
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| BackupError::NotJson(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(BackupError::NotABackup);
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => {
            return Err(BackupError::UnknownVersion(
                v.min(u64::from(u32::MAX)) as u32
            ))
        }
        None => return Err(BackupError::NotABackup),
    }
    let backup: Backup =
        serde_path_to_error::deserialize(value).map_err(|e| BackupError::Schema {
            path: e.path().to_string(),
            reason: e.inner().to_string(),
        })?;
    let mut catalogue = catalogue.clone();
    for text in &backup.programmes {
        let programme = parse_programme(text.as_bytes(), &catalogue)
            .map_err(|e| BackupError::Programme(e.message(Lang::En)))?;
        catalogue.add_checked(&programme.instruments, &programme.batteries);
    }
    let mut codes = BTreeSet::new();
    for p in &backup.participants {
        if !codes.insert(&p.code) {
            return Err(BackupError::Duplicate(p.code.to_string()));
        }
    }
    let mut ids = BTreeSet::new();
    for r in &backup.records {
        if !ids.insert(r.id) {
            return Err(BackupError::Duplicate(r.id.to_string()));
        }
        r.check(&catalogue)
            .map_err(|error| BackupError::Record { id: r.id, error })?;
        if !codes.contains(&r.participant) {
            return Err(BackupError::Orphan(r.id));
        }
    }
    Ok(backup)
}

/// The scrypt work factor (log2 N) of a new backup file. Each step doubles
/// the time and memory an attacker spends per guessed backup passphrase and
/// the time a tablet spends making and opening the backup; 2^16 takes 64 MiB
/// (see SECURITY.md for the measured time in the browser).
pub const SCRYPT_LOG_N: u8 = 16;

/// The largest work factor a backup file may ask of this app (and the
/// reference `age` tool accepts up to 22): bounds what a hostile file costs.
pub const MAX_SCRYPT_LOG_N: u8 = 20;

/// The ids of the exported records completed more than `months` months
/// before `today` (same day of the month, or the month's last day): the
/// records the retention period offers for erasure.
pub fn past_retention(records: &[ResponseRecord], today: Date, months: u32) -> Vec<Uuid> {
    let total = today.year() * 12 + i32::from(today.month()) - 1 - months.min(12 * 100) as i32;
    let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
    let day = (1..=today.day())
        .rev()
        .find_map(|d| Date::new(year, month, d))
        .unwrap_or(today);
    records
        .iter()
        .filter(|r| r.exported && r.date < day)
        .map(|r| r.id)
        .collect()
}

/// A participant code on the tablet and in the backup with different facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantConflict {
    pub here: Participant,
    pub backup: Participant,
}

/// A response id on the tablet and in the backup with different content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordConflict {
    pub here: ResponseRecord,
    pub backup: ResponseRecord,
}

/// What restoring a backup into a tablet would do, before anything is written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RestorePlan {
    /// Participants and records the tablet does not have: these are written.
    pub new_participants: Vec<Participant>,
    pub new_records: Vec<ResponseRecord>,
    /// Already on the tablet with the same content (kept once).
    pub duplicate_participants: usize,
    pub duplicate_records: usize,
    /// On both with different content: shown, and left as the tablet has them.
    pub participant_conflicts: Vec<ParticipantConflict>,
    pub record_conflicts: Vec<RecordConflict>,
    /// Left out because an erasure note names them.
    pub erased_participants: usize,
    pub erased_records: usize,
    /// The erasure notes after the restore: the tablet's and the backup's.
    pub erasures: Erasures,
}

impl RestorePlan {
    /// Whether the counsellor must look at conflicts before restoring.
    pub fn has_conflicts(&self) -> bool {
        !self.participant_conflicts.is_empty() || !self.record_conflicts.is_empty()
    }
}

/// Two records are the same response if all but the export mark agree: a
/// backup made before an export differs from the tablet only in that mark.
fn same_response(a: &ResponseRecord, b: &ResponseRecord) -> bool {
    ResponseRecord {
        exported: false,
        ..a.clone()
    } == ResponseRecord {
        exported: false,
        ..b.clone()
    }
}

/// Plans restoring `backup` into a tablet holding `participants` and
/// `records` with the erasure notes `erased`. `erased_codes` are the codes of
/// the backup's participants that an erasure note names (the app matches the
/// salted hashes, as only it computes SHA-256).
pub fn plan_restore(
    participants: &[Participant],
    records: &[ResponseRecord],
    erased: &Erasures,
    backup: &Backup,
    erased_codes: &BTreeSet<ParticipantCode>,
) -> RestorePlan {
    let erasures = erased.union(&backup.erased);
    let mut plan = RestorePlan {
        erasures,
        ..RestorePlan::default()
    };
    let here_p: BTreeMap<&ParticipantCode, &Participant> =
        participants.iter().map(|p| (&p.code, p)).collect();
    let here_r: BTreeMap<Uuid, &ResponseRecord> = records.iter().map(|r| (r.id, r)).collect();
    for p in &backup.participants {
        if erased_codes.contains(&p.code) {
            plan.erased_participants += 1;
            continue;
        }
        match here_p.get(&p.code) {
            None => plan.new_participants.push(p.clone()),
            Some(here) if *here == p => plan.duplicate_participants += 1,
            Some(here) => plan.participant_conflicts.push(ParticipantConflict {
                here: (*here).clone(),
                backup: p.clone(),
            }),
        }
    }
    for r in &backup.records {
        if erased_codes.contains(&r.participant) || plan.erasures.records.contains(&r.id) {
            plan.erased_records += 1;
            continue;
        }
        match here_r.get(&r.id) {
            None => plan.new_records.push(r.clone()),
            Some(here) if same_response(here, r) => plan.duplicate_records += 1,
            Some(here) => plan.record_conflicts.push(RecordConflict {
                here: (*here).clone(),
                backup: r.clone(),
            }),
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::participant::{AgeBand, CourseType, Gender, MeasurementPoint, Site};
    use crate::testing::{reference, who5_and_ladder};

    fn shipped() -> &'static Catalogue {
        Catalogue::shipped()
    }

    fn id(n: u8) -> Uuid {
        Uuid::from_random([n; 16])
    }

    fn day(d: u8) -> Date {
        Date::new(2026, 11, d).unwrap()
    }

    fn participant(code: &str) -> Participant {
        Participant {
            code: ParticipantCode::parse(code).unwrap(),
            gender: Gender::Girl,
            age_band: AgeBand::Age15To17,
            site: Site::parse("Erhvervsskolen Nord").unwrap(),
            course: CourseType::Counselling,
            created: day(2),
        }
    }

    fn record(n: u8, code: &str, who5: [i32; 5]) -> ResponseRecord {
        ResponseRecord {
            id: id(n),
            participant: ParticipantCode::parse(code).unwrap(),
            point: MeasurementPoint::Intake,
            date: day(3),
            answers: who5_and_ladder(who5, 7),
            declined: BTreeMap::new(),
            instruments: vec![reference("who5"), reference("cantril")],
            supersedes: None,
            exported: false,
        }
    }

    fn backup() -> Backup {
        Backup::new(
            day(20),
            vec![participant("938NKR"), participant("A1B2C3")],
            vec![
                record(1, "938NKR", [3, 3, 3, 3, 3]),
                record(2, "A1B2C3", [5, 4, 3, 2, 1]),
            ],
            serde_json::json!({"ladder_band_set": "hbsc"}),
            Erasures::default(),
            Vec::new(),
        )
    }

    #[test]
    fn a_backup_round_trips_and_is_checked_whole() {
        let b = backup();
        let parsed = parse_backup(b.to_json().as_bytes(), shipped()).unwrap();
        assert_eq!(parsed, b);
        assert_eq!(parse_backup(b"{}", shipped()), Err(BackupError::NotABackup));
        assert!(matches!(
            parse_backup(b"not json", shipped()),
            Err(BackupError::NotJson(_))
        ));
        let v2 = b.to_json().replace("\"version\":1", "\"version\":2");
        assert_eq!(
            parse_backup(v2.as_bytes(), shipped()),
            Err(BackupError::UnknownVersion(2))
        );
        let extra = b
            .to_json()
            .replace("\"version\":1", "\"version\":1,\"name\":\"x\"");
        assert!(matches!(
            parse_backup(extra.as_bytes(), shipped()),
            Err(BackupError::Schema { .. })
        ));
        let mut dup = b.clone();
        dup.records.push(dup.records[0].clone());
        assert!(matches!(
            parse_backup(dup.to_json().as_bytes(), shipped()),
            Err(BackupError::Duplicate(_))
        ));
        let mut orphan = b.clone();
        orphan.participants.pop();
        assert!(matches!(
            parse_backup(orphan.to_json().as_bytes(), shipped()),
            Err(BackupError::Orphan(_))
        ));
        let mut bad = b.clone();
        bad.records[0].answers.clear();
        assert!(matches!(
            parse_backup(bad.to_json().as_bytes(), shipped()),
            Err(BackupError::Record { .. })
        ));
        assert!(BackupError::NotABackup
            .message(Lang::Da)
            .contains("sikkerhedskopi"));
    }

    #[test]
    fn restoring_into_an_empty_tablet_takes_everything() {
        let b = backup();
        let plan = plan_restore(&[], &[], &Erasures::default(), &b, &BTreeSet::new());
        assert_eq!(plan.new_participants, b.participants);
        assert_eq!(plan.new_records, b.records);
        assert!(!plan.has_conflicts());
        assert_eq!(
            (plan.duplicate_participants, plan.duplicate_records),
            (0, 0)
        );
    }

    #[test]
    fn duplicates_are_kept_once_and_conflicts_are_shown_not_settled() {
        let b = backup();
        let mut other = participant("A1B2C3");
        other.gender = Gender::Boy;
        let mut exported = b.records[0].clone();
        exported.exported = true;
        let changed = record(2, "A1B2C3", [0, 0, 0, 0, 0]);
        let here_p = vec![participant("938NKR"), other.clone(), participant("ZZZZZZ")];
        let here_r = vec![
            exported,
            changed.clone(),
            record(9, "ZZZZZZ", [1, 1, 1, 1, 1]),
        ];
        let plan = plan_restore(&here_p, &here_r, &Erasures::default(), &b, &BTreeSet::new());
        assert!(plan.new_participants.is_empty() && plan.new_records.is_empty());
        // Differing only in the export mark is the same response.
        assert_eq!(
            (plan.duplicate_participants, plan.duplicate_records),
            (1, 1)
        );
        assert_eq!(
            plan.participant_conflicts,
            vec![ParticipantConflict {
                here: other,
                backup: participant("A1B2C3")
            }]
        );
        assert_eq!(
            plan.record_conflicts,
            vec![RecordConflict {
                here: changed,
                backup: b.records[1].clone()
            }]
        );
        assert!(plan.has_conflicts());
    }

    #[test]
    fn only_exported_records_older_than_the_period_are_due() {
        let mut old = record(1, "938NKR", [3, 3, 3, 3, 3]);
        old.date = Date::new(2024, 2, 28).unwrap();
        old.exported = true;
        let mut kept = old.clone();
        kept.id = id(2);
        kept.exported = false;
        let mut recent = old.clone();
        recent.id = id(3);
        recent.date = Date::new(2024, 2, 29).unwrap();
        let records = [old.clone(), kept, recent.clone()];
        // 24 months before 2026-02-28 is 2024-02-28: that day is not older.
        assert!(past_retention(&records, Date::new(2026, 2, 28).unwrap(), 24).is_empty());
        assert_eq!(
            past_retention(&records, Date::new(2026, 3, 1).unwrap(), 24),
            vec![old.id, recent.id]
        );
        // 2024-03-31 minus one month is the last day of February (the 29th).
        assert_eq!(
            past_retention(&records, Date::new(2024, 3, 31).unwrap(), 1),
            vec![old.id]
        );
        assert_eq!(
            past_retention(&records, Date::new(2024, 3, 30).unwrap(), 0).len(),
            2
        );
    }

    #[test]
    fn erased_participants_and_records_never_come_back() {
        let b = backup();
        let mut erased = Erasures::default();
        erased.records.insert(b.records[0].id);
        let codes: BTreeSet<ParticipantCode> = [ParticipantCode::parse("A1B2C3").unwrap()].into();
        let plan = plan_restore(&[], &[], &erased, &b, &codes);
        assert_eq!(plan.new_participants, vec![participant("938NKR")]);
        assert!(plan.new_records.is_empty());
        assert_eq!((plan.erased_participants, plan.erased_records), (1, 2));
        assert_eq!(plan.erasures.records.len(), 1);
        // The backup's own notes join the tablet's.
        let mut noted = b.clone();
        noted.erased.participants.push(ErasedCode {
            salt: "00".repeat(16),
            hash: "11".repeat(32),
        });
        let plan = plan_restore(&[], &[], &erased, &noted, &BTreeSet::new());
        assert_eq!(plan.erasures.participants.len(), 1);
        assert_eq!(plan.erasures.records.len(), 1);
        assert_eq!(erased.union(&erased), erased);
    }

    #[test]
    fn a_backup_carries_its_programme_files_and_refuses_one_that_does_not_read() {
        let worry = include_str!("../../../tests/fixtures/programme/worry.json");
        let mut b = backup();
        b.programmes.push(worry.to_string());
        let parsed = parse_backup(b.to_json().as_bytes(), shipped()).unwrap();
        assert_eq!(parsed.programmes, vec![worry.to_string()]);
        let mut bad = backup();
        bad.programmes.push("{}".into());
        assert!(matches!(
            parse_backup(bad.to_json().as_bytes(), shipped()),
            Err(BackupError::Programme(_))
        ));
        // A backup without programme files says nothing of them.
        assert!(!backup().to_json().contains("programmes"));
    }
}
