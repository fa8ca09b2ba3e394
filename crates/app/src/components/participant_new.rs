//! Counsellor: a new participant with a random pseudonymous code, never a name.

use trivsel_core::{AgeBand, CourseType, Gender, Lang, Participant, ParticipantCode, Site};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::form::radios;
use crate::components::go;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::state::{Action, Screen};

/// The participant the form describes, or what the counsellor must fix.
fn participant(
    code: ParticipantCode,
    facts: (Option<Gender>, Option<AgeBand>, Option<CourseType>),
    site: &str,
    lang: Lang,
) -> Result<Participant, String> {
    let (Some(gender), Some(age_band), Some(course)) = facts else {
        return Err(messages(lang).choose_all.to_string());
    };
    Ok(Participant {
        code,
        gender,
        age_band,
        site: Site::parse(site).map_err(|e| e.message(lang))?,
        course,
        created: effects::today(),
    })
}

#[function_component]
pub fn NewParticipant() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let lang: Lang = ctx.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let code = {
        let ctx = ctx.clone();
        use_state(move || effects::new_code(&ctx))
    };
    let gender = use_state(|| None::<Gender>);
    let age = use_state(|| None::<AgeBand>);
    let course = use_state(|| None::<CourseType>);
    let site = use_node_ref();
    let last_site = ctx
        .data
        .participants
        .last()
        .map(|p| p.site.to_string())
        .unwrap_or_default();
    let Some(code_value) = (*code).clone() else {
        return html! { <p class="warn" role="alert">{ m.no_randomness }</p> };
    };
    let onsubmit = {
        let (ctx, gender, age, course, site, code_value) = (
            ctx.clone(),
            gender.clone(),
            age.clone(),
            course.clone(),
            site.clone(),
            code_value.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let site_text = site
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let facts = (*gender, *age, *course);
            match participant(code_value.clone(), facts, &site_text, ctx.lang) {
                Ok(p) => effects::add_participant(ctx.clone(), p),
                Err(notice) => ctx.dispatch(Action::Notice(Some(notice))),
            }
        })
    };
    let cancel = go(&ctx, Screen::Home);
    html! {
        <section class="screen new-participant" aria-labelledby="np-heading">
            <h1 id="np-heading" tabindex="-1" ref={heading}>{ m.new_participant }</h1>
            <p class="lead">{ m.code_explained }</p>
            <p class="code-line">{ m.participant_code }{ " " }<strong class="code big">{ code_value.to_string() }</strong></p>
            <form class="form" {onsubmit}>
                { radios("gender", m.gender, &Gender::ALL, |g| g.label(lang).to_string(), &gender) }
                { radios("age", m.age, &AgeBand::ALL, |a| a.label(lang).to_string(), &age) }
                { radios("course", m.course, &CourseType::ALL, |c| c.label(lang).to_string(), &course) }
                <label for="site">{ m.site }</label>
                <input id="site" type="text" ref={site} value={last_site} maxlength="40" autocomplete="off" />
                <p class="hint">{ m.site_hint }</p>
                <div class="steps">
                    <button type="button" class="secondary" onclick={cancel}>{ m.cancel }</button>
                    <button type="submit" class="primary" disabled={ctx.busy}>{ m.create_participant }</button>
                </div>
            </form>
        </section>
    }
}
