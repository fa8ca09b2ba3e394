//! The message catalogue: every piece of interface text, in Danish and English.
//!
//! Instrument wordings are not here: they are data in the core crate. One
//! struct value per language means a missing translation is a compile error.

use trivsel_core::{builtin, Lang, MeasurementPoint};

use crate::services::storage::StorageError;

pub struct Messages {
    pub lang: Lang,
    pub app_name: &'static str,
    /// Label of the language switch: the name of the *other* language, in that language.
    pub switch_to: &'static str,
    pub switch_to_lang: Lang,
    pub loading: &'static str,
    // Youth flow.
    pub start_heading: &'static str,
    pub start_body: &'static [&'static str],
    pub your_code: &'static str,
    pub start_button: &'static str,
    pub continue_button: &'static str,
    pub back: &'static str,
    /// "2 af 5": the word between the numbers.
    pub of: &'static str,
    pub progress_label: &'static str,
    pub last_question: &'static str,
    pub choose_one: &'static str,
    pub ladder_hint: &'static str,
    pub review_heading: &'static str,
    pub review_intro: &'static str,
    pub change: &'static str,
    pub question: &'static str,
    pub not_answered: &'static str,
    pub submit: &'static str,
    pub thanks_heading: &'static str,
    pub thanks_body: &'static str,
    pub counsellor_button: &'static str,
    // Scores.
    pub score_heading: &'static str,
    pub raw_score: &'static str,
    pub percentage_score: &'static str,
    pub flags_heading: &'static str,
    pub flags_explained: &'static str,
    pub flags_none: &'static str,
    pub ladder_value: &'static str,
    pub no_score: &'static str,
    pub unverified: &'static str,
    pub to_participant: &'static str,
    // Lock.
    pub set_pin_heading: &'static str,
    pub set_pin_body: &'static str,
    pub new_pin: &'static str,
    pub repeat_pin: &'static str,
    pub save_pin: &'static str,
    pub unlock_heading: &'static str,
    pub unlock_body: &'static str,
    pub pin: &'static str,
    pub unlock: &'static str,
    pub lock: &'static str,
    pub wrong_pin: &'static str,
    pub pin_missing: &'static str,
    // Participants.
    pub participants: &'static str,
    pub participant: &'static str,
    pub all_participants: &'static str,
    pub new_participant: &'static str,
    pub no_participants: &'static str,
    pub open: &'static str,
    pub code: &'static str,
    pub participant_code: &'static str,
    pub code_explained: &'static str,
    pub gender: &'static str,
    pub age: &'static str,
    pub course: &'static str,
    pub site: &'static str,
    pub site_hint: &'static str,
    pub measurements: &'static str,
    pub create_participant: &'static str,
    pub choose_all: &'static str,
    pub no_randomness: &'static str,
    pub cancel: &'static str,
    // Measurements and history.
    pub new_measurement: &'static str,
    pub measurement: &'static str,
    pub measurement_point: &'static str,
    pub during: &'static str,
    pub session_number: &'static str,
    pub session_invalid: &'static str,
    pub hand_over: &'static str,
    pub hand_over_hint: &'static str,
    pub no_measurements: &'static str,
    pub date: &'static str,
    pub who5_pct_short: &'static str,
    pub ladder_short: &'static str,
    pub ladder_times_ten: &'static str,
    pub flags_short: &'static str,
    pub delta: &'static str,
    pub ten_point_rule: &'static str,
    pub reliable_change: &'static str,
    pub actions: &'static str,
    pub chart_title: &'static str,
    // Settings.
    pub settings: &'static str,
    pub rc_mdc: &'static str,
    pub rc_jt: &'static str,
    pub rc_points: &'static str,
    pub rc_sd: &'static str,
    pub rc_r: &'static str,
    pub ladder_cutoffs: &'static str,
    pub save_settings: &'static str,
    pub settings_invalid: &'static str,
    /// Before the app's version number on the settings screen.
    pub version: &'static str,
    pub resume_draft: &'static str,
    pub discard_draft: &'static str,
    pub discard_confirm: &'static str,
    pub update_ready: &'static str,
    pub update_now: &'static str,
    // Export.
    pub export: &'static str,
    pub evaluator_link: &'static str,
    // Storage.
    pub storage_heading: &'static str,
    pub persisted: &'static str,
    pub not_persisted: &'static str,
    pub broken_heading: &'static str,
    pub broken_youth: &'static str,
    pub for_counsellor: &'static str,
}

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

