//! The message catalogue: every piece of interface text, its Danish and its
//! English side by side in one entry (see `trivsel_core::catalogue!`), so a
//! missing translation does not build and no language falls back to another.
//!
//! Instrument wordings are not here: they are data in the core crate. The
//! export page's own text is `export`, so the tablet's first load does not
//! carry it.

use trivsel_core::instrument::CriterionRule;
use trivsel_core::messages::{lower_first, upper_first};
use trivsel_core::{catalogue, decimal, tr, Lang, MeasurementPoint, ReliableChange, Text};

mod export;

pub use export::{export_messages, ExportMessages};

catalogue! {
    /// The tablet app's text in one language.
    pub struct Messages;
    /// The catalogue in `lang`.
    pub fn messages;
    texts {
        app_name = { da: "Trivsel", en: "Wellbeing" },
        /// Label of the language switch: the name of the *other* language, in that language.
        switch_to = { da: "English", en: "Dansk" },
        switch_to_lang: Lang = { da: Lang::En, en: Lang::Da },
        loading = { da: "Indlæser …", en: "Loading …" },
        // Youth flow.
        start_heading = { da: "Hvordan har du haft det?", en: "How have you been?" },
        your_code = { da: "Din kode:", en: "Your code:" },
        start_button = { da: "Start", en: "Start" },
        continue_button = { da: "Fortsæt", en: "Continue" },
        back = { da: "Tilbage", en: "Back" },
        /// "2 af 5": the word between the numbers.
        of = { da: "af", en: "of" },
        progress_label = { da: "Spørgsmål", en: "Question" },
        last_question = { da: "Sidste spørgsmål", en: "Last question" },
        choose_one = { da: "Vælg ét svar.", en: "Choose one answer." },
        scale_hint = {
            da: "Tryk på det trin, der passer bedst.",
            en: "Tap the step that fits best.",
        },
        days_hint = { da: "Tryk på antallet af dage.", en: "Tap the number of days." },
        /// The answer that leaves an item without a value (where the instrument offers it).
        decline = { da: "Vil ikke svare", en: "Prefer not to answer" },
        review_heading = { da: "Tjek dine svar", en: "Check your answers" },
        review_intro = {
            da: "Du kan rette et svar, før du sender.",
            en: "You can change an answer before you send.",
        },
        change = { da: "Ret", en: "Change" },
        question = { da: "spørgsmål", en: "question" },
        not_answered = { da: "Ikke besvaret", en: "Not answered" },
        submit = { da: "Send svar", en: "Send answers" },
        thanks_heading = { da: "Tak for dine svar", en: "Thank you for your answers" },
        thanks_body = {
            da: "Giv tabletten tilbage til din rådgiver.",
            en: "Please give the tablet back to your counsellor.",
        },
        counsellor_button = { da: "Rådgiver", en: "Counsellor" },
        // Scores.
        score_heading = { da: "Resultat", en: "Result" },
        no_score = { da: "Ingen score", en: "No score" },
        score_declined = {
            da: "Ingen score: et spørgsmål er ikke besvaret (vil ikke svare)",
            en: "No score: a question was not answered (prefer not to answer)",
        },
        declined_items = { da: "Ville ikke svare på", en: "Preferred not to answer" },
        unverified = {
            da: "Den danske ordlyd er endnu ikke kontrolleret mod den officielle danske version.",
            en: "The Danish wording has not yet been checked against the official Danish version.",
        },
        to_participant = { da: "Til deltageren", en: "To the participant" },
        // Lock.
        set_pin_heading = { da: "Vælg en PIN-kode til rådgiveren", en: "Choose a counsellor PIN" },
        set_pin_body = {
            da: "PIN-koden låser rådgiverdelen op igen, så længe appen er åben, fx når en ung har svaret. Den gemmes kun krypteret som en saltet, langsom hash. Mindst 6 tegn.",
            en: "The PIN unlocks the counsellor area again while the app stays open, for example after a young person has answered. It is stored only encrypted, as a salted, slow hash. At least 6 characters.",
        },
        new_pin = { da: "Ny PIN-kode", en: "New PIN" },
        repeat_pin = { da: "Gentag PIN-koden", en: "Repeat the PIN" },
        save_pin = { da: "Gem PIN-kode", en: "Save PIN" },
        unlock_heading = { da: "Rådgiver", en: "Counsellor" },
        unlock_body = {
            da: "Skriv PIN-koden for at se deltagere og scorer.",
            en: "Enter the PIN to see participants and scores.",
        },
        pin = { da: "PIN-kode", en: "PIN" },
        unlock = { da: "Lås op", en: "Unlock" },
        lock = { da: "Lås", en: "Lock" },
        wrong_pin = { da: "Forkert PIN-kode.", en: "Wrong PIN." },
        pin_missing = {
            da: "Der er ingen PIN-kode på denne tablet.",
            en: "There is no PIN on this tablet.",
        },
        // Participants.
        participants = { da: "Deltagere", en: "Participants" },
        participant = { da: "Deltager", en: "Participant" },
        all_participants = { da: "Alle deltagere", en: "All participants" },
        new_participant = { da: "Ny deltager", en: "New participant" },
        no_participants = {
            da: "Der er ingen deltagere på denne tablet endnu.",
            en: "There are no participants on this tablet yet.",
        },
        open = { da: "Åbn deltager", en: "Open participant" },
        code = { da: "Kode", en: "Code" },
        participant_code = { da: "Deltagerkode:", en: "Participant code:" },
        code_explained = {
            da: "Deltageren får en tilfældig kode i stedet for et navn. Vis koden til den unge, så den kan huskes til næste gang.",
            en: "The participant gets a random code instead of a name. Show the code to the young person so they can remember it next time.",
        },
        gender = { da: "Køn", en: "Gender" },
        age = { da: "Alder", en: "Age" },
        course = { da: "Forløb", en: "Course" },
        site = { da: "Program eller sted", en: "Programme or site" },
        site_hint = {
            da: "Fx skolens eller programmets navn. Aldrig den unges navn.",
            en: "E.g. the school's or programme's name. Never the young person's name.",
        },
        measurements = { da: "Målinger", en: "Measurements" },
        create_participant = { da: "Opret deltager", en: "Create participant" },
        choose_all = { da: "Vælg køn, alder og forløb.", en: "Choose gender, age and course." },
        no_randomness = {
            da: "Browseren kan ikke lave tilfældige koder. Brug en nyere browser.",
            en: "The browser cannot make random codes. Use a newer browser.",
        },
        cancel = { da: "Annullér", en: "Cancel" },
        // Measurements and history.
        new_measurement = { da: "Ny måling", en: "New measurement" },
        measurement = { da: "måling", en: "measurement" },
        measurement_point = { da: "Målepunkt", en: "Measurement point" },
        during = { da: "Undervejs", en: "During" },
        session_number = { da: "Samtale nr.", en: "Session no." },
        session_invalid = {
            da: "Skriv samtalens nummer (1 eller mere).",
            en: "Enter the session number (1 or more).",
        },
        hand_over = { da: "Giv tabletten til den unge", en: "Hand the tablet to the young person" },
        hand_over_hint = {
            da: "Når du giver tabletten videre, låses rådgiverdelen.",
            en: "Handing the tablet over locks the counsellor area.",
        },
        no_measurements = { da: "Ingen målinger endnu.", en: "No measurements yet." },
        date = { da: "Dato", en: "Date" },
        flags_short = { da: "Markerede svar", en: "Flagged answers" },
        from_to = { da: "Fra → til", en: "From → to" },
        delta = { da: "Ændring", en: "Change" },
        actions = { da: "Handlinger", en: "Actions" },
        // Settings.
        settings = { da: "Indstillinger", en: "Settings" },
        rc_mdc = {
            da: "Mindste påviselige ændring: en fast grænse i point",
            en: "Minimal detectable change: a fixed limit in points",
        },
        rc_jt = {
            da: "Jacobson–Truax ud fra programmets SD og reliabilitet",
            en: "Jacobson–Truax from the programme's SD and reliability",
        },
        rc_points = { da: "Point", en: "Points" },
        rc_sd = { da: "Standardafvigelse (SD)", en: "Standard deviation (SD)" },
        rc_r = { da: "Reliabilitet (r, mellem 0 og 1)", en: "Reliability (r, between 0 and 1)" },
        save_settings = { da: "Gem indstillinger", en: "Save settings" },
        battery = {
            da: "Spørgeskemaer ved nye målinger",
            en: "Questionnaires at new measurements",
        },
        programmes = { da: "Programfiler", en: "Programme files" },
        programmes_hint = {
            da: "En programfil bringer programmets egne spørgeskemaer og batterier. Den beskriver ingen personer.",
            en: "A programme file brings the programme's own questionnaires and batteries. It describes no person.",
        },
        programmes_where = {
            da: "En programfil åbnes på eksportsiden, sammen med tablettens andre filer.",
            en: "A programme file is opened on the export page, with the tablet's other files.",
        },
        no_programmes = {
            da: "Der er ingen programfiler på denne tablet.",
            en: "There are no programme files on this tablet.",
        },
        open_programme = { da: "Åbn programfil", en: "Open programme file" },
        programme_unreadable = {
            da: "Filen kunne ikke læses. Intet er ændret.",
            en: "The file could not be read. Nothing has changed.",
        },
        version = { da: "version", en: "version" },
        settings_invalid = {
            da: "Tjek tallene: point og SD skal være over 0, og reliabiliteten mellem 0 og 1.",
            en: "Check the numbers: points and SD must be above 0, and reliability between 0 and 1.",
        },
        resume_draft = {
            da: "Giv tabletten tilbage til den unge",
            en: "Give the tablet back to the young person",
        },
        discard_draft = { da: "Kassér besvarelsen", en: "Discard the response" },
        discard_confirm = {
            da: "Kassér den igangværende besvarelse? Svarene slettes og kan ikke findes igen.",
            en: "Discard the response in progress? The answers are deleted and cannot be recovered.",
        },
        update_ready = {
            da: "En ny version af Trivsel er klar.",
            en: "A new version of Wellbeing is ready.",
        },
        update_now = { da: "Opdatér nu", en: "Update now" },
        // Export.
        export = { da: "Eksportér", en: "Export" },
        evaluator_link = { da: "Evaluering (uden PIN)", en: "Evaluation (no PIN)" },
        // Storage.
        storage_heading = { da: "Lager på denne tablet", en: "Storage on this tablet" },
        persisted = {
            da: "Browseren har lovet ikke at slette data ved pladsmangel.",
            en: "The browser has promised not to delete data when space runs low.",
        },
        not_persisted = {
            da: "Browseren kan slette data ved pladsmangel. Eksportér jævnligt.",
            en: "The browser may delete data when space runs low. Export regularly.",
        },
        broken_heading = {
            da: "Trivsel kan ikke bruges lige nu",
            en: "Wellbeing cannot be used right now",
        },
        broken_youth = {
            da: "Noget driller på tabletten. Giv den til din rådgiver.",
            en: "Something is wrong with the tablet. Please give it to your counsellor.",
        },
        for_counsellor = { da: "Til rådgiveren", en: "For the counsellor" },
        counsellor_failed = {
            da: "Rådgiverdelen kunne ikke åbnes. Genindlæs siden og prøv igen; intet er gået tabt.",
            en: "The counsellor area could not be opened. Reload the page and try again; nothing has been lost.",
        },
        /// A storage error, told to the young person: calm, no technical
        /// words, what to do (the counsellor is told `StorageError::message`).
        storage_error_youth = {
            da: "Dit svar blev ikke gemt. Prøv at trykke igen. Hvis det ikke virker, så giv tabletten til din rådgiver.",
            en: "Your answer was not saved. Try tapping again. If that does not work, give the tablet to your counsellor.",
        },
        // Encrypted storage (issue 12): setting up, the passphrase, the
        // questionnaire that waits after a reload, the rights, the backup.
        setup_heading = { da: "Opsæt tabletten", en: "Set up the tablet" },
        setup_body = {
            da: "Alt, hvad tabletten gemmer om deltagerne, krypteres. Adgangssætningen låser data op, når appen er startet forfra. PIN-koden låser op igen, så længe appen er åben.",
            en: "Everything the tablet stores about participants is encrypted. The passphrase unlocks the data after the app has started again. The PIN unlocks again while the app stays open.",
        },
        passphrase = { da: "Adgangssætning", en: "Passphrase" },
        new_passphrase = { da: "Ny adgangssætning", en: "New passphrase" },
        repeat_passphrase = { da: "Gentag adgangssætningen", en: "Repeat the passphrase" },
        passphrase_hint = {
            da: "Mindst 12 tegn eller 4 ord, fx fire ord, der ikke hører sammen.",
            en: "At least 12 characters or 4 words, for example four words that do not belong together.",
        },
        /// Said when the passphrase is chosen: without it the data is lost.
        passphrase_warning = {
            da: "Skriv adgangssætningen ned, og gem den et sikkert sted væk fra tabletten. Glemmer I den, kan ingen læse data på tabletten igen – heller ikke os. Tag jævnligt en sikkerhedskopi.",
            en: "Write the passphrase down and keep it somewhere safe, away from the tablet. If you forget it, nobody can read the data on the tablet again – not even us. Make a backup regularly.",
        },
        save_setup = { da: "Gem og fortsæt", en: "Save and continue" },
        unlock_passphrase_body = {
            da: "Appen er startet forfra. Skriv adgangssætningen for at låse data op.",
            en: "The app has started again. Enter the passphrase to unlock the data.",
        },
        wrong_passphrase = { da: "Forkert adgangssætning.", en: "Wrong passphrase." },
        pin_forgot_key = {
            da: "For mange forkerte PIN-koder. Tabletten er låst helt; skriv adgangssætningen.",
            en: "Too many wrong PINs. The tablet is fully locked; enter the passphrase.",
        },
        new_passphrase_heading = { da: "Vælg en adgangssætning", en: "Choose a passphrase" },
        new_passphrase_body = {
            da: "Data på tabletten skal nu krypteres. Adgangssætningen låser data op, når appen er startet forfra; PIN-koden virker som før, så længe appen er åben.",
            en: "The data on the tablet will now be encrypted. The passphrase unlocks the data after the app has started again; the PIN works as before while the app stays open.",
        },
        save_passphrase = { da: "Gem adgangssætning", en: "Save passphrase" },
        waiting_heading = { da: "Dine svar er gemt", en: "Your answers are saved" },
        waiting_body = {
            da: "Giv tabletten til din rådgiver. Så kan du fortsætte, hvor du slap.",
            en: "Give the tablet to your counsellor. Then you can carry on where you left off.",
        },
        rights_heading = { da: "Det gemmer vi om dig", en: "What we keep about you" },
        backup_never = {
            da: "Der er ikke taget nogen sikkerhedskopi af tabletten endnu. Tag en på eksportsiden.",
            en: "No backup of the tablet has been made yet. Make one on the export page.",
        },
        // End of issue 12's texts.
    }
    formats {
        /// The start screen's text, with the number of questions.
        fn start_body(questions: usize) -> [String; 3] = {
            da: [
                format!("Du får {questions} korte spørgsmål om, hvordan du har haft det."),
                "Der er ingen rigtige eller forkerte svar. Vælg det, der passer bedst på dig.".into(),
                "Du skal ikke skrive dit navn.".into(),
            ],
            en: [
                format!("You will get {questions} short questions about how you have been feeling."),
                "There are no right or wrong answers. Choose what fits you best.".into(),
                "You do not write your name.".into(),
            ],
        },
        fn flags_heading(at_most: u8) -> String = {
            da: match at_most {
                0 => "Spørgsmål besvaret med 0".into(),
                1 => "Spørgsmål besvaret med 0 eller 1".into(),
                n => format!("Spørgsmål besvaret med {n} eller lavere"),
            },
            en: match at_most {
                0 => "Items answered 0".into(),
                1 => "Items answered 0 or 1".into(),
                n => format!("Items answered {n} or lower"),
            },
        },
        fn flags_none(at_most: u8) -> String = {
            da: match at_most {
                0 => "Ingen spørgsmål er besvaret med 0.".into(),
                1 => "Ingen spørgsmål er besvaret med 0 eller 1.".into(),
                n => format!("Ingen spørgsmål er besvaret med {n} eller lavere."),
            },
            en: match at_most {
                0 => "No item was answered 0.".into(),
                1 => "No item was answered 0 or 1.".into(),
                n => format!("No item was answered {n} or lower."),
            },
        },
        fn chart_title(score: &str) -> String = {
            da: format!("{score} over tid"),
            en: format!("{score} over time"),
        },
        fn change_since_intake(score: &str) -> String = {
            da: format!("Ændring i {} siden indskrivning.", lower_first(score)),
            en: format!("Change in {} since intake.", lower_first(score)),
        },
        fn cutoffs_for(score: &str) -> String = {
            da: format!("Grænser for {score}"),
            en: format!("Cut-offs for {score}"),
        },
        fn programme_imported(name: &str) -> String = {
            da: format!("Programfilen «{name}» er indlæst. Dens spørgeskemaer kan nu vælges."),
            en: format!("The programme file «{name}» is loaded. Its questionnaires can now be chosen."),
        },
        fn not_exported(n: usize) -> String = {
            da: match n {
                1 => "1 besvarelse er ikke eksporteret endnu.".into(),
                n => format!("{n} besvarelser er ikke eksporteret endnu."),
            },
            en: match n {
                1 => "1 response has not been exported yet.".into(),
                n => format!("{n} responses have not been exported yet."),
            },
        },
        fn storage_used(used: f64, quota: f64) -> String = {
            da: format!("Lager brugt: {} af {} tilladt.", megabytes(used, Lang::Da), megabytes(quota, Lang::Da)),
            en: format!("Storage used: {} of {} allowed.", megabytes(used, Lang::En), megabytes(quota, Lang::En)),
        },
        fn in_progress(code: &str, answered: usize, total: usize) -> String = {
            da: format!("En besvarelse er i gang for deltager {code}: {answered} af {total} spørgsmål besvaret."),
            en: format!("A response is in progress for participant {code}: {answered} of {total} questions answered."),
        },
        fn unreadable(n: usize) -> String = {
            da: format!("{n} gemte poster kunne ikke læses. De er bevaret uændret; kontakt support."),
            en: format!("{n} stored entries could not be read. They are kept unchanged; contact support."),
        },
        fn wait_seconds(s: u64) -> String = {
            da: format!("For mange forkerte forsøg. Prøv igen om {s} sekunder."),
            en: format!("Too many wrong tries. Try again in {s} seconds."),
        },
        // Encrypted storage (issue 12): the rights and the backup reminder.
        /// The young person's rights (GDPR art. 13) in words a 12-year-old
        /// understands: what is kept, who sees it, for how long.
        fn rights(months: u32) -> [String; 4] = {
            da: [
                "Vi gemmer dine svar og en kode. Ikke dit navn.".into(),
                "Kun din rådgiver kan se dine svar. De er låst inde på tabletten med en hemmelig adgangssætning.".into(),
                "Kommunen får dine svar uden dit navn, så den kan se, om forløbene hjælper.".into(),
                format!("Dine svar slettes fra tabletten senest {months} måneder efter, at de er sendt videre. Du må gerne se dine svar og få dem rettet eller slettet. Spørg din rådgiver."),
            ],
            en: [
                "We keep your answers and a code. Not your name.".into(),
                "Only your counsellor can see your answers. They are locked away on the tablet with a secret passphrase.".into(),
                "The municipality gets your answers without your name, to see if the courses help.".into(),
                format!("Your answers are deleted from the tablet at the latest {months} months after they have been sent on. You may see your answers and have them corrected or deleted. Ask your counsellor."),
            ],
        },
        /// When the last backup was made, with a reminder after 14 days.
        fn last_backup(day: trivsel_core::Date, days: i64) -> String = {
            da: if days >= 14 {
                format!("Seneste sikkerhedskopi: {day}, for {days} dage siden. Tag en ny på eksportsiden.")
            } else {
                format!("Seneste sikkerhedskopi: {day}.")
            },
            en: if days >= 14 {
                format!("Last backup: {day}, {days} days ago. Make a new one on the export page.")
            } else {
                format!("Last backup: {day}.")
            },
        },
        // End of issue 12's formats.
    }
}

