//! The counsellor's care of the tablet's data, on the export page beside the
//! export (so none of it, and none of age's code, is in the tablet's first
//! load): backup and restore, erasing a participant, the retention period,
//! and the passphrase and recovery key.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::pin::{clear, secret, value};
use crate::effects::care::{self, Restoring};
use crate::effects::{self, Ctx};
use crate::i18n::{export_messages, messages};

#[function_component]
pub fn DataCare() -> Html {
    html! {
        <>
            <BackupCard />
            <RestoreCard />
            <EraseCard />
            <RetentionCard />
            <KeysCard />
        </>
    }
}

#[function_component]
fn BackupCard() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let (m, x) = (messages(ctx.lang), export_messages(ctx.lang));
    let (a, b) = (use_node_ref(), use_node_ref());
    let onsubmit = {
        let (a, b, ctx) = (a.clone(), b.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            care::backup(ctx.clone(), value(&a), value(&b));
            clear(&a);
            clear(&b);
        })
    };
    let last = m.backup_status(ctx.data.last_backup, effects::today());
    html! {
        <section class="card data" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{ x.backup_heading }</h2>
            <p>{ x.backup_intro }</p>
            <p class="backup">{ last }</p>
            <form class="form" {onsubmit}>
                { secret("backup-passphrase", x.backup_passphrase, &a, true, None) }
                <p class="hint">{ m.passphrase_hint }</p>
                { secret("backup-repeat", x.backup_repeat, &b, true, None) }
                <button type="submit" class="primary" disabled={ctx.busy}>{ x.backup_button }</button>
            </form>
        </section>
    }
}

#[function_component]
fn RestoreCard() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let x = export_messages(ctx.lang);
    let (file, phrase) = (use_node_ref(), use_node_ref());
    let restoring = use_state(|| None::<Restoring>);
    let onsubmit = {
        let (file, phrase, ctx, restoring) =
            (file.clone(), phrase.clone(), ctx.clone(), restoring.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let chosen = file
                .cast::<HtmlInputElement>()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0));
            let Some(chosen) = chosen else {
                return ctx.dispatch(crate::state::Action::Notice(Some(
                    export_messages(ctx.lang).restore_unreadable.to_string(),
                )));
            };
            let done = {
                let restoring = restoring.clone();
                Callback::from(move |r: Restoring| restoring.set(Some(r)))
            };
            care::read_backup(ctx.clone(), chosen, value(&phrase), done);
            clear(&phrase);
        })
    };
    let plan_view = (*restoring).clone().map(|r| plan_view(&ctx, &restoring, r));
    html! {
        <section class="card data" aria-labelledby="restore-heading">
            <h2 id="restore-heading">{ x.restore_heading }</h2>
            <p>{ x.restore_intro }</p>
            <form class="form" {onsubmit}>
                <label for="restore-file">{ x.restore_file }</label>
                <input id="restore-file" type="file" accept=".age" ref={file} />
                { secret("restore-passphrase", x.restore_passphrase, &phrase, false, None) }
                <button type="submit" class="secondary" disabled={ctx.busy}>{ x.restore_read }</button>
            </form>
            { for plan_view }
        </section>
    }
}