impl Messages {
    fn da(&self) -> bool {
        self.lang == Lang::Da
    }

    pub fn not_exported(&self, n: usize) -> String {
        match (self.da(), n) {
            (true, 1) => "1 besvarelse er ikke eksporteret endnu.".into(),
            (true, n) => format!("{n} besvarelser er ikke eksporteret endnu."),
            (false, 1) => "1 response has not been exported yet.".into(),
            (false, n) => format!("{n} responses have not been exported yet."),
        }
    }

    pub fn storage_used(&self, used: f64, quota: f64) -> String {
        if self.da() {
            let mb = |b: f64| format!("{:.1} MB", b / 1_000_000.0).replace('.', ",");
            format!("Lager brugt: {} af {} tilladt.", mb(used), mb(quota))
        } else {
            let mb = |b: f64| format!("{:.1} MB", b / 1_000_000.0);
            format!("Storage used: {} of {} allowed.", mb(used), mb(quota))
        }
    }

    pub fn in_progress(&self, code: &str, answered: usize, total: usize) -> String {
        if self.da() {
            format!("En besvarelse er i gang for deltager {code}: {answered} af {total} spørgsmål besvaret.")
        } else {
            format!("A response is in progress for participant {code}: {answered} of {total} questions answered.")
        }
    }

    pub fn unreadable(&self, n: usize) -> String {
        if self.da() {
            format!("{n} gemte poster kunne ikke læses. De er bevaret uændret; kontakt support.")
        } else {
            format!(
                "{n} stored entries could not be read. They are kept unchanged; contact support."
            )
        }
    }

    pub fn wait_seconds(&self, s: u64) -> String {
        if self.da() {
            format!("For mange forkerte forsøg. Prøv igen om {s} sekunder.")
        } else {
            format!("Too many wrong tries. Try again in {s} seconds.")
        }
    }

    pub fn history_caption(&self, threshold: f64) -> String {
        if self.da() {
            let points = format!("{threshold:.1}").replace('.', ",");
            format!(
                "Ændring i WHO-5 procentscore siden indskrivning. 10-point-reglen: en forskel på mindst 10 point er en betydende ændring. \
                 Pålidelig ændring: mere end {points} point."
            )
        } else {
            format!(
                "Change in WHO-5 percentage score since intake. 10-point rule: a difference of at least 10 points is a significant change. \
                 Reliable change: more than {threshold:.1} points."
            )
        }
    }

    /// A few words naming a WHO-5 item.
    pub fn item_short(&self, id: &str) -> &'static str {
        builtin()
            .who5
            .item(id)
            .map(|i| i.short.get(self.lang))
            .unwrap_or("?")
    }

    /// A measurement point in a few characters, for the chart's axis.
    pub fn point_short(&self, point: &MeasurementPoint) -> String {
        match (point, self.da()) {
            (MeasurementPoint::Intake, true) => "Indskr.".into(),
            (MeasurementPoint::Intake, false) => "Intake".into(),
            (MeasurementPoint::During { session }, true) => format!("Samt. {session}"),
            (MeasurementPoint::During { session }, false) => format!("Sess. {session}"),
            (MeasurementPoint::End, true) => "Afslutn.".into(),
            (MeasurementPoint::End, false) => "End".into(),
            (MeasurementPoint::FollowUp, true) => "Opfølgn.".into(),
            (MeasurementPoint::FollowUp, false) => "Follow-up".into(),
        }
    }

    /// For the young person: calm, no technical words, what to do.
    pub fn storage_error_youth(&self, err: &StorageError) -> String {
        let _ = err;
        if self.da() {
            "Dit svar blev ikke gemt. Prøv at trykke igen. Hvis det ikke virker, så giv tabletten til din rådgiver.".into()
        } else {
            "Your answer was not saved. Try tapping again. If that does not work, give the tablet to your counsellor.".into()
        }
    }

    /// For the counsellor: what is wrong and what to do about it.
    pub fn storage_error_counsellor(&self, err: &StorageError) -> String {
        match (err, self.da()) {
            (StorageError::Full, true) => "Tabletten har ikke mere plads til besvarelser. Eksportér og slet gamle besvarelser, eller frigør plads på tabletten. Intet gemt er gået tabt.".into(),
            (StorageError::Full, false) => "The tablet has no more room for responses. Export and delete old responses, or free space on the tablet. Nothing stored has been lost.".into(),
            (StorageError::Unavailable(detail), true) => format!("Browserens database (IndexedDB) kan ikke bruges: {detail}. Tjek at browseren ikke er i privat tilstand, og at lagring er tilladt for denne side."),
            (StorageError::Unavailable(detail), false) => format!("The browser's database (IndexedDB) cannot be used: {detail}. Check that the browser is not in private mode and that storage is allowed for this site."),
            (StorageError::Failed(detail), true) => format!("Gemning mislykkedes: {detail}. Prøv igen. Intet gemt er gået tabt."),
            (StorageError::Failed(detail), false) => format!("Saving failed: {detail}. Try again. Nothing stored has been lost."),
        }
    }
}