impl Messages {
    /// When the tablet was last backed up (`last`), seen from `today`, or
    /// that it never was.
    pub fn backup_status(
        &self,
        last: Option<trivsel_core::Date>,
        today: trivsel_core::Date,
    ) -> String {
        match last {
            Some(day) => self.last_backup(day, today.days_since(day)),
            None => self.backup_never.to_string(),
        }
    }

    /// What a change criterion counts, with the parameters in use.
    pub fn criterion_explained(
        &self,
        name: &Text,
        rule: &CriterionRule,
        reliable: Option<&ReliableChange>,
    ) -> String {
        let lang = self.lang;
        let name = upper_first(name.get(lang));
        let points = |x: f64| decimal(x, Some(1), lang);
        match (rule, reliable) {
            (CriterionRule::Points { points }, _) => tr!(lang,
                da: format!("{name}: en forskel på mindst {points} point tæller."),
                en: format!("{name}: a difference of at least {points} points counts."),
            ),
            (CriterionRule::Reliable { .. }, Some(rc)) => {
                let t = points(rc.threshold());
                tr!(lang,
                    da: format!("{name}: mere end {t} point."),
                    en: format!("{name}: more than {t} points."),
                )
            }
            (CriterionRule::Reliable { .. }, None) => name,
            (CriterionRule::Stopped, _) => tr!(lang,
                da: format!("{name}: 0 ved målingen, blandt dem med mere end 0 ved indskrivning."),
                en: format!("{name}: 0 at the measurement, among those above 0 at intake."),
            ),
            (CriterionRule::Halved, _) => tr!(lang,
                da: format!("{name}: højst det halve af indskrivningens tal, blandt dem med mere end 0 ved indskrivning."),
                en: format!("{name}: at most half the intake value, among those above 0 at intake."),
            ),
        }
    }