#[function_component]
fn EraseCard() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let (m, x) = (messages(ctx.lang), export_messages(ctx.lang));
    let chosen = use_state(|| None::<String>);
    let confirming = use_state(|| None::<trivsel_core::ParticipantCode>);
    let participants = &ctx.data.participants;
    let Some(first) = participants.first() else {
        return Html::default();
    };
    let selected = participants
        .iter()
        .find(|p| Some(p.code.to_string()) == *chosen)
        .unwrap_or(first)
        .code
        .clone();
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let value = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value());
            chosen.set(value);
        })
    };
    let ask = {
        let (confirming, code) = (confirming.clone(), selected.clone());
        Callback::from(move |_| confirming.set(Some(code.clone())))
    };
    let confirm = (*confirming).clone().map(|code| {
        let n = ctx.data.records.iter().filter(|r| r.participant == code).count();
        let erase = {
            let (ctx, confirming, code) = (ctx.clone(), confirming.clone(), code.clone());
            Callback::from(move |_| {
                care::erase_participant(ctx.clone(), code.clone());
                confirming.set(None);
            })
        };
        let cancel = {
            let confirming = confirming.clone();
            Callback::from(move |_| confirming.set(None))
        };
        html! {
            <div role="group" aria-labelledby="erase-warning">
                <p id="erase-warning" class="warn">{ x.erase_warning }</p>
                <div class="actions">
                    <button type="button" class="secondary" onclick={cancel}>{ m.cancel }</button>
                    <button type="button" class="danger" disabled={ctx.busy} onclick={erase}>{ x.erase_confirm(code.as_str(), n) }</button>
                </div>
            </div>
        }
    });
    html! {
        <section class="card data" aria-labelledby="erase-heading">
            <h2 id="erase-heading">{ x.erase_heading }</h2>
            <p>{ x.erase_intro }</p>
            <div class="form">
                <label for="erase-which">{ x.erase_which }</label>
                <select id="erase-which" {onchange}>
                    { for participants.iter().map(|p| html! {
                        <option value={p.code.to_string()} selected={p.code == selected}>{ p.code.to_string() }</option>
                    }) }
                </select>
                if let Some(confirm) = confirm {
                    { confirm }
                } else {
                    <button type="button" class="secondary" onclick={ask}>{ x.erase_button(selected.as_str()) }</button>
                }
            </div>
        </section>
    }
}

#[function_component]
fn RetentionCard() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let (m, x) = (messages(ctx.lang), export_messages(ctx.lang));
    let months_input = use_node_ref();
    let confirming = use_state(|| false);
    let months = ctx.settings.retention();
    let due =
        trivsel_core::backup::past_retention(&ctx.data.records, effects::today(), months).len();
    let onsubmit = {
        let (node, ctx) = (months_input.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match value(&node).trim().parse::<u32>() {
                Ok(n) if (1..=120).contains(&n) => care::save_retention(ctx.clone(), n),
                _ => ctx.dispatch(crate::state::Action::Notice(Some(
                    export_messages(ctx.lang).retention_invalid.to_string(),
                ))),
            }
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let erase = {
        let (ctx, confirming) = (ctx.clone(), confirming.clone());
        Callback::from(move |_| {
            confirming.set(false);
            care::erase_past_retention(ctx.clone());
        })
    };
    html! {
        <section class="card data" aria-labelledby="retention-heading">
            <h2 id="retention-heading">{ x.retention_heading }</h2>
            <form class="form" {onsubmit}>
                <label for="retention">{ x.retention_months }</label>
                <input id="retention" type="text" inputmode="numeric" ref={months_input} value={months.to_string()} />
                <button type="submit" class="secondary">{ x.retention_save }</button>
            </form>
            <p>{ x.past_retention(due, months) }</p>
            if due > 0 {
                if *confirming {
                    <div role="group" aria-labelledby="retention-warning">
                        <p id="retention-warning" class="warn">{ x.delete_warning }</p>
                        <div class="actions">
                            <button type="button" class="secondary" onclick={cancel}>{ m.cancel }</button>
                            <button type="button" class="danger" disabled={ctx.busy} onclick={erase}>{ x.delete_confirm(due) }</button>
                        </div>
                    </div>
                } else {
                    <button type="button" class="secondary" onclick={ask}>{ x.delete_button(due) }</button>
                }
            }
        </section>
    }
}

#[function_component]
fn KeysCard() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let (m, x) = (messages(ctx.lang), export_messages(ctx.lang));
    let (current, new, repeat, current2) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let shown = use_state(|| None::<String>);
    let change = {
        let nodes = (current.clone(), new.clone(), repeat.clone());
        let ctx = ctx.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (a, b, c) = &nodes;
            care::rewrap(
                ctx.clone(),
                value(a),
                Some((value(b), value(c))),
                Callback::noop(),
            );
            for node in [a, b, c] {
                clear(node);
            }
        })
    };
    let recovery = {
        let (node, ctx, shown) = (current2.clone(), ctx.clone(), shown.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let shown = shown.clone();
            care::rewrap(
                ctx.clone(),
                value(&node),
                None,
                Callback::from(move |k| shown.set(Some(k))),
            );
            clear(&node);
        })
    };
    let has_recovery = ctx.store.as_ref().is_some_and(|s| s.has_recovery()) || shown.is_some();
    html! {
        <section class="card data" aria-labelledby="keys-heading">
            <h2 id="keys-heading">{ x.keys_heading }</h2>
            <form class="form" onsubmit={change}>
                { secret("current-passphrase", x.current_passphrase, &current, false, None) }
                { secret("changed-passphrase", m.new_passphrase, &new, true, None) }
                <p class="hint">{ m.passphrase_hint }</p>
                { secret("changed-repeat", m.repeat_passphrase, &repeat, true, None) }
                <button type="submit" class="secondary" disabled={ctx.busy}>{ x.change_passphrase }</button>
            </form>
            <p>{ x.recovery_intro }</p>
            <p>{ if has_recovery { x.recovery_kept } else { x.recovery_none } }</p>
            if let Some(key) = (*shown).clone() {
                <p role="status">{ x.recovery_shown }{ " " }<strong class="code recovery-key">{ key }</strong></p>
            }
            <form class="form" onsubmit={recovery}>
                { secret("recovery-current", m.passphrase, &current2, false, None) }
                <button type="submit" class="secondary" disabled={ctx.busy}>{ x.recovery_button }</button>
            </form>
        </section>
    }
}

