//! The page's own words, in Danish and English. The report's labels, the
//! import errors and the conflict messages are core's (they read the same in
//! the CLI); everything around them is here. One struct value per language,
//! so a missing translation does not compile.

use trivsel_core::Lang;

pub struct Messages {
    pub lang: Lang,
    /// The document title.
    pub page_title: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub back_to_app: &'static str,
    /// The language switch: the name of the other language, in that language.
    pub switch_to: &'static str,
    pub switch_to_lang: Lang,
    // Files.
    pub files_heading: &'static str,
    pub choose_files: &'static str,
    pub drop_hint: &'static str,
    pub drop_now: &'static str,
    pub no_files: &'static str,
    pub reading: &'static str,
    pub rejected: &'static str,
    pub unreadable: &'static str,
    pub remove: &'static str,
    pub clear: &'static str,
    // Merge.
    pub merge_heading: &'static str,
    pub in_report: &'static str,
    pub duplicates: &'static str,
    pub superseded: &'static str,
    pub conflicts: &'static str,
    pub conflicts_heading: &'static str,
    // Settings.
    pub settings_heading: &'static str,
    pub ladder_reference: &'static str,
    pub ladder_reference_hint: &'static str,
    pub mdc: &'static str,
    pub mdc_hint: &'static str,
    pub not_a_number: &'static str,
    // Report.
    pub computing: &'static str,
    pub nothing_to_report: &'static str,
    pub measure: &'static str,
    pub charts_heading: &'static str,
    pub chart_intake: &'static str,
    pub chart_last: &'static str,
    pub axis_count: &'static str,
    pub axis_score: &'static str,
    // Actions.
    pub download_report: &'static str,
    pub download_records_csv: &'static str,
    pub download_records_ndjson: &'static str,
    pub download_failed: &'static str,
    pub print: &'static str,
    /// File name stems: `trivsel-rapport` + `-2026-11-23.csv`.
    pub report_file: &'static str,
    pub records_file: &'static str,
}

pub const DA: Messages = Messages {
    lang: Lang::Da,
    page_title: "Trivsel – evaluering",
    heading: "Evaluering",
    intro: "Åbn eksportfilerne fra tabletterne for at lægge dem sammen og se rapporten. Filerne læses kun her i browseren: intet sendes nogen steder hen, og intet gemmes.",
    back_to_app: "Til tablet-appen",
    switch_to: "English",
    switch_to_lang: Lang::En,
    files_heading: "Eksportfiler",
    choose_files: "Vælg eksportfiler",
    drop_hint: "… eller træk filerne hertil.",
    drop_now: "Slip filerne her.",
    no_files: "Ingen filer endnu.",
    reading: "Læser …",
    rejected: "Afvist:",
    unreadable: "Filen kunne ikke læses.",
    remove: "Fjern",
    clear: "Ryd",
    merge_heading: "Sammenlægning",
    in_report: "Besvarelser i rapporten",
    duplicates: "Dubletter (samme id og indhold, talt én gang)",
    superseded: "Erstattet af en rettelse",
    conflicts: "Konflikter (samme id, forskelligt indhold; ingen af dem tæller med)",
    conflicts_heading: "Konflikter",
    settings_heading: "Indstillinger",
    ladder_reference: "Reference for trivselsstigen (0–10)",
    ladder_reference_hint: "Danske unge generelt: 7,5.",
    mdc: "Pålidelig ændring i WHO-5: mere end (point)",
    mdc_hint: "Mindste påviselige ændring; dansk WHO-5: 23,6.",
    not_a_number: "Skriv et tal, fx 7,5.",
    computing: "Beregner …",
    nothing_to_report: "Ingen godkendte filer endnu: rapporten vises, når mindst én fil er læst uden fejl.",
    measure: "Mål",
    charts_heading: "Fordeling af WHO-5-score",
    chart_intake: "Ved indskrivning",
    chart_last: "Ved sidste måling",
    axis_count: "Antal deltagere",
    axis_score: "WHO-5-score (0–100)",
    download_report: "Download rapport (CSV)",
    download_records_csv: "Download besvarelser (CSV)",
    download_records_ndjson: "Download besvarelser (NDJSON)",
    download_failed: "Filen kunne ikke gemmes.",
    print: "Udskriv",
    report_file: "trivsel-rapport",
    records_file: "trivsel-besvarelser",
};

