//! The page's own words, each entry with its Danish and English side by side
//! (see `trivsel_core::catalogue!`), so a missing translation does not build.
//! The report's labels, the import errors and the conflict messages are
//! core's (they read the same in the CLI); everything around them is here.

use trivsel_core::messages::lower_first;
use trivsel_core::{catalogue, Lang};

catalogue! {
    /// The evaluator's page's text in one language.
    pub struct Messages;
    /// The catalogue in `lang`.
    pub fn messages;
    texts {
        /// The document title.
        page_title = { da: "Trivsel – evaluering", en: "Trivsel – evaluation" },
        heading = { da: "Evaluering", en: "Evaluation" },
        intro = {
            da: "Åbn eksportfilerne fra tabletterne for at lægge dem sammen og se rapporten. Et programs egne skemaer følger med i eksportfilerne; en programfil kan åbnes ved siden af. Filerne læses kun her i browseren: intet sendes nogen steder hen, og intet gemmes.",
            en: "Open the export files from the tablets to merge them and see the report. A programme's own questionnaires come with its export files; a programme file may be opened beside them. The files are read only here in the browser: nothing is sent anywhere, and nothing is stored.",
        },
        back_to_app = { da: "Til tablet-appen", en: "To the tablet app" },
        /// The language switch: the name of the other language, in that language.
        switch_to = { da: "English", en: "Dansk" },
        switch_to_lang: Lang = { da: Lang::En, en: Lang::Da },
        // The evaluator's key.
        key_heading = { da: "Evaluatorens nøgle", en: "The evaluator's key" },
        key_intro = {
            da: "Eksportfiler, der ender på .age, er krypteret til evaluatorens offentlige nøgle. Åbn din nøglefil (AGE-SECRET-KEY-…) én gang: filerne åbnes med den, også dem, der allerede er valgt. Den holdes kun i denne fane og glemmes, når siden lukkes eller genindlæses. Har du ingen nøgle endnu, så lav et nøglepar her.",
            en: "Export files ending in .age are encrypted to the evaluator's public key. Open your key file (AGE-SECRET-KEY-…) once: the files are opened with it, those already chosen too. It is kept only in this tab and forgotten when the page is closed or reloaded. If you have no key yet, make a key pair here.",
        },
        key_open = { da: "Åbn nøglefil", en: "Open key file" },
        key_make = { da: "Lav et nyt nøglepar", en: "Make a new key pair" },
        key_held = {
            da: "Nøglen er åbnet. Krypterede eksportfiler åbnes med den.",
            en: "The key is open. Encrypted export files are opened with it.",
        },
        key_public = { da: "Offentlig nøgle", en: "Public key" },
        key_fingerprint = { da: "Fingeraftryk", en: "Fingerprint" },
        key_give = {
            da: "Giv rådgiverne den offentlige nøgle (den er ikke hemmelig), og sammenlign fingeraftrykket med det, tabletten viser, fx i telefonen.",
            en: "Give the counsellors the public key (it is not secret), and compare the fingerprint with the one the tablet shows, e.g. on the phone.",
        },
        key_only_copy = {
            da: "Gem nøglefilen nu, et sikkert sted og ikke på en tablet. Den er den eneste kopi af den hemmelige nøgle: uden den kan ingen eksport, der er krypteret til nøglen, åbnes – heller ikke af os.",
            en: "Save the key file now, somewhere safe and not on a tablet. It is the only copy of the secret key: without it no export encrypted to the key can be opened – not even by us.",
        },
        key_save = { da: "Gem nøglefilen", en: "Save the key file" },
        key_forget = { da: "Glem nøglen", en: "Forget the key" },
        /// The identity file's name stem (`.txt` follows).
        key_file = { da: "trivsel-evaluatornoegle", en: "trivsel-evaluator-key" },
        // Files.
        files_heading = { da: "Eksportfiler", en: "Export files" },
        choose_files = { da: "Vælg eksportfiler", en: "Choose export files" },
        drop_hint = { da: "… eller træk filerne hertil.", en: "… or drop the files here." },
        drop_now = { da: "Slip filerne her.", en: "Drop the files here." },
        no_files = { da: "Ingen filer endnu.", en: "No files yet." },
        reading = { da: "Læser …", en: "Reading …" },
        rejected = { da: "Afvist:", en: "Rejected:" },
        unreadable = { da: "Filen kunne ikke læses.", en: "The file could not be read." },
        remove = { da: "Fjern", en: "Remove" },
        clear = { da: "Ryd", en: "Clear" },
        // Merge.
        merge_heading = { da: "Sammenlægning", en: "Merge" },
        in_report = { da: "Besvarelser i rapporten", en: "Responses in the report" },
        duplicates = {
            da: "Dubletter (samme id og indhold, talt én gang)",
            en: "Duplicates (same id and content, counted once)",
        },
        superseded = { da: "Erstattet af en rettelse", en: "Replaced by a correction" },
        conflicts = {
            da: "Konflikter (samme id, forskelligt indhold; ingen af dem tæller med)",
            en: "Conflicts (same id, different content; none of them counts)",
        },
        conflicts_heading = { da: "Konflikter", en: "Conflicts" },
        cycles_heading = { da: "Rettelser i ring", en: "Corrections in a ring" },
        // Settings.
        settings_heading = { da: "Indstillinger", en: "Settings" },
        min_cell = {
            da: "Mindste viste gruppe (deltagere)",
            en: "Smallest group shown (participants)",
        },
        breakdown = { da: "Grupper i tabellerne", en: "Groups in the tables" },
        not_a_number = { da: "Skriv et tal, fx 7,5.", en: "Type a number, e.g. 7.5." },
        not_a_whole_number = { da: "Skriv et helt tal, fx 5.", en: "Type a whole number, e.g. 5." },
        // Report.
        computing = { da: "Beregner …", en: "Calculating …" },
        nothing_to_report = {
            da: "Ingen godkendte filer endnu: rapporten vises, når mindst én fil er læst uden fejl.",
            en: "No accepted files yet: the report shows once at least one file has been read without errors.",
        },
        measure = { da: "Mål", en: "Figure" },
        chart_intake = { da: "Ved indskrivning", en: "At intake" },
        chart_last = { da: "Ved sidste måling", en: "At the last measurement" },
        axis_count = { da: "Antal deltagere", en: "Number of participants" },
        /// The bins' axis where the report does not say which score they are of.
        axis_range = { da: "Interval", en: "Range" },
        // Actions.
        download_report = { da: "Download rapport (CSV)", en: "Download report (CSV)" },
        download_records_csv = { da: "Download besvarelser (CSV)", en: "Download responses (CSV)" },
        download_records_ndjson = {
            da: "Download besvarelser (NDJSON)",
            en: "Download responses (NDJSON)",
        },
        download_failed = { da: "Filen kunne ikke gemmes.", en: "The file could not be saved." },
        print = { da: "Udskriv", en: "Print" },
        /// File name stems: `trivsel-rapport` + `-2026-11-23.csv`.
        report_file = { da: "trivsel-rapport", en: "trivsel-report" },
        records_file = { da: "trivsel-besvarelser", en: "trivsel-responses" },
    }
    formats {
        /// "29 besvarelser", "1 besvarelse".
        fn responses(n: usize) -> String = {
            da: match n {
                1 => "1 besvarelse".into(),
                n => format!("{n} besvarelser"),
            },
            en: match n {
                1 => "1 response".into(),
                n => format!("{n} responses"),
            },
        },
        /// The live region while files are read: "Læser 2 af 5 filer …".
        fn reading_files(done: usize, total: usize) -> String = {
            da: format!("Læser {done} af {total} filer …"),
            en: format!("Reading {done} of {total} files …"),
        },
        /// "3 filer", "1 fil".
        fn files(n: usize) -> String = {
            da: match n {
                1 => "1 fil".into(),
                n => format!("{n} filer"),
            },
            en: match n {
                1 => "1 file".into(),
                n => format!("{n} files"),
            },
        },
        /// After the ready message: how many files were rejected, if any.
        fn rejected_files(n: usize) -> String = {
            da: match n {
                0 => String::new(),
                1 => " 1 fil er afvist.".into(),
                n => format!(" {n} filer er afvist."),
            },
            en: match n {
                0 => String::new(),
                1 => " 1 file was rejected.".into(),
                n => format!(" {n} files were rejected."),
            },
        },
        /// The live region when the report is ready, from the two counts above.
        fn report_ready(records: &str, files: &str, rejected: &str) -> String = {
            da: format!("Rapporten er klar: {records} fra {files}.{rejected}"),
            en: format!("The report is ready: {records} from {files}.{rejected}"),
        },
        /// The live region when no file was accepted.
        fn all_rejected(rejected: usize) -> String = {
            da: match rejected {
                1 => "Filen er afvist.".into(),
                n => format!("Alle {n} filer er afvist."),
            },
            en: match rejected {
                1 => "The file was rejected.".into(),
                n => format!("All {n} files were rejected."),
            },
        },
        /// The files a printed report rests on: "Filer: a.json, b.json."
        fn merged_files(names: &[String]) -> String = {
            da: format!("Filer: {}.", names.join(", ")),
            en: format!("Files: {}.", names.join(", ")),
        },
        /// The key under the charts: how a suppressed bin is drawn.
        fn chart_suppressed_key(min_cell: u32) -> String = {
            da: format!("Stiplet søjle: færre end {min_cell} deltagere (tallet vises ikke)."),
            en: format!("Dashed bar: fewer than {min_cell} participants (the number is not shown)."),
        },
        /// The key under the charts when a bin is hidden to protect a
        /// suppressed one: drawn with no bar.
        fn chart_hidden_key(min_cell: u32) -> String = {
            da: format!("«skjult» uden søjle: mindst {min_cell} deltagere, skjult så de små tal ikke kan regnes ud."),
            en: format!("«hidden» with no bar: at least {min_cell} participants, hidden so that the small numbers cannot be worked out."),
        },
        /// The accessible summary of one distribution chart: the table's
        /// title, `when` and the bins already written ("0–9: 3; 10–19: < 5").
        fn chart_summary_of(title: &str, when: &str, bins: &str) -> String = {
            da: format!("Søjlediagram: {title}, {when}, antal deltagere pr. interval: {bins}."),
            en: format!("Bar chart: {title}, {when}, number of participants per range: {bins}."),
        },
        /// A programme file in the file list: "Programfil: Navn, version 2 (1 skema)".
        fn programme_file(name: &str, version: u32, instruments: usize) -> String = {
            da: match instruments {
                1 => format!("Programfil: {name}, version {version} (1 skema)"),
                n => format!("Programfil: {name}, version {version} ({n} skemaer)"),
            },
            en: match instruments {
                1 => format!("Programme file: {name}, version {version} (1 questionnaire)"),
                n => format!("Programme file: {name}, version {version} ({n} questionnaires)"),
            },
        },
        /// A reference value's field, named by the data: the score's short
        /// name and the reference's.
        fn reference_label(score: &str, reference: &str) -> String = {
            da: format!("Reference for {score} ({reference})"),
            en: format!("Reference for {score} ({reference})"),
        },
        fn reference_hint(min: u32, max: u32, own: &str) -> String = {
            da: format!("Et tal fra {min} til {max}; skemaets egen: {own}."),
            en: format!("A number from {min} to {max}; the questionnaire's own: {own}."),
        },
        /// A reliable-change criterion with a minimal detectable change:
        /// the criterion's name (capitalised) and the score's short name.
        fn mdc_label(criterion: &str, score: &str) -> String = {
            da: format!("{criterion} for {score}: mere end (point)"),
            en: format!("{criterion} for {score}: more than (points)"),
        },
        fn mdc_hint(own: &str) -> String = {
            da: format!("Mindste påviselige ændring; skemaets egen: {own}."),
            en: format!("Minimal detectable change; the questionnaire's own: {own}."),
        },
        /// A Jacobson & Truax criterion's two fields.
        fn sd_label(criterion: &str, score: &str) -> String = {
            da: format!("{criterion} for {score}: standardafvigelse (SD)"),
            en: format!("{criterion} for {score}: standard deviation (SD)"),
        },
        fn reliability_label(criterion: &str, score: &str) -> String = {
            da: format!("{criterion} for {score}: reliabilitet (r)"),
            en: format!("{criterion} for {score}: reliability (r)"),
        },
        fn jt_hint(own: &str) -> String = {
            da: format!("Jacobson & Truax (1991); skemaets egen: {own}."),
            en: format!("Jacobson & Truax (1991); the questionnaire's own: {own}."),
        },
        fn min_cell_hint(own: u32) -> String = {
            da: format!("Celler med færre deltagere vises ikke; som standard {own}."),
            en: format!("Cells with fewer participants are not shown; {own} by default."),
        },
    }
}