static DA: Messages = Messages {
    lang: Lang::Da,
    app_name: "Trivsel",
    switch_to: "English",
    switch_to_lang: Lang::En,
    loading: "Indlæser …",
    start_heading: "Hvordan har du haft det?",
    start_body: &[
        "Du får seks korte spørgsmål om, hvordan du har haft det.",
        "Der er ingen rigtige eller forkerte svar. Vælg det, der passer bedst på dig.",
        "Du skal ikke skrive dit navn.",
    ],
    your_code: "Din kode:",
    start_button: "Start",
    continue_button: "Fortsæt",
    back: "Tilbage",
    of: "af",
    progress_label: "Spørgsmål",
    last_question: "Sidste spørgsmål",
    choose_one: "Vælg ét svar.",
    ladder_hint: "Tryk på det trin, der passer bedst.",
    review_heading: "Tjek dine svar",
    review_intro: "Du kan rette et svar, før du sender.",
    change: "Ret",
    question: "spørgsmål",
    not_answered: "Ikke besvaret",
    submit: "Send svar",
    thanks_heading: "Tak for dine svar",
    thanks_body: "Giv tabletten tilbage til din rådgiver.",
    counsellor_button: "Rådgiver",
    score_heading: "Resultat",
    raw_score: "Råscore",
    percentage_score: "Procentscore",
    flags_heading: "Spørgsmål besvaret med 0 eller 1",
    flags_explained: "Et svar på 0 eller 1 på et enkelt spørgsmål er også en grund til at tilbyde screening for depression, uanset totalscoren.",
    flags_none: "Ingen spørgsmål er besvaret med 0 eller 1.",
    ladder_value: "Trin på stigen",
    no_score: "Ingen score",
    unverified: "Den danske ordlyd er endnu ikke kontrolleret mod den officielle danske version.",
    to_participant: "Til deltageren",
    set_pin_heading: "Vælg en PIN-kode til rådgiveren",
    set_pin_body: "PIN-koden beskytter deltagere, scorer og eksport. Den gemmes kun som en saltet, langsom hash på denne tablet. Mindst 6 tegn.",
    new_pin: "Ny PIN-kode",
    repeat_pin: "Gentag PIN-koden",
    save_pin: "Gem PIN-kode",
    unlock_heading: "Rådgiver",
    unlock_body: "Skriv PIN-koden for at se deltagere og scorer.",
    pin: "PIN-kode",
    unlock: "Lås op",
    lock: "Lås",
    wrong_pin: "Forkert PIN-kode.",
    pin_missing: "Der er ingen PIN-kode på denne tablet.",
    participants: "Deltagere",
    participant: "Deltager",
    all_participants: "Alle deltagere",
    new_participant: "Ny deltager",
    no_participants: "Der er ingen deltagere på denne tablet endnu.",
    open: "Åbn deltager",
    code: "Kode",
    participant_code: "Deltagerkode:",
    code_explained: "Deltageren får en tilfældig kode i stedet for et navn. Vis koden til den unge, så den kan huskes til næste gang.",
    gender: "Køn",
    age: "Alder",
    course: "Forløb",
    site: "Program eller sted",
    site_hint: "Fx skolens eller programmets navn. Aldrig den unges navn.",
    measurements: "Målinger",
    create_participant: "Opret deltager",
    choose_all: "Vælg køn, alder og forløb.",
    no_randomness: "Browseren kan ikke lave tilfældige koder. Brug en nyere browser.",
    cancel: "Annullér",
    new_measurement: "Ny måling",
    measurement: "måling",
    measurement_point: "Målepunkt",
    during: "Undervejs",
    session_number: "Samtale nr.",
    session_invalid: "Skriv samtalens nummer (1 eller mere).",
    hand_over: "Giv tabletten til den unge",
    hand_over_hint: "Når du giver tabletten videre, låses rådgiverdelen.",
    no_measurements: "Ingen målinger endnu.",
    date: "Dato",
    who5_pct_short: "WHO-5 %",
    ladder_short: "Stige 0–10",
    ladder_times_ten: "Stige × 10",
    flags_short: "0–1 svar",
    delta: "Ændring",
    ten_point_rule: "10-point-reglen",
    reliable_change: "Pålidelig ændring",
    actions: "Handlinger",
    chart_title: "WHO-5 procentscore og trivselsstigen (gange 10) over tid",
    settings: "Indstillinger",
    rc_mdc: "Mindste påviselige ændring for dansk WHO-5 (Schougaard m.fl. 2018)",
    rc_jt: "Jacobson–Truax ud fra programmets SD og reliabilitet",
    rc_points: "Point (standard 23,6)",
    rc_sd: "Standardafvigelse (SD)",
    rc_r: "Reliabilitet (r, mellem 0 og 1)",
    ladder_cutoffs: "Grænser for trivselsstigen",
    save_settings: "Gem indstillinger",
    settings_invalid: "Tjek tallene: point og SD skal være over 0, og reliabiliteten mellem 0 og 1.",
    version: "Version ",
    resume_draft: "Giv tabletten tilbage til den unge",
    discard_draft: "Kassér besvarelsen",
    discard_confirm: "Kassér den igangværende besvarelse? Svarene slettes og kan ikke findes igen.",
    update_ready: "En ny version af Trivsel er klar.",
    update_now: "Opdatér nu",
    export: "Eksportér",
    evaluator_link: "Evaluering (uden PIN)",
    storage_heading: "Lager på denne tablet",
    persisted: "Browseren har lovet ikke at slette data ved pladsmangel.",
    not_persisted: "Browseren kan slette data ved pladsmangel. Eksportér jævnligt.",
    broken_heading: "Trivsel kan ikke bruges lige nu",
    broken_youth: "Noget driller på tabletten. Giv den til din rådgiver.",
    for_counsellor: "Til rådgiveren",
};

