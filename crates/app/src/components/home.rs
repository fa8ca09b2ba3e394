//! Counsellor home: the participants on this tablet and the state of its storage.

use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::go;
use crate::effects::{self, Ctx};
use crate::i18n::{messages, Messages};
use crate::services::storage::Draft;
use crate::state::{Action, Data, Screen};

#[function_component]
pub fn Home() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let lang = ctx.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let data = &ctx.data;
    let rows = data.participants.iter().map(|p| {
        let measurements = data.records.iter().filter(|r| r.participant == p.code).count();
        let open_name = format!("{} {}", m.open, p.code);
        html! {
            <tr key={p.code.to_string()}>
                <th scope="row">
                    <button type="button" class="link code" aria-label={open_name}
                        onclick={go(&ctx, Screen::Participant(p.code.clone()))}>{ p.code.to_string() }</button>
                </th>
                <td>{ p.gender.label(lang) }</td>
                <td>{ p.age_band.label(lang) }</td>
                <td>{ p.course.label(lang) }</td>
                <td>{ p.site.to_string() }</td>
                <td>{ measurements }</td>
            </tr>
        }
    });
    let in_progress = ctx
        .draft
        .as_ref()
        .map(|draft| in_progress_card(&ctx, draft));
    html! {
        <section class="screen home" aria-labelledby="home-heading">
            <h1 id="home-heading" tabindex="-1" ref={heading}>{ m.participants }</h1>
            { for in_progress }
            <div class="actions">
                <button type="button" class="primary" onclick={go(&ctx, Screen::NewParticipant)}>{ m.new_participant }</button>
                // The export is its own page and bundle; it asks for the passphrase again.
                <a class="secondary" href="eksport/">{ m.export }</a>
                <button type="button" class="secondary" onclick={go(&ctx, Screen::Settings)}>{ m.settings }</button>
            </div>
            if data.participants.is_empty() {
                <p>{ m.no_participants }</p>
            } else {
                <table class="list">
                    <thead><tr>
                        <th scope="col">{ m.code }</th><th scope="col">{ m.gender }</th>
                        <th scope="col">{ m.age }</th><th scope="col">{ m.course }</th>
                        <th scope="col">{ m.site }</th><th scope="col">{ m.measurements }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            { storage_card(m, data) }
        </section>
    }
}

/// A questionnaire in progress, to hand back to the young person or discard.
fn in_progress_card(ctx: &Ctx, draft: &Draft) -> Html {
    let m = messages(ctx.lang);
    let resume = {
        let (ctx, draft) = (ctx.clone(), draft.clone());
        Callback::from(move |_| ctx.dispatch(Action::HandedOver(draft.clone())))
    };
    let discard = {
        let ctx = ctx.clone();
        Callback::from(move |_| effects::discard_draft(ctx.clone()))
    };
    let answered = draft.flow.answers.values().map(|a| a.len()).sum::<usize>();
    html! {
        <div class="card in-progress" role="status">
            <p>{ m.in_progress(&draft.participant.to_string(), answered, draft.flow.steps.len()) }</p>
            <div class="actions">
                <button type="button" class="primary" onclick={resume}>{ m.resume_draft }</button>
                <button type="button" class="secondary" onclick={discard}>{ m.discard_draft }</button>
            </div>
        </div>
    }
}

/// What the tablet holds: responses not yet exported, the storage used, and
/// whether the browser may delete it.
fn storage_card(m: &Messages, data: &Data) -> Html {
    let not_exported = data.records.iter().filter(|r| !r.exported).count();
    let usage = data.usage;
    let last_backup = m.backup_status(data.last_backup, effects::today());
    html! {
        <aside class="card storage" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{ m.storage_heading }</h2>
            <p class="not-exported">{ m.not_exported(not_exported) }</p>
            <p class="backup">{ last_backup }</p>
            <p>{ m.storage_used(usage.used, usage.quota) }</p>
            <p>{ if usage.persisted { m.persisted } else { m.not_persisted } }</p>
            if data.unreadable > 0 {
                <p class="warn">{ m.unreadable(data.unreadable) }</p>
            }
        </aside>
    }
}
