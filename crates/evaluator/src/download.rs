//! What the page's downloads are called and typed: the report and the
//! merged records are saved (with `trivsel_web::save`) under a name that
//! carries the day they were made. Nothing is sent anywhere.

pub const CSV: &str = "text/csv;charset=utf-8";
pub const NDJSON: &str = "application/x-ndjson;charset=utf-8";

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
