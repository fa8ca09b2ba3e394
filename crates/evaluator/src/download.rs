//! Saving what the page made (the report, the merged records) through the
//! browser's own download, from memory: a Blob, an object URL and a click on
//! a link that says `download`. Nothing is sent anywhere.

use gloo_file::{Blob, ObjectUrl};
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};

pub const CSV: &str = "text/csv;charset=utf-8";
pub const NDJSON: &str = "application/x-ndjson;charset=utf-8";

/// Offers `contents` as a download named `name`.
pub fn save(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let url = ObjectUrl::from(Blob::new_with_options(contents, Some(mime)));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The browser may read the blob after the click returns: revoke the URL
    // (by dropping it) a minute later.
    Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// Today's date where the evaluator is, as `2026-11-23`.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    iso_date(now.get_full_year(), now.get_month() + 1, now.get_date())
}

fn iso_date(year: u32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// `trivsel-rapport-2026-11-23.csv`.
pub fn file_name(stem: &str, date: &str, extension: &str) -> String {
    format!("{stem}-{date}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_date() {
        assert_eq!(iso_date(2026, 1, 5), "2026-01-05");
        assert_eq!(
            file_name("trivsel-rapport", &iso_date(2026, 11, 23), "csv"),
            "trivsel-rapport-2026-11-23.csv"
        );
    }
}