impl Messages {
    /// The accessible name of a file's remove button: "Fjern a.json".
    pub fn remove_file(&self, name: &str) -> String {
        format!("{} {name}", self.remove)
    }

    /// The live region when the report is ready.
    pub fn ready(&self, records: usize, files: usize, rejected: usize) -> String {
        self.report_ready(
            &self.responses(records),
            &self.files(files),
            &self.rejected_files(rejected),
        )
    }

    /// The accessible summary of one distribution chart.
    pub fn chart_summary(&self, title: &str, when: &str, bins: &[(String, String)]) -> String {
        let bins = bins
            .iter()
            .map(|(range, value)| format!("{range}: {value}"))
            .collect::<Vec<_>>()
            .join("; ");
        self.chart_summary_of(title, &lower_first(when), &bins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_for_one() {
        let (da, en) = (messages(Lang::Da), messages(Lang::En));
        assert_eq!(da.responses(1), "1 besvarelse");
        assert_eq!(da.responses(29), "29 besvarelser");
        assert_eq!(en.responses(0), "0 responses");
        assert_eq!(
            da.ready(85, 3, 0),
            "Rapporten er klar: 85 besvarelser fra 3 filer."
        );
        assert_eq!(
            en.ready(1, 1, 2),
            "The report is ready: 1 response from 1 file. 2 files were rejected."
        );
    }

    #[test]
    fn each_language_switches_to_the_other() {
        for lang in Lang::ALL {
            assert_eq!(messages(lang).lang, lang);
            assert_ne!(messages(lang).switch_to_lang, lang);
        }
    }
}
