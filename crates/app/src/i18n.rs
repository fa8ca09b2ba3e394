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
    // --- Issue 12 (encrypted storage, passphrase, rights, backup reminder): fields ---
    pub setup_heading: &'static str,
    pub setup_body: &'static str,
    pub passphrase: &'static str,
    pub new_passphrase: &'static str,
    pub repeat_passphrase: &'static str,
    pub passphrase_hint: &'static str,
    /// Said when the passphrase is chosen: without it the data is lost.
    pub passphrase_warning: &'static str,
    pub save_setup: &'static str,
    pub unlock_passphrase_body: &'static str,
    pub wrong_passphrase: &'static str,
    pub pin_forgot_key: &'static str,
    pub new_passphrase_heading: &'static str,
    pub new_passphrase_body: &'static str,
    pub save_passphrase: &'static str,
    pub waiting_heading: &'static str,
    pub waiting_body: &'static str,
    pub rights_heading: &'static str,
    pub backup_never: &'static str,
    pub storage_locked: &'static str,
    pub setup_elsewhere: &'static str,
    pub setup_link: &'static str,
    // --- end of issue 12 fields ---
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

    // --- Issue 12 methods ---

    /// The young person's rights (GDPR art. 13) in words a 12-year-old
    /// understands: what is kept, who sees it, for how long.
    pub fn rights(&self, months: u32) -> [String; 4] {
        match self.lang {
            Lang::Da => [
                "Vi gemmer dine svar og en kode. Ikke dit navn.".into(),
                "Kun din rådgiver kan se dine svar. De er låst inde på tabletten med en hemmelig adgangssætning.".into(),
                "Kommunen får dine svar uden dit navn, så den kan se, om forløbene hjælper.".into(),
                format!("Dine svar slettes fra tabletten senest {months} måneder efter, at de er sendt videre. Du må gerne se dine svar og få dem rettet eller slettet. Spørg din rådgiver."),
            ],
            Lang::En => [
                "We keep your answers and a code. Not your name.".into(),
                "Only your counsellor can see your answers. They are locked away on the tablet with a secret passphrase.".into(),
                "The municipality gets your answers without your name, to see if the courses help.".into(),
                format!("Your answers are deleted from the tablet at the latest {months} months after they have been sent on. You may see your answers and have them corrected or deleted. Ask your counsellor."),
            ],
        }
    }

    /// When the last backup was made, with a reminder after 14 days.
    pub fn last_backup(&self, day: trivsel_core::Date, days: i64) -> String {
        match (self.lang, days >= 14) {
            (Lang::Da, false) => format!("Seneste sikkerhedskopi: {day}."),
            (Lang::Da, true) => format!(
                "Seneste sikkerhedskopi: {day}, for {days} dage siden. Tag en ny på eksportsiden."
            ),
            (Lang::En, false) => format!("Last backup: {day}."),
            (Lang::En, true) => {
                format!("Last backup: {day}, {days} days ago. Make a new one on the export page.")
            }
        }
    }

    // --- end of issue 12 methods ---

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
            (StorageError::Locked, _) => self.storage_locked.into(),
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
    set_pin_body: "PIN-koden låser rådgiverdelen op igen, så længe appen er åben, fx når en ung har svaret. Den gemmes kun krypteret som en saltet, langsom hash. Mindst 6 tegn.",
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
    // --- Issue 12 fields ---
    setup_heading: "Opsæt tabletten",
    setup_body: "Alt, hvad tabletten gemmer om deltagerne, krypteres. Adgangssætningen låser data op, når appen er startet forfra. PIN-koden låser op igen, så længe appen er åben.",
    passphrase: "Adgangssætning",
    new_passphrase: "Ny adgangssætning",
    repeat_passphrase: "Gentag adgangssætningen",
    passphrase_hint: "Mindst 12 tegn eller 4 ord, fx fire ord, der ikke hører sammen.",
    passphrase_warning: "Skriv adgangssætningen ned, og gem den et sikkert sted væk fra tabletten. Glemmer I den, kan ingen læse data på tabletten igen – heller ikke os. Tag jævnligt en sikkerhedskopi.",
    save_setup: "Gem og fortsæt",
    unlock_passphrase_body: "Appen er startet forfra. Skriv adgangssætningen for at låse data op.",
    wrong_passphrase: "Forkert adgangssætning.",
    pin_forgot_key: "For mange forkerte PIN-koder. Tabletten er låst helt; skriv adgangssætningen.",
    new_passphrase_heading: "Vælg en adgangssætning",
    new_passphrase_body: "Data på tabletten skal nu krypteres. Adgangssætningen låser data op, når appen er startet forfra; PIN-koden virker som før, så længe appen er åben.",
    save_passphrase: "Gem adgangssætning",
    waiting_heading: "Dine svar er gemt",
    waiting_body: "Giv tabletten til din rådgiver. Så kan du fortsætte, hvor du slap.",
    rights_heading: "Det gemmer vi om dig",
    backup_never: "Der er ikke taget nogen sikkerhedskopi af tabletten endnu. Tag en på eksportsiden.",
    storage_locked: "Tabletten er låst helt. Skriv adgangssætningen.",
    setup_elsewhere: "En rådgiver sætter tabletten op på rådgiversiden, én gang: en adgangssætning og en PIN-kode. Data fra en tidligere version krypteres samtidig.",
    setup_link: "Sæt tabletten op",
    // --- end of issue 12 fields ---
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
    set_pin_body: "The PIN unlocks the counsellor area again while the app stays open, for example after a young person has answered. It is stored only encrypted, as a salted, slow hash. At least 6 characters.",
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
    // --- Issue 12 fields ---
    setup_heading: "Set up the tablet",
    setup_body: "Everything the tablet stores about participants is encrypted. The passphrase unlocks the data after the app has started again. The PIN unlocks again while the app stays open.",
    passphrase: "Passphrase",
    new_passphrase: "New passphrase",
    repeat_passphrase: "Repeat the passphrase",
    passphrase_hint: "At least 12 characters or 4 words, for example four words that do not belong together.",
    passphrase_warning: "Write the passphrase down and keep it somewhere safe, away from the tablet. If you forget it, nobody can read the data on the tablet again – not even us. Make a backup regularly.",
    save_setup: "Save and continue",
    unlock_passphrase_body: "The app has started again. Enter the passphrase to unlock the data.",
    wrong_passphrase: "Wrong passphrase.",
    pin_forgot_key: "Too many wrong PINs. The tablet is fully locked; enter the passphrase.",
    new_passphrase_heading: "Choose a passphrase",
    new_passphrase_body: "The data on the tablet will now be encrypted. The passphrase unlocks the data after the app has started again; the PIN works as before while the app stays open.",
    save_passphrase: "Save passphrase",
    waiting_heading: "Your answers are saved",
    waiting_body: "Give the tablet to your counsellor. Then you can carry on where you left off.",
    rights_heading: "What we keep about you",
    backup_never: "No backup of the tablet has been made yet. Make one on the export page.",
    storage_locked: "The tablet is fully locked. Enter the passphrase.",
    setup_elsewhere: "A counsellor sets the tablet up on the counsellor page, once: a passphrase and a PIN. Data from an earlier version is encrypted at the same time.",
    setup_link: "Set up the tablet",
    // --- end of issue 12 fields ---
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
    // --- Issue 12 (backup, restore, erasure, retention, keys): fields ---
    pub backup_heading: &'static str,
    pub backup_intro: &'static str,
    pub backup_passphrase: &'static str,
    pub backup_repeat: &'static str,
    pub backup_button: &'static str,
    pub backup_working: &'static str,
    pub restore_heading: &'static str,
    pub restore_intro: &'static str,
    pub restore_file: &'static str,
    pub restore_passphrase: &'static str,
    pub restore_read: &'static str,
    pub restore_working: &'static str,
    pub restore_unreadable: &'static str,
    pub restore_wrong_passphrase: &'static str,
    pub restore_not_backup: &'static str,
    pub restore_too_costly: &'static str,
    pub conflicts_heading: &'static str,
    pub conflicts_explained: &'static str,
    pub on_tablet: &'static str,
    pub in_backup: &'static str,
    pub erase_heading: &'static str,
    pub erase_intro: &'static str,
    pub erase_which: &'static str,
    pub erase_warning: &'static str,
    pub retention_heading: &'static str,
    pub retention_months: &'static str,
    pub retention_save: &'static str,
    pub keys_heading: &'static str,
    pub current_passphrase: &'static str,
    pub change_passphrase: &'static str,
    pub passphrase_changed: &'static str,
    pub recovery_intro: &'static str,
    pub recovery_button: &'static str,
    pub recovery_shown: &'static str,
    pub recovery_kept: &'static str,
    pub recovery_none: &'static str,
    pub settings_saved: &'static str,
    // --- end of issue 12 fields ---
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

    // --- Issue 12 methods ---

    pub fn backup_made(&self, n: usize, file: &str) -> String {
        match self.lang {
            Lang::Da => format!("Sikkerhedskopien med {n} besvarelser er gemt som {file}. Gem den et sikkert sted, og adgangssætningen et andet sted."),
            Lang::En => format!("The backup with {n} responses was saved as {file}. Keep it somewhere safe, and the passphrase somewhere else."),
        }
    }

    /// What a restore would do, before anything is written.
    pub fn restore_plan(&self, plan: &trivsel_core::backup::RestorePlan) -> String {
        let (np, nr) = (plan.new_participants.len(), plan.new_records.len());
        let (dp, dr) = (plan.duplicate_participants, plan.duplicate_records);
        let (ep, er) = (plan.erased_participants, plan.erased_records);
        let (cp, cr) = (
            plan.participant_conflicts.len(),
            plan.record_conflicts.len(),
        );
        match self.lang {
            Lang::Da => format!("Nye: {np} deltagere og {nr} besvarelser. Findes allerede med samme indhold: {dp} deltagere og {dr} besvarelser. Konflikter: {cp} deltagere og {cr} besvarelser. Slettet tidligere og tages ikke med: {ep} deltagere og {er} besvarelser."),
            Lang::En => format!("New: {np} participants and {nr} responses. Already here with the same content: {dp} participants and {dr} responses. Conflicts: {cp} participants and {cr} responses. Erased earlier and left out: {ep} participants and {er} responses."),
        }
    }

    pub fn restore_button(&self, participants: usize, records: usize) -> String {
        match self.lang {
            Lang::Da => format!("Gendan {participants} deltagere og {records} besvarelser"),
            Lang::En => format!("Restore {participants} participants and {records} responses"),
        }
    }

    pub fn restored(&self, participants: usize, records: usize) -> String {
        match self.lang {
            Lang::Da => format!("Gendannet: {participants} deltagere og {records} besvarelser."),
            Lang::En => format!("Restored: {participants} participants and {records} responses."),
        }
    }

    /// One side of a conflicting response, in a few words.
    pub fn record_summary(&self, r: &trivsel_core::ResponseRecord) -> String {
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
        match self.lang {
            Lang::Da => format!(
                "{} · {} · svar {}",
                r.date,
                r.point.label(self.lang),
                answers.join(" / ")
            ),
            Lang::En => format!(
                "{} · {} · answers {}",
                r.date,
                r.point.label(self.lang),
                answers.join(" / ")
            ),
        }
    }

    pub fn erase_button(&self, code: &str) -> String {
        match self.lang {
            Lang::Da => format!("Slet deltager {code} …"),
            Lang::En => format!("Erase participant {code} …"),
        }
    }

    pub fn erase_confirm(&self, code: &str, records: usize) -> String {
        match self.lang {
            Lang::Da => format!("Ja, slet {code} og {records} besvarelser"),
            Lang::En => format!("Yes, erase {code} and {records} responses"),
        }
    }

    pub fn erased(&self, code: &trivsel_core::ParticipantCode, records: usize) -> String {
        match self.lang {
            Lang::Da => {
                format!("Deltager {code} og {records} besvarelser er slettet fra tabletten.")
            }
            Lang::En => {
                format!("Participant {code} and {records} responses were erased from the tablet.")
            }
        }
    }

    pub fn past_retention(&self, n: usize, months: u32) -> String {
        match self.lang {
            Lang::Da => format!("{n} eksporterede besvarelser er ældre end {months} måneder."),
            Lang::En => format!("{n} exported responses are older than {months} months."),
        }
    }

    pub fn retention_saved(&self, months: u32) -> String {
        match self.lang {
            Lang::Da => format!("Opbevaringsperioden er nu {months} måneder."),
            Lang::En => format!("The retention period is now {months} months."),
        }
    }

    // --- end of issue 12 methods ---

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
    // --- Issue 12 fields ---
    backup_heading: "Sikkerhedskopi",
    backup_intro: "En sikkerhedskopi rummer alle deltagere og besvarelser på tabletten, også de eksporterede, og indstillingerne. Den krypteres med sin egen adgangssætning (age-formatet) og kan gendannes på denne eller en anden tablet. Gem filen og adgangssætningen hver for sig.",
    backup_passphrase: "Adgangssætning til sikkerhedskopien",
    backup_repeat: "Gentag sikkerhedskopiens adgangssætning",
    backup_button: "Lav sikkerhedskopi",
    backup_working: "Laver sikkerhedskopi … Det tager nogle sekunder.",
    restore_heading: "Gendan fra en sikkerhedskopi",
    restore_intro: "Gendannelsen tilføjer det, tabletten ikke har. Det, der findes begge steder med samme indhold, tages kun én gang. Det, der findes begge steder med forskelligt indhold, vises her og bliver, som det er på tabletten.",
    restore_file: "Fil med sikkerhedskopi",
    restore_passphrase: "Sikkerhedskopiens adgangssætning",
    restore_read: "Læs sikkerhedskopien",
    restore_working: "Læser sikkerhedskopien … Det tager nogle sekunder.",
    restore_unreadable: "Filen kunne ikke læses.",
    restore_wrong_passphrase: "Forkert adgangssætning til sikkerhedskopien.",
    restore_not_backup: "Filen er ikke en sikkerhedskopi fra trivsel.",
    restore_too_costly: "Filen kræver mere regnekraft, end en sikkerhedskopi fra trivsel gør. Den gendannes ikke.",
    conflicts_heading: "Konflikter",
    conflicts_explained: "Disse findes både på tabletten og i sikkerhedskopien, men med forskelligt indhold. Tablettens version bliver stående; intet vælges for dig.",
    on_tablet: "På tabletten",
    in_backup: "I sikkerhedskopien",
    erase_heading: "Slet en deltager",
    erase_intro: "Sletter deltageren og alle deltagerens besvarelser fra tabletten, også de ikke-eksporterede. Tabletten husker kun, at noget er slettet (ikke koden), så en gendannet sikkerhedskopi ikke henter det tilbage.",
    erase_which: "Deltager",
    erase_warning: "Sletningen kan ikke fortrydes.",
    retention_heading: "Opbevaring",
    retention_months: "Opbevaringsperiode i måneder efter eksport",
    retention_save: "Gem opbevaringsperiode",
    keys_heading: "Adgangssætning og gendannelsesnøgle",
    current_passphrase: "Nuværende adgangssætning",
    change_passphrase: "Skift adgangssætning",
    passphrase_changed: "Adgangssætningen er skiftet. Data er ikke rørt; kun nøglen er pakket ind igen.",
    recovery_intro: "En gendannelsesnøgle låser tabletten op, hvis adgangssætningen er glemt. Den vises kun én gang: skriv den ned, og opbevar den hos organisationen, ikke ved tabletten.",
    recovery_button: "Lav en ny gendannelsesnøgle",
    recovery_shown: "Gendannelsesnøgle (vises kun nu):",
    recovery_kept: "Tabletten har en gendannelsesnøgle.",
    recovery_none: "Tabletten har ingen gendannelsesnøgle. Glemmes adgangssætningen, kan data ikke læses igen.",
    settings_saved: "Indstillingerne er gemt.",
    // --- end of issue 12 fields ---
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
    // --- Issue 12 fields ---
    backup_heading: "Backup",
    backup_intro: "A backup holds every participant and response on the tablet, exported or not, and the settings. It is encrypted with its own passphrase (the age format) and can be restored on this tablet or another. Keep the file and the passphrase apart.",
    backup_passphrase: "Passphrase for the backup",
    backup_repeat: "Repeat the backup's passphrase",
    backup_button: "Make a backup",
    backup_working: "Making the backup … This takes a few seconds.",
    restore_heading: "Restore from a backup",
    restore_intro: "Restoring adds what the tablet does not have. What exists in both with the same content is kept once. What exists in both with different content is shown here and stays as it is on the tablet.",
    restore_file: "Backup file",
    restore_passphrase: "The backup's passphrase",
    restore_read: "Read the backup",
    restore_working: "Reading the backup … This takes a few seconds.",
    restore_unreadable: "The file could not be read.",
    restore_wrong_passphrase: "Wrong passphrase for the backup.",
    restore_not_backup: "The file is not a trivsel backup.",
    restore_too_costly: "The file demands more computing than a trivsel backup does. It is not restored.",
    conflicts_heading: "Conflicts",
    conflicts_explained: "These exist both on the tablet and in the backup, but with different content. The tablet's version stays; nothing is chosen for you.",
    on_tablet: "On the tablet",
    in_backup: "In the backup",
    erase_heading: "Erase a participant",
    erase_intro: "Erases the participant and every response of theirs from the tablet, exported or not. The tablet remembers only that something was erased (not the code), so a restored backup does not bring it back.",
    erase_which: "Participant",
    erase_warning: "The erasure cannot be undone.",
    retention_heading: "Retention",
    retention_months: "Retention period in months after export",
    retention_save: "Save retention period",
    keys_heading: "Passphrase and recovery key",
    current_passphrase: "Current passphrase",
    change_passphrase: "Change passphrase",
    passphrase_changed: "The passphrase is changed. The data is untouched; only the key was wrapped again.",
    recovery_intro: "A recovery key unlocks the tablet if the passphrase is forgotten. It is shown only once: write it down and keep it with the organisation, not with the tablet.",
    recovery_button: "Make a new recovery key",
    recovery_shown: "Recovery key (shown only now):",
    recovery_kept: "The tablet has a recovery key.",
    recovery_none: "The tablet has no recovery key. If the passphrase is forgotten, the data cannot be read again.",
    settings_saved: "The settings are saved.",
    // --- end of issue 12 fields ---
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_screen_reminds_of_a_backup_after_14_days_in_both_languages() {
        let day = trivsel_core::Date::new(2026, 11, 1).unwrap();
        for lang in [Lang::Da, Lang::En] {
            let m = messages(lang);
            assert!(m.last_backup(day, 13).ends_with("2026-11-01."));
            let due = m.last_backup(day, 14);
            assert!(due.contains("14"), "{due}");
            assert_ne!(due, m.last_backup(day, 13));
        }
        assert!(messages(Lang::Da)
            .last_backup(day, 20)
            .contains("Tag en ny"));
        assert!(messages(Lang::En)
            .last_backup(day, 20)
            .contains("Make a new one"));
    }

    #[test]
    fn the_rights_name_the_retention_period() {
        assert!(messages(Lang::Da).rights(18)[3].contains("18 måneder"));
        assert!(messages(Lang::En).rights(18)[3].contains("18 months"));
    }
}
