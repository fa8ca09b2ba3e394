//! Form pieces shared by the counsellor screens.

use yew::prelude::*;

/// A group of radio buttons, one per choice, labelled by its legend.
pub fn radios<T: Copy + PartialEq + 'static>(
    name: &str,
    legend: &str,
    choices: &[T],
    label: impl Fn(T) -> String,
    chosen: &UseStateHandle<Option<T>>,
) -> Html {
    let items = choices.iter().enumerate().map(|(i, &choice)| {
        let id = format!("{name}-{i}");
        let chosen_handle = chosen.clone();
        let onchange = Callback::from(move |_| chosen_handle.set(Some(choice)));
        html! {
            <label class="choice" for={id.clone()}>
                <input type="radio" {id} name={name.to_string()} checked={**chosen == Some(choice)} {onchange} />
                <span>{ label(choice) }</span>
            </label>
        }
    });
    html! {
        <fieldset class="choices">
            <legend>{ legend.to_string() }</legend>
            { for items }
        </fieldset>
    }
}