/// What a backup read would restore, with its conflicts, and the buttons
/// that restore it or put it away.
fn plan_view(ctx: &Ctx, restoring: &UseStateHandle<Option<Restoring>>, r: Restoring) -> Html {
    let (m, x) = (messages(ctx.lang), export_messages(ctx.lang));
    let lang = ctx.lang;
    let plan = &r.plan;
    let apply = {
        let (ctx, restoring, r) = (ctx.clone(), restoring.clone(), r.clone());
        Callback::from(move |_| {
            care::restore(ctx.clone(), r.clone());
            restoring.set(None);
        })
    };
    let cancel = {
        let restoring = restoring.clone();
        Callback::from(move |_| restoring.set(None))
    };
    let p_rows = plan.participant_conflicts.iter().map(|c| {
            let facts = |p: &trivsel_core::Participant| {
                format!("{}, {}, {}, {}", p.gender.label(lang), p.age_band.label(lang), p.course.label(lang), p.site)
            };
            html! {
                <tr><th scope="row" class="code">{ c.here.code.to_string() }</th><td>{ facts(&c.here) }</td><td>{ facts(&c.backup) }</td></tr>
            }
        });
    let r_rows = plan.record_conflicts.iter().map(|c| html! {
            <tr>
                <th scope="row"><span class="code">{ c.here.participant.to_string() }</span>{ " " }{ c.here.id.to_string()[..8].to_string() }</th>
                <td>{ x.record_summary(&c.here) }</td><td>{ x.record_summary(&c.backup) }</td>
            </tr>
        });
    html! {
        <div class="restore-plan" role="group" aria-labelledby="plan-text">
            <p id="plan-text">{ x.restore_plan(plan) }</p>
            if plan.has_conflicts() {
                <h3>{ x.conflicts_heading }</h3>
                <p>{ x.conflicts_explained }</p>
                <table class="list conflicts">
                    <thead><tr><th scope="col">{ m.code }</th><th scope="col">{ x.on_tablet }</th><th scope="col">{ x.in_backup }</th></tr></thead>
                    <tbody>{ for p_rows }{ for r_rows }</tbody>
                </table>
            }
            <div class="actions">
                <button type="button" class="secondary" onclick={cancel}>{ m.cancel }</button>
                <button type="button" class="primary" disabled={ctx.busy} onclick={apply}>
                    { x.restore_button(plan.new_participants.len(), plan.new_records.len()) }
                </button>
            </div>
        </div>
    }
}