    /// A measurement point in a few characters, for the chart's axis.
    pub fn point_short(&self, point: &MeasurementPoint) -> String {
        let lang = self.lang;
        match point {
            MeasurementPoint::Intake => tr!(lang, da: "Indskr.".into(), en: "Intake".into()),
            MeasurementPoint::During { session } => tr!(lang,
                da: format!("Samt. {session}"),
                en: format!("Sess. {session}"),
            ),
            MeasurementPoint::End => tr!(lang, da: "Afslutn.".into(), en: "End".into()),
            MeasurementPoint::FollowUp => tr!(lang, da: "Opfølgn.".into(), en: "Follow-up".into()),
        }
    }
}

/// A storage figure in MB (of 1 000 000 bytes), to one decimal.
fn megabytes(bytes: f64, lang: Lang) -> String {
    format!("{} MB", decimal(bytes / 1_000_000.0, Some(1), lang))
}

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

// Exports encrypted to the evaluator (issue 13): the settings field for the
// evaluator's public key (`KeyMessages`, the counsellor's bundle) and the
// export page's choice (`SealMessages`, the export page). Catalogues of their
// own, so the tablet's first load (which carries `Messages`) carries none of
// it, and each bundle only its own half.
catalogue! {
    /// The settings field for the evaluator's public key.
    pub struct KeyMessages;
    /// The catalogue in `lang`.
    pub fn key_messages;
    texts {
        key_heading = { da: "Evaluatorens offentlige nøgle", en: "The evaluator's public key" },
        key_explained = {
            da: "Eksporter krypteres til evaluatorens nøgle, så kun evaluatoren kan læse dem, også hvis en fil sendes forkert, eller et USB-stik bliver væk. Skriv eller indsæt nøglen (den begynder med age1), eller åbn filen med den.",
            en: "Exports are encrypted to the evaluator's key, so only the evaluator can read them, even if a file is sent to the wrong person or a USB stick is lost. Type or paste the key (it begins with age1), or open the file that holds it.",
        },
        key_label = { da: "Offentlig nøgle (age1…)", en: "Public key (age1…)" },
        key_open = { da: "Åbn en fil med nøglen", en: "Open a file with the key" },
        key_none = {
            da: "Ingen nøgle endnu: uden den kan eksporter kun laves ukrypteret, efter en advarsel.",
            en: "No key yet: without it, exports can only be made unencrypted, after a warning.",
        },
        fingerprint = { da: "Fingeraftryk", en: "Fingerprint" },
        fingerprint_check = {
            da: "Ring til evaluatoren, og sammenlign fingeraftrykket tegn for tegn: evaluatoren ser det samme ved sin nøgle. Er det ikke ens, så gem ikke nøglen.",
            en: "Phone the evaluator and compare the fingerprint character by character: the evaluator sees the same beside their key. If it differs, do not save the key.",
        },
        key_file_unreadable = {
            da: "Filen kunne ikke læses som en nøgle.",
            en: "The file could not be read as a key.",
        },
    }
    formats {}
}