static EN: Messages = Messages {
    lang: Lang::En,
    app_name: "Wellbeing",
    switch_to: "Dansk",
    switch_to_lang: Lang::Da,
    loading: "Loading …",
    start_heading: "How have you been?",
    start_body: &[
        "You will get six short questions about how you have been feeling.",
        "There are no right or wrong answers. Choose what fits you best.",
        "You do not write your name.",
    ],
    your_code: "Your code:",
    start_button: "Start",
    continue_button: "Continue",
    back: "Back",
    of: "of",
    progress_label: "Question",
    last_question: "Last question",
    choose_one: "Choose one answer.",
    ladder_hint: "Tap the step that fits best.",
    review_heading: "Check your answers",
    review_intro: "You can change an answer before you send.",
    change: "Change",
    question: "question",
    not_answered: "Not answered",
    submit: "Send answers",
    thanks_heading: "Thank you for your answers",
    thanks_body: "Please give the tablet back to your counsellor.",
    counsellor_button: "Counsellor",
    score_heading: "Result",
    raw_score: "Raw score",
    percentage_score: "Percentage score",
    flags_heading: "Items answered 0 or 1",
    flags_explained: "An answer of 0 or 1 to any single item is also a reason to offer screening for depression, whatever the total.",
    flags_none: "No item was answered 0 or 1.",
    ladder_value: "Step on the ladder",
    no_score: "No score",
    unverified: "The Danish wording has not yet been checked against the official Danish version.",
    to_participant: "To the participant",
    set_pin_heading: "Choose a counsellor PIN",
    set_pin_body: "The PIN protects participants, scores and export. It is stored only as a salted, slow hash on this tablet. At least 6 characters.",
    new_pin: "New PIN",
    repeat_pin: "Repeat the PIN",
    save_pin: "Save PIN",
    unlock_heading: "Counsellor",
    unlock_body: "Enter the PIN to see participants and scores.",
    pin: "PIN",
    unlock: "Unlock",
    lock: "Lock",
    wrong_pin: "Wrong PIN.",
    pin_missing: "There is no PIN on this tablet.",
    participants: "Participants",
    participant: "Participant",
    all_participants: "All participants",
    new_participant: "New participant",
    no_participants: "There are no participants on this tablet yet.",
    open: "Open participant",
    code: "Code",
    participant_code: "Participant code:",
    code_explained: "The participant gets a random code instead of a name. Show the code to the young person so they can remember it next time.",
    gender: "Gender",
    age: "Age",
    course: "Course",
    site: "Programme or site",
    site_hint: "E.g. the school's or programme's name. Never the young person's name.",
    measurements: "Measurements",
    create_participant: "Create participant",
    choose_all: "Choose gender, age and course.",
    no_randomness: "The browser cannot make random codes. Use a newer browser.",
    cancel: "Cancel",
    new_measurement: "New measurement",
    measurement: "measurement",
    measurement_point: "Measurement point",
    during: "During",
    session_number: "Session no.",
    session_invalid: "Enter the session number (1 or more).",
    hand_over: "Hand the tablet to the young person",
    hand_over_hint: "Handing the tablet over locks the counsellor area.",
    no_measurements: "No measurements yet.",
    date: "Date",
    who5_pct_short: "WHO-5 %",
    ladder_short: "Ladder 0–10",
    ladder_times_ten: "Ladder × 10",
    flags_short: "0–1 answers",
    delta: "Change",
    ten_point_rule: "10-point rule",
    reliable_change: "Reliable change",
    actions: "Actions",
    chart_title: "WHO-5 percentage score and the ladder (times 10) over time",
    settings: "Settings",
    rc_mdc: "Minimal detectable change for the Danish WHO-5 (Schougaard et al. 2018)",
    rc_jt: "Jacobson–Truax from the programme's SD and reliability",
    rc_points: "Points (default 23.6)",
    rc_sd: "Standard deviation (SD)",
    rc_r: "Reliability (r, between 0 and 1)",
    ladder_cutoffs: "Cut-offs for the ladder",
    save_settings: "Save settings",
    settings_invalid: "Check the numbers: points and SD must be above 0, and reliability between 0 and 1.",
    version: "Version ",
    resume_draft: "Give the tablet back to the young person",
    discard_draft: "Discard the response",
    discard_confirm: "Discard the response in progress? The answers are deleted and cannot be recovered.",
    update_ready: "A new version of Wellbeing is ready.",
    update_now: "Update now",
    export: "Export",
    evaluator_link: "Evaluation (no PIN)",
    storage_heading: "Storage on this tablet",
    persisted: "The browser has promised not to delete data when space runs low.",
    not_persisted: "The browser may delete data when space runs low. Export regularly.",
    broken_heading: "Wellbeing cannot be used right now",
    broken_youth: "Something is wrong with the tablet. Please give it to your counsellor.",
    for_counsellor: "For the counsellor",
};

