//! Counsellor, in settings: the evaluator's public key, which every export
//! is encrypted to. Typed, pasted, or opened from a file (a `.txt` with the
//! `age1…` line, or an identity file's `# public key:` comment); checked as
//! it changes, with its fingerprint to compare with the evaluator's by
//! phone. A secret key is never kept, not even in the field: it is cleared
//! and refused. The check is core's `sealed::Recipient`, which does not
//! call the age crate, so this bundle does not carry it.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::{key_messages, KeyMessages};
use crate::settings::evaluator_key;
use trivsel_core::sealed::{KeyError, Recipient};
use trivsel_core::Lang;

/// The largest file read as a key: a key file is under 200 bytes.
const MAX_KEY_FILE: f64 = 64.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The field's text, as the settings form holds it.
    pub value: AttrValue,
    /// The new text: typed, or the key read from a file.
    pub onchange: Callback<String>,
    pub lang: Lang,
}

/// The field's new text for what was typed or opened (`None`: unchanged),
/// and a refusal to show. A secret key never stays: typed or pasted, the
/// field is emptied; opened, it is not taken. A file gives its key or
/// changes nothing; typing is kept as typed, so it can be corrected.
fn keep(text: String, opened: bool) -> (Option<String>, Option<KeyError>) {
    match (evaluator_key(&text), opened) {
        (Err(KeyError::SecretKey), false) => (Some(String::new()), Some(KeyError::SecretKey)),
        (Ok(Some(key)), true) => (Some(key.as_str().to_string()), None),
        (Err(e), true) => (None, Some(e)),
        _ => (Some(text), None),
    }
}

#[function_component]
pub fn EvaluatorKeyField(props: &Props) -> Html {
    let k = key_messages(props.lang);
    let refused = use_state(|| None::<String>);
    let take = {
        let (onchange, refused, lang) = (props.onchange.clone(), refused.clone(), props.lang);
        Callback::from(move |(text, opened): (String, bool)| {
            let (kept, refusal) = keep(text, opened);
            if let Some(kept) = kept {
                onchange.emit(kept);
            }
            refused.set(refusal.map(|e| e.message(lang)));
        })
    };
    let oninput = take.reform(|e: InputEvent| {
        let field = e.target_unchecked_into::<HtmlTextAreaElement>();
        (field.value(), false)
    });
    let onfile = {
        let (take, refused) = (take.clone(), refused.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let unreadable = Some(k.key_file_unreadable.to_string());
            if file.size() > MAX_KEY_FILE {
                return refused.set(unreadable);
            }
            let (take, refused) = (take.clone(), refused.clone());
            spawn_local(async move {
                match JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => {
                        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                        take.emit((String::from_utf8_lossy(&bytes).into_owned(), true));
                    }
                    Err(_) => refused.set(unreadable),
                }
            });
        })
    };
    html! {
        <fieldset class="choices evaluator-key">
            <legend>{ k.key_heading }</legend>
            <p class="hint">{ k.key_explained }</p>
            <label for="evaluator-key">{ k.key_label }</label>
            <textarea id="evaluator-key" rows="2" spellcheck="false" autocomplete="off"
                autocapitalize="off" value={props.value.clone()} {oninput} />
            <input id="evaluator-key-file" class="file-input" type="file" accept=".txt,text/plain" onchange={onfile} />
            <label for="evaluator-key-file" class="secondary file-button">{ k.key_open }</label>
            if let Some(reason) = (*refused).clone() {
                <p class="warn" role="alert">{ reason }</p>
            }
            { verdict(&props.value, k) }
        </fieldset>
    }
}

/// What the field holds: no key, the key's fingerprint to compare, or why
/// it is not a key.
fn verdict(text: &str, k: &KeyMessages) -> Html {
    match evaluator_key(text) {
        Ok(None) => html! { <p>{ k.key_none }</p> },
        Ok(Some(key)) => fingerprint(&key, k),
        Err(e) => html! { <p class="warn">{ e.message(k.lang) }</p> },
    }
}

fn fingerprint(key: &Recipient, k: &KeyMessages) -> Html {
    html! {
        <div class="fingerprint">
            <p>{ k.fingerprint }{ ": " }<strong class="fingerprint-value">{ key.fingerprint() }</strong></p>
            <p class="hint">{ k.fingerprint_check }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

    #[test]
    fn a_secret_key_never_stays_and_a_file_gives_its_key() {
        let secret = "AGE-SECRET-KEY-1QQQ".to_string();
        assert_eq!(
            keep(secret.clone(), false),
            (Some(String::new()), Some(KeyError::SecretKey))
        );
        assert_eq!(keep(secret, true), (None, Some(KeyError::SecretKey)));
        let file = format!("# created: 2026-11-27T10:00:00Z\n# public key: {KEY}\n");
        assert_eq!(keep(file, true), (Some(KEY.to_string()), None));
        assert_eq!(keep("age1q".into(), false), (Some("age1q".into()), None));
        assert!(matches!(
            keep("hello".into(), true),
            (None, Some(KeyError::NotFound { .. }))
        ));
    }
}
