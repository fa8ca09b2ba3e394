//! The export page's own text: kept apart from the tablet's [`Messages`] so
//! the tablet's first load does not carry it (the export page is its own
//! bundle).

use trivsel_core::backup::RestorePlan;
use trivsel_core::{catalogue, tr, ResponseRecord};

#[cfg(doc)]
use super::Messages;

catalogue! {
    /// The export page's own text: kept apart from [`Messages`] so the
    /// tablet's first load does not carry it (the export page is its own
    /// bundle).
    pub struct ExportMessages;
    /// The export page's catalogue in `lang`.
    pub fn export_messages;
    texts {
        export_intro = {
            da: "Eksporten er anonymiseret: deltagerkode, køn, aldersgruppe, sted, forløb, målepunkt, uge, svar og scorer. Aldrig navne, fritekst eller klokkeslæt. Eksporterede besvarelser bliver på tabletten, markeret som eksporteret.",
            en: "The export is anonymised: participant code, gender, age band, site, course, measurement point, week, answers and scores. Never names, free text or times of day. Exported responses stay on the tablet, marked as exported.",
        },
        export_which = { da: "Hvilke besvarelser?", en: "Which responses?" },
        scope_not_exported = {
            da: "Kun dem, der ikke er eksporteret endnu",
            en: "Only those not exported yet",
        },
        scope_all = { da: "Alle besvarelser", en: "All responses" },
        scope_range = { da: "Besvarelser i en periode", en: "Responses in a period" },
        date_from = { da: "Fra og med dato", en: "From date (included)" },
        date_to = { da: "Til og med dato", en: "To date (included)" },
        date_invalid = {
            da: "Vælg både en start- og en slutdato.",
            en: "Choose both a start and an end date.",
        },
        export_format = { da: "Filformat", en: "File format" },
        format_json = {
            da: "JSON – til evalueringssiden og kommandolinjeværktøjet",
            en: "JSON – for the evaluation page and the command-line tool",
        },
        format_csv = { da: "CSV – til regneark (UTF-8)", en: "CSV – for spreadsheets (UTF-8)" },
        format_ndjson = {
            da: "NDJSON – én besvarelse pr. linje, til store analyser",
            en: "NDJSON – one response per line, for large analyses",
        },
        delete_heading = { da: "Slet eksporterede besvarelser", en: "Delete exported responses" },
        delete_explained = {
            da: "Sletning fjerner kun besvarelser, der er eksporteret. Ikke-eksporterede besvarelser og deltagerne bliver på tabletten.",
            en: "Deleting only removes responses that have been exported. Responses not yet exported and the participants stay on the tablet.",
        },
        delete_none = {
            da: "Der er ingen eksporterede besvarelser at slette.",
            en: "There are no exported responses to delete.",
        },
        delete_warning = {
            da: "Sletningen kan ikke fortrydes. Besvarelserne findes derefter kun i de filer, du har eksporteret.",
            en: "Deleting cannot be undone. The responses then exist only in the files you exported.",
        },        // Encrypted storage (issue 12): setting up first, the backup, the
        // restore, erasure, retention, the passphrase and the recovery key.
        setup_on_tablet = {
            da: "Tabletten er ikke sat op endnu, eller dens data fra en tidligere version er ikke krypteret endnu. Det gør en rådgiver én gang på tablettens forside: en adgangssætning og en PIN-kode.",
            en: "The tablet is not set up yet, or its data from an earlier version is not encrypted yet. A counsellor does that once on the tablet's front page: a passphrase and a PIN.",
        },
        setup_on_tablet_link = { da: "Til tablettens forside", en: "To the tablet's front page" },
        backup_heading = { da: "Sikkerhedskopi", en: "Backup" },
        backup_intro = {
            da: "En sikkerhedskopi rummer alle deltagere og besvarelser på tabletten, også de eksporterede, indstillingerne og programfilerne. Den krypteres med sin egen adgangssætning (age-formatet) og kan gendannes på denne eller en anden tablet. Gem filen og adgangssætningen hver for sig.",
            en: "A backup holds every participant and response on the tablet, exported or not, the settings and the programme files. It is encrypted with its own passphrase (the age format) and can be restored on this tablet or another. Keep the file and the passphrase apart.",
        },
        backup_passphrase = { da: "Adgangssætning til sikkerhedskopien", en: "Passphrase for the backup" },
        backup_repeat = { da: "Gentag sikkerhedskopiens adgangssætning", en: "Repeat the backup's passphrase" },
        backup_button = { da: "Lav sikkerhedskopi", en: "Make a backup" },
        backup_working = {
            da: "Laver sikkerhedskopi … Det tager nogle sekunder.",
            en: "Making the backup … This takes a few seconds.",
        },
        restore_heading = { da: "Gendan fra en sikkerhedskopi", en: "Restore from a backup" },
        restore_intro = {
            da: "Gendannelsen tilføjer det, tabletten ikke har. Det, der findes begge steder med samme indhold, tages kun én gang. Det, der findes begge steder med forskelligt indhold, vises her og bliver, som det er på tabletten.",
            en: "Restoring adds what the tablet does not have. What exists in both with the same content is kept once. What exists in both with different content is shown here and stays as it is on the tablet.",
        },
        restore_file = { da: "Fil med sikkerhedskopi", en: "Backup file" },
        restore_passphrase = { da: "Sikkerhedskopiens adgangssætning", en: "The backup's passphrase" },
        restore_read = { da: "Læs sikkerhedskopien", en: "Read the backup" },
        restore_working = {
            da: "Læser sikkerhedskopien … Det tager nogle sekunder.",
            en: "Reading the backup … This takes a few seconds.",
        },
        restore_unreadable = { da: "Filen kunne ikke læses.", en: "The file could not be read." },
        restore_wrong_passphrase = {
            da: "Forkert adgangssætning til sikkerhedskopien.",
            en: "Wrong passphrase for the backup.",
        },
        restore_not_backup = {
            da: "Filen er ikke en sikkerhedskopi fra trivsel.",
            en: "The file is not a trivsel backup.",
        },
        restore_too_costly = {
            da: "Filen kræver mere regnekraft, end en sikkerhedskopi fra trivsel gør. Den gendannes ikke.",
            en: "The file demands more computing than a trivsel backup does. It is not restored.",
        },
        conflicts_heading = { da: "Konflikter", en: "Conflicts" },
        conflicts_explained = {
            da: "Disse findes både på tabletten og i sikkerhedskopien, men med forskelligt indhold. Tablettens version bliver stående; intet vælges for dig.",
            en: "These exist both on the tablet and in the backup, but with different content. The tablet's version stays; nothing is chosen for you.",
        },
        on_tablet = { da: "På tabletten", en: "On the tablet" },
        in_backup = { da: "I sikkerhedskopien", en: "In the backup" },
        erase_heading = { da: "Slet en deltager", en: "Erase a participant" },
        erase_intro = {
            da: "Sletter deltageren og alle deltagerens besvarelser fra tabletten, også de ikke-eksporterede. Tabletten husker kun, at noget er slettet (ikke koden), så en gendannet sikkerhedskopi ikke henter det tilbage.",
            en: "Erases the participant and every response of theirs from the tablet, exported or not. The tablet remembers only that something was erased (not the code), so a restored backup does not bring it back.",
        },
        erase_which = { da: "Deltager", en: "Participant" },
        erase_warning = { da: "Sletningen kan ikke fortrydes.", en: "The erasure cannot be undone." },
        retention_heading = { da: "Opbevaring", en: "Retention" },
        retention_months = {
            da: "Opbevaringsperiode i måneder efter eksport",
            en: "Retention period in months after export",
        },
        retention_save = { da: "Gem opbevaringsperiode", en: "Save retention period" },
        retention_invalid = {
            da: "Skriv et helt antal måneder fra 1 til 120.",
            en: "Enter a whole number of months from 1 to 120.",
        },
        keys_heading = { da: "Adgangssætning og gendannelsesnøgle", en: "Passphrase and recovery key" },
        current_passphrase = { da: "Nuværende adgangssætning", en: "Current passphrase" },
        change_passphrase = { da: "Skift adgangssætning", en: "Change passphrase" },
        passphrase_changed = {
            da: "Adgangssætningen er skiftet. Data er ikke rørt; kun nøglen er pakket ind igen.",
            en: "The passphrase is changed. The data is untouched; only the key was wrapped again.",
        },
        recovery_intro = {
            da: "En gendannelsesnøgle låser tabletten op, hvis adgangssætningen er glemt. Den vises kun én gang: skriv den ned, og opbevar den hos organisationen, ikke ved tabletten.",
            en: "A recovery key unlocks the tablet if the passphrase is forgotten. It is shown only once: write it down and keep it with the organisation, not with the tablet.",
        },
        recovery_button = { da: "Lav en ny gendannelsesnøgle", en: "Make a new recovery key" },
        recovery_shown = { da: "Gendannelsesnøgle (vises kun nu):", en: "Recovery key (shown only now):" },
        recovery_kept = { da: "Tabletten har en gendannelsesnøgle.", en: "The tablet has a recovery key." },
        recovery_none = {
            da: "Tabletten har ingen gendannelsesnøgle. Glemmes adgangssætningen, kan data ikke læses igen.",
            en: "The tablet has no recovery key. If the passphrase is forgotten, the data cannot be read again.",
        },
        // End of issue 12's texts.
    }
    formats {
        fn export_button(n: usize) -> String = {
            da: match n {
                1 => "Eksportér 1 besvarelse".into(),
                n => format!("Eksportér {n} besvarelser"),
            },
            en: match n {
                1 => "Export 1 response".into(),
                n => format!("Export {n} responses"),
            },
        },
        fn exported(n: usize, file: &str) -> String = {
            da: match n {
                1 => format!("1 besvarelse er eksporteret til {file} og markeret som eksporteret."),
                n => format!("{n} besvarelser er eksporteret til {file} og markeret som eksporteret."),
            },
            en: match n {
                1 => format!("1 response was exported to {file} and marked as exported."),
                n => format!("{n} responses were exported to {file} and marked as exported."),
            },
        },
        fn delete_button(n: usize) -> String = {
            da: match n {
                1 => "Slet 1 eksporteret besvarelse …".into(),
                n => format!("Slet {n} eksporterede besvarelser …"),
            },
            en: match n {
                1 => "Delete 1 exported response …".into(),
                n => format!("Delete {n} exported responses …"),
            },
        },
        fn delete_confirm(n: usize) -> String = {
            da: match n {
                1 => "Ja, slet 1 besvarelse".into(),
                n => format!("Ja, slet {n} besvarelser"),
            },
            en: match n {
                1 => "Yes, delete 1 response".into(),
                n => format!("Yes, delete {n} responses"),
            },
        },
        // Encrypted storage (issue 12): backup, restore, erasure, retention.
        fn backup_made(n: usize, file: &str) -> String = {
            da: format!("Sikkerhedskopien med {n} besvarelser er gemt som {file}. Gem den et sikkert sted, og adgangssætningen et andet sted."),
            en: format!("The backup with {n} responses was saved as {file}. Keep it somewhere safe, and the passphrase somewhere else."),
        },
        fn restore_button(participants: usize, records: usize) -> String = {
            da: format!("Gendan {participants} deltagere og {records} besvarelser"),
            en: format!("Restore {participants} participants and {records} responses"),
        },
        fn restored(participants: usize, records: usize) -> String = {
            da: format!("Gendannet: {participants} deltagere og {records} besvarelser."),
            en: format!("Restored: {participants} participants and {records} responses."),
        },
        fn erase_button(code: &str) -> String = {
            da: format!("Slet deltager {code} …"),
            en: format!("Erase participant {code} …"),
        },
        fn erase_confirm(code: &str, records: usize) -> String = {
            da: format!("Ja, slet {code} og {records} besvarelser"),
            en: format!("Yes, erase {code} and {records} responses"),
        },
        fn erased(code: &trivsel_core::ParticipantCode, records: usize) -> String = {
            da: format!("Deltager {code} og {records} besvarelser er slettet fra tabletten."),
            en: format!("Participant {code} and {records} responses were erased from the tablet."),
        },
        fn past_retention(n: usize, months: u32) -> String = {
            da: format!("{n} eksporterede besvarelser er ældre end {months} måneder."),
            en: format!("{n} exported responses are older than {months} months."),
        },
        fn retention_saved(months: u32) -> String = {
            da: format!("Opbevaringsperioden er nu {months} måneder."),
            en: format!("The retention period is now {months} months."),
        },
        // End of issue 12's formats.
        fn deleted(n: usize) -> String = {
            da: match n {
                1 => "1 besvarelse er slettet fra tabletten.".into(),
                n => format!("{n} besvarelser er slettet fra tabletten."),
            },
            en: match n {
                1 => "1 response was deleted from the tablet.".into(),
                n => format!("{n} responses were deleted from the tablet."),
            },
        },
    }
}