pub const EN: Messages = Messages {
    lang: Lang::En,
    page_title: "Trivsel – evaluation",
    heading: "Evaluation",
    intro: "Open the export files from the tablets to merge them and see the report. The files are read only here in the browser: nothing is sent anywhere, and nothing is stored.",
    back_to_app: "To the tablet app",
    switch_to: "Dansk",
    switch_to_lang: Lang::Da,
    files_heading: "Export files",
    choose_files: "Choose export files",
    drop_hint: "… or drop the files here.",
    drop_now: "Drop the files here.",
    no_files: "No files yet.",
    reading: "Reading …",
    rejected: "Rejected:",
    unreadable: "The file could not be read.",
    remove: "Remove",
    clear: "Clear",
    merge_heading: "Merge",
    in_report: "Responses in the report",
    duplicates: "Duplicates (same id and content, counted once)",
    superseded: "Replaced by a correction",
    conflicts: "Conflicts (same id, different content; none of them counts)",
    conflicts_heading: "Conflicts",
    settings_heading: "Settings",
    ladder_reference: "Ladder reference (0–10)",
    ladder_reference_hint: "Danish young people in general: 7.5.",
    mdc: "Reliable change in WHO-5: more than (points)",
    mdc_hint: "Minimal detectable change; Danish WHO-5: 23.6.",
    not_a_number: "Type a number, e.g. 7.5.",
    computing: "Calculating …",
    nothing_to_report: "No accepted files yet: the report shows once at least one file has been read without errors.",
    measure: "Figure",
    charts_heading: "Distribution of WHO-5 scores",
    chart_intake: "At intake",
    chart_last: "At the last measurement",
    axis_count: "Number of participants",
    axis_score: "WHO-5 score (0–100)",
    download_report: "Download report (CSV)",
    download_records_csv: "Download responses (CSV)",
    download_records_ndjson: "Download responses (NDJSON)",
    download_failed: "The file could not be saved.",
    print: "Print",
    report_file: "trivsel-report",
    records_file: "trivsel-responses",
};

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

impl Messages {
    /// "29 besvarelser", "1 besvarelse".
    pub fn responses(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "1 besvarelse".into(),
            (Lang::Da, n) => format!("{n} besvarelser"),
            (Lang::En, 1) => "1 response".into(),
            (Lang::En, n) => format!("{n} responses"),
        }
    }

    /// The accessible name of a file's remove button: "Fjern a.json".
    pub fn remove_file(&self, name: &str) -> String {
        format!("{} {name}", self.remove)
    }

    /// The live region while files are read: "Læser 2 af 5 filer …".
    pub fn reading_files(&self, done: usize, total: usize) -> String {
        match self.lang {
            Lang::Da => format!("Læser {done} af {total} filer …"),
            Lang::En => format!("Reading {done} of {total} files …"),
        }
    }

    /// The live region when the report is ready.
    pub fn ready(&self, records: usize, files: usize, rejected: usize) -> String {
        let records = self.responses(records);
        let files = match (self.lang, files) {
            (Lang::Da, 1) => "1 fil".to_string(),
            (Lang::Da, n) => format!("{n} filer"),
            (Lang::En, 1) => "1 file".to_string(),
            (Lang::En, n) => format!("{n} files"),
        };
        let rejected = match (self.lang, rejected) {
            (_, 0) => String::new(),
            (Lang::Da, 1) => " 1 fil er afvist.".to_string(),
            (Lang::Da, n) => format!(" {n} filer er afvist."),
            (Lang::En, 1) => " 1 file was rejected.".to_string(),
            (Lang::En, n) => format!(" {n} files were rejected."),
        };
        match self.lang {
            Lang::Da => format!("Rapporten er klar: {records} fra {files}.{rejected}"),
            Lang::En => format!("The report is ready: {records} from {files}.{rejected}"),
        }
    }

    /// The live region when no file was accepted.
    pub fn all_rejected(&self, rejected: usize) -> String {
        match (self.lang, rejected) {
            (Lang::Da, 1) => "Filen er afvist.".into(),
            (Lang::Da, n) => format!("Alle {n} filer er afvist."),
            (Lang::En, 1) => "The file was rejected.".into(),
            (Lang::En, n) => format!("All {n} files were rejected."),
        }
    }

    /// The files a printed report rests on: "Filer: a.json, b.json."
    pub fn merged_files(&self, names: &[String]) -> String {
        let names = names.join(", ");
        match self.lang {
            Lang::Da => format!("Filer: {names}."),
            Lang::En => format!("Files: {names}."),
        }
    }

    /// The key under the charts: how a suppressed bin is drawn.
    pub fn chart_suppressed_key(&self, min_cell: u32) -> String {
        match self.lang {
            Lang::Da => {
                format!("Stiplet søjle: færre end {min_cell} deltagere (tallet vises ikke).")
            }
            Lang::En => {
                format!("Dashed bar: fewer than {min_cell} participants (the number is not shown).")
            }
        }
    }

    /// The accessible summary of one distribution chart.
    pub fn chart_summary(&self, when: &str, bins: &[(String, String)]) -> String {
        let bins = bins
            .iter()
            .map(|(range, value)| format!("{range}: {value}"))
            .collect::<Vec<_>>()
            .join("; ");
        match self.lang {
            Lang::Da => {
                format!(
                    "Søjlediagram, WHO-5-score {}, antal deltagere pr. interval: {bins}.",
                    lower_first(when)
                )
            }
            Lang::En => format!(
                "Bar chart, WHO-5 scores {}, number of participants per range: {bins}.",
                lower_first(when)
            ),
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(DA.responses(1), "1 besvarelse");
        assert_eq!(DA.responses(29), "29 besvarelser");
        assert_eq!(EN.responses(0), "0 responses");
        assert_eq!(
            DA.ready(85, 3, 0),
            "Rapporten er klar: 85 besvarelser fra 3 filer."
        );
        assert_eq!(
            EN.ready(1, 1, 2),
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