catalogue! {
    /// The export page's choice: sealed to the evaluator, or plain, warned.
    pub struct SealMessages;
    /// The catalogue in `lang`.
    pub fn seal_messages;
    texts {
        seal_heading = { da: "Kryptering", en: "Encryption" },
        no_key = {
            da: "Der er ingen evaluatornøgle i indstillingerne, så filen kan ikke krypteres. Sæt nøglen under Indstillinger.",
            en: "There is no evaluator key in the settings, so the file cannot be encrypted. Set the key under Settings.",
        },
        export_plain = {
            da: "Eksportér ukrypteret – alle der får filen kan læse den",
            en: "Export unencrypted – anyone who gets the file can read it",
        },
        plain_warning = {
            da: "Filen bliver ikke krypteret: alle, der får den – ved en fejlsendt e-mail eller et mistet USB-stik – kan læse hver kode og hvert svar.",
            en: "The file will not be encrypted: anyone who gets it – by a misdirected e-mail or a lost USB stick – can read every code and every answer.",
        },
        key_or_plain = {
            da: "Sæt evaluatorens nøgle i indstillingerne, eller vælg at eksportere ukrypteret.",
            en: "Set the evaluator's key in the settings, or choose to export unencrypted.",
        },
    }
    formats {
        fn sealed_to(fingerprint: &str) -> String = {
            da: format!("Filen krypteres til evaluatorens nøgle med fingeraftrykket {fingerprint}. Kun evaluatoren kan åbne den."),
            en: format!("The file is encrypted to the evaluator's key with the fingerprint {fingerprint}. Only the evaluator can open it."),
        },
    }
}