/// The export page's own text: kept apart from [`Messages`] so the tablet's
/// first load does not carry it (the export page is its own bundle).
pub struct ExportMessages {
    pub lang: Lang,
    pub export_intro: &'static str,
    pub export_which: &'static str,
    pub scope_not_exported: &'static str,
    pub scope_all: &'static str,
    pub scope_range: &'static str,
    pub date_from: &'static str,
    pub date_to: &'static str,
    pub date_invalid: &'static str,
    pub export_format: &'static str,
    pub format_json: &'static str,
    pub format_csv: &'static str,
    pub format_ndjson: &'static str,
    pub delete_heading: &'static str,
    pub delete_explained: &'static str,
    pub delete_none: &'static str,
    pub delete_warning: &'static str,
}

pub fn export_messages(lang: Lang) -> &'static ExportMessages {
    match lang {
        Lang::Da => &EXPORT_DA,
        Lang::En => &EXPORT_EN,
    }
}

impl ExportMessages {
    fn da(&self) -> bool {
        self.lang == Lang::Da
    }

    pub fn export_button(&self, n: usize) -> String {
        match (self.da(), n) {
            (true, 1) => "Eksportér 1 besvarelse".into(),
            (true, n) => format!("Eksportér {n} besvarelser"),
            (false, 1) => "Export 1 response".into(),
            (false, n) => format!("Export {n} responses"),
        }
    }

