//! The evaluator's key, above the files: open the identity file (the secret
//! key, in `age-keygen`'s format) once per session, or make a new key pair
//! here and save its identity file. The identity is held by the page's state
//! in memory only: nothing is stored, and it is gone on reload. The public
//! key and its fingerprint are shown, to give to the counsellors and to
//! compare with what their tablets show. Core's `sealed` module does the
//! work; this is only the form around it.

use std::rc::Rc;

use trivsel_core::sealed::{self, Identity, Recipient};
use trivsel_core::Lang;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::i18n::{messages, Messages};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// The public key of the identity the page holds, if any.
    pub held: Option<Recipient>,
    /// An identity opened or made (`None`: forget the one held).
    pub on_identity: Callback<Option<Rc<Identity>>>,
}

/// An identity file's bytes as an identity, or the reason in `lang`.
pub fn parse_key_file(bytes: &[u8], lang: Lang) -> Result<Identity, String> {
    Identity::parse(&String::from_utf8_lossy(bytes)).map_err(|e| e.message(lang))
}

/// The identity file of a key made now, as `age-keygen` writes it.
fn key_file(identity: &Identity) -> String {
    let created = String::from(js_sys::Date::new_0().to_iso_string());
    identity.file_text(&created)
}

#[function_component]
pub fn Keys(props: &Props) -> Html {
    let m = messages(props.lang);
    let made = use_state(|| None::<Rc<Identity>>);
    let error = use_state(|| None::<String>);
    let onfile = {
        let (on_identity, error, lang) = (props.on_identity.clone(), error.clone(), props.lang);
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = crate::files::from_input(&input).into_iter().next() else {
                return;
            };
            if file.size() > sealed::MAX_KEY_FILE {
                return error.set(Some(messages(lang).unreadable.to_string()));
            }
            let (on_identity, error) = (on_identity.clone(), error.clone());
            spawn_local(async move {
                let read = gloo_file::futures::read_as_bytes(&file).await;
                let parsed = read
                    .map_err(|_| messages(lang).unreadable.to_string())
                    .and_then(|bytes| parse_key_file(&bytes, lang));
                match parsed {
                    Ok(identity) => {
                        error.set(None);
                        on_identity.emit(Some(Rc::new(identity)));
                    }
                    Err(why) => error.set(Some(why)),
                }
            });
        })
    };
    let make = {
        let (on_identity, made, error) = (props.on_identity.clone(), made.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let identity = Rc::new(Identity::generate());
            made.set(Some(identity.clone()));
            error.set(None);
            on_identity.emit(Some(identity));
        })
    };
    let forget = {
        let (on_identity, made) = (props.on_identity.clone(), made.clone());
        Callback::from(move |_: MouseEvent| {
            made.set(None);
            on_identity.emit(None);
        })
    };
    html! {
        <section class="keys controls" aria-labelledby="key-heading">
            <h2 id="key-heading">{ m.key_heading }</h2>
            <p class="hint">{ m.key_intro }</p>
            if let Some(key) = &props.held {
                { held(key, m) }
                if let Some(identity) = (*made).clone() {
                    { save_new(identity, m, error.setter()) }
                }
                <button type="button" class="secondary" onclick={forget}>{ m.key_forget }</button>
            } else {
                <input id="identity-file" class="file-input" type="file" accept=".txt,text/plain" onchange={onfile} />
                <label for="identity-file" class="file-button">{ m.key_open }</label>
                <button type="button" class="secondary" onclick={make}>{ m.key_make }</button>
            }
            if let Some(why) = (*error).clone() {
                <p class="warn" role="alert">{ why }</p>
            }
        </section>
    }
}

/// The key the page holds: its public key and fingerprint.
fn held(key: &Recipient, m: &Messages) -> Html {
    html! {
        <div class="fingerprint">
            <p>{ m.key_held }</p>
            <p>{ m.key_public }{ ": " }<code class="public-key">{ key.as_str().to_string() }</code></p>
            <p>{ m.key_fingerprint }{ ": " }<strong class="fingerprint-value">{ key.fingerprint() }</strong></p>
            <p class="hint">{ m.key_give }</p>
        </div>
    }
}

/// A key made here: the warning that its identity file is the only copy,
/// and the button that saves it.
fn save_new(
    identity: Rc<Identity>,
    m: &'static Messages,
    error: UseStateSetter<Option<String>>,
) -> Html {
    let save = Callback::from(move |_: MouseEvent| {
        let name = format!("{}.txt", m.key_file);
        let text = key_file(&identity);
        let failed = trivsel_web::save(&name, "text/plain;charset=utf-8", &text).is_err();
        error.set(failed.then(|| m.download_failed.to_string()));
    });
    html! {
        <div class="new-key">
            <p class="warn">{ m.key_only_copy }</p>
            <button type="button" onclick={save}>{ m.key_save }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_opens_or_says_why_not() {
        let made = Identity::generate();
        let text = made.file_text("2026-11-27T16:00:00Z");
        let opened = parse_key_file(text.as_bytes(), Lang::Da).expect("an identity");
        assert_eq!(opened.recipient(), made.recipient());
        let public_only = format!("# public key: {}\n", made.recipient());
        for lang in Lang::ALL {
            let why = parse_key_file(public_only.as_bytes(), lang).unwrap_err();
            assert!(!why.is_empty());
        }
        assert!(parse_key_file(b"hello", Lang::En).is_err());
    }
}
