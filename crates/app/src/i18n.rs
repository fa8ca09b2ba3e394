//! The message catalogue: every piece of interface text, in Danish and English.
//!
//! Instrument wordings are not here: they are data in the core crate. One
//! struct per language means a missing translation is a compile error.

use trivsel_core::Lang;

pub struct Messages {
    pub app_name: &'static str,
    /// Label of the language switch button: the name of the *other* language, in that language.
    pub switch_to: &'static str,
    pub switch_to_lang: Lang,
    pub start_heading: &'static str,
    pub start_body: &'static [&'static str],
    pub start_button: &'static str,
    pub continue_button: &'static str,
    pub back: &'static str,
    /// "2 af 5": the word between the numbers.
    pub of: &'static str,
    pub progress_label: &'static str,
    /// Progress shown on a one-item instrument that ends the session.
    pub last_question: &'static str,
    pub choose_one: &'static str,
    pub ladder_hint: &'static str,
    pub review_heading: &'static str,
    pub review_intro: &'static str,
    pub change: &'static str,
    pub question: &'static str,
    pub not_answered: &'static str,
    pub submit: &'static str,
    pub score_heading: &'static str,
    pub score_intro: &'static str,
    pub raw_score: &'static str,
    pub percentage_score: &'static str,
    pub flags_heading: &'static str,
    pub flags_explained: &'static str,
    pub flags_none: &'static str,
    pub ladder_value: &'static str,
    pub no_score: &'static str,
    pub unverified: &'static str,
    pub new_response: &'static str,
}

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

static DA: Messages = Messages {
    app_name: "Trivsel",
    switch_to: "English",
    switch_to_lang: Lang::En,
    start_heading: "Hvordan har du haft det?",
    start_body: &[
        "Du får seks korte spørgsmål om, hvordan du har haft det.",
        "Der er ingen rigtige eller forkerte svar. Vælg det, der passer bedst på dig.",
        "Du skal ikke skrive dit navn.",
    ],
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
    score_heading: "Resultat",
    score_intro: "Til rådgiveren: scorer for denne besvarelse.",
    raw_score: "Råscore",
    percentage_score: "Procentscore",
    flags_heading: "Spørgsmål besvaret med 0 eller 1",
    flags_explained: "Et svar på 0 eller 1 på et enkelt spørgsmål er også en grund til at tilbyde screening for depression, uanset totalscoren.",
    flags_none: "Ingen spørgsmål er besvaret med 0 eller 1.",
    ladder_value: "Trin på stigen",
    no_score: "Ingen score",
    unverified: "Den danske ordlyd er endnu ikke kontrolleret mod den officielle danske version.",
    new_response: "Ny besvarelse",
};

static EN: Messages = Messages {
    app_name: "Wellbeing",
    switch_to: "Dansk",
    switch_to_lang: Lang::Da,
    start_heading: "How have you been?",
    start_body: &[
        "You will get six short questions about how you have been feeling.",
        "There are no right or wrong answers. Choose what fits you best.",
        "You do not write your name.",
    ],
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
    score_heading: "Result",
    score_intro: "For the counsellor: scores for this response.",
    raw_score: "Raw score",
    percentage_score: "Percentage score",
    flags_heading: "Items answered 0 or 1",
    flags_explained: "An answer of 0 or 1 to any single item is also a reason to offer screening for depression, whatever the total.",
    flags_none: "No item was answered 0 or 1.",
    ladder_value: "Step on the ladder",
    no_score: "No score",
    unverified: "The Danish wording has not yet been checked against the official Danish version.",
    new_response: "New response",
};