    pub fn exported(&self, n: usize, file: &str) -> String {
        match (self.da(), n) {
            (true, 1) => {
                format!("1 besvarelse er eksporteret til {file} og markeret som eksporteret.")
            }
            (true, n) => {
                format!("{n} besvarelser er eksporteret til {file} og markeret som eksporteret.")
            }
            (false, 1) => format!("1 response was exported to {file} and marked as exported."),
            (false, n) => format!("{n} responses were exported to {file} and marked as exported."),
        }
    }

    pub fn delete_button(&self, n: usize) -> String {
        match (self.da(), n) {
            (true, 1) => "Slet 1 eksporteret besvarelse …".into(),
            (true, n) => format!("Slet {n} eksporterede besvarelser …"),
            (false, 1) => "Delete 1 exported response …".into(),
            (false, n) => format!("Delete {n} exported responses …"),
        }
    }

    pub fn delete_confirm(&self, n: usize) -> String {
        match (self.da(), n) {
            (true, 1) => "Ja, slet 1 besvarelse".into(),
            (true, n) => format!("Ja, slet {n} besvarelser"),
            (false, 1) => "Yes, delete 1 response".into(),
            (false, n) => format!("Yes, delete {n} responses"),
        }
    }

    pub fn deleted(&self, n: usize) -> String {
        match (self.da(), n) {
            (true, 1) => "1 besvarelse er slettet fra tabletten.".into(),
            (true, n) => format!("{n} besvarelser er slettet fra tabletten."),
            (false, 1) => "1 response was deleted from the tablet.".into(),
            (false, n) => format!("{n} responses were deleted from the tablet."),
        }
    }
}

static EXPORT_DA: ExportMessages = ExportMessages {
    lang: Lang::Da,
    export_intro: "Eksporten er anonymiseret: deltagerkode, køn, aldersgruppe, sted, forløb, målepunkt, uge, svar og scorer. Aldrig navne, fritekst eller klokkeslæt. Eksporterede besvarelser bliver på tabletten, markeret som eksporteret.",
    export_which: "Hvilke besvarelser?",
    scope_not_exported: "Kun dem, der ikke er eksporteret endnu",
    scope_all: "Alle besvarelser",
    scope_range: "Besvarelser i en periode",
    date_from: "Fra og med dato",
    date_to: "Til og med dato",
    date_invalid: "Vælg både en start- og en slutdato.",
    export_format: "Filformat",
    format_json: "JSON – til evalueringssiden og kommandolinjeværktøjet",
    format_csv: "CSV – til regneark (UTF-8)",
    format_ndjson: "NDJSON – én besvarelse pr. linje, til store analyser",
    delete_heading: "Slet eksporterede besvarelser",
    delete_explained: "Sletning fjerner kun besvarelser, der er eksporteret. Ikke-eksporterede besvarelser og deltagerne bliver på tabletten.",
    delete_none: "Der er ingen eksporterede besvarelser at slette.",
    delete_warning: "Sletningen kan ikke fortrydes. Besvarelserne findes derefter kun i de filer, du har eksporteret.",
};

static EXPORT_EN: ExportMessages = ExportMessages {
    lang: Lang::En,
    export_intro: "The export is anonymised: participant code, gender, age band, site, course, measurement point, week, answers and scores. Never names, free text or times of day. Exported responses stay on the tablet, marked as exported.",
    export_which: "Which responses?",
    scope_not_exported: "Only those not exported yet",
    scope_all: "All responses",
    scope_range: "Responses in a period",
    date_from: "From date (included)",
    date_to: "To date (included)",
    date_invalid: "Choose both a start and an end date.",
    export_format: "File format",
    format_json: "JSON – for the evaluation page and the command-line tool",
    format_csv: "CSV – for spreadsheets (UTF-8)",
    format_ndjson: "NDJSON – one response per line, for large analyses",
    delete_heading: "Delete exported responses",
    delete_explained: "Deleting only removes responses that have been exported. Responses not yet exported and the participants stay on the tablet.",
    delete_none: "There are no exported responses to delete.",
    delete_warning: "Deleting cannot be undone. The responses then exist only in the files you exported.",
};