impl ExportMessages {
    /// What a restore would do, before anything is written.
    pub fn restore_plan(&self, plan: &RestorePlan) -> String {
        let (np, nr) = (plan.new_participants.len(), plan.new_records.len());
        let (dp, dr) = (plan.duplicate_participants, plan.duplicate_records);
        let (ep, er) = (plan.erased_participants, plan.erased_records);
        let (cp, cr) = (
            plan.participant_conflicts.len(),
            plan.record_conflicts.len(),
        );
        tr!(self.lang,
            da: format!("Nye: {np} deltagere og {nr} besvarelser. Findes allerede med samme indhold: {dp} deltagere og {dr} besvarelser. Konflikter: {cp} deltagere og {cr} besvarelser. Slettet tidligere og tages ikke med: {ep} deltagere og {er} besvarelser."),
            en: format!("New: {np} participants and {nr} responses. Already here with the same content: {dp} participants and {dr} responses. Conflicts: {cp} participants and {cr} responses. Erased earlier and left out: {ep} participants and {er} responses."),
        )
    }

    /// One side of a conflicting response, in a few words.
    pub fn record_summary(&self, r: &ResponseRecord) -> String {
        let answers: Vec<String> = r
            .answers
            .values()
            .map(|a| {
                a.values()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let (date, point, answers) = (r.date, r.point.label(self.lang), answers.join(" / "));
        tr!(self.lang,
            da: format!("{date} · {point} · svar {answers}"),
            en: format!("{date} · {point} · answers {answers}"),
        )
    }
}
