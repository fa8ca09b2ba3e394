//! Records as CSV for spreadsheets and as NDJSON for data tools.
//!
//! The CSV is what an evaluator opens in Excel: UTF-8 with a byte-order mark
//! (without it Excel reads æøå wrongly), CRLF line ends, RFC 4180 quoting,
//! one row per response and a column per item and score. A cell that a
//! spreadsheet would read as a formula (starting with = + - @, tab or CR)
//! gets a leading apostrophe, so a file can never run anything. NDJSON is
//! one compact export record per line, for DuckDB, Spark or pandas.

use serde::Serialize;

use crate::export::ExportRecord;
use crate::instrument::Instrument;
use crate::participant::MeasurementPoint;

/// The CSV of `records`, in the order given, with columns for `instruments`
/// (the definitions the records answered, in order). Columns:
/// `response_id`, `participant`, `gender`, `age_band`, `site`, `course`,
/// `point` (e.g. `intake`, `during_3`), `week`, `supersedes`, then an answer
/// column per item of each instrument (`who5_happy`, …), then its scores
/// (`who5_raw`, `who5_percentage`, …), its flagged items where it flags any
/// (`who5_flagged`, `;`-joined item ids) and its declined items where it
/// offers "prefer not to answer" (`substance_declined`). A record without an
/// instrument, a declined item and a score resting on one have empty cells.
/// Codes (`girl`, `15-17`, …) are the export format's names.
pub fn records_csv(records: &[ExportRecord], instruments: &[Instrument]) -> String {
    let mut out = String::from("\u{feff}");
    let mut header: Vec<String> = [
        "response_id",
        "participant",
        "gender",
        "age_band",
        "site",
        "course",
        "point",
        "week",
        "supersedes",
    ]
    .map(String::from)
    .to_vec();
    for i in instruments {
        header.extend(i.items.iter().map(|item| format!("{}_{}", i.id, item.id)));
    }
    for i in instruments {
        header.extend(score_columns(i).map(|c| format!("{}_{c}", i.id)));
    }
    push_row(&mut out, &header);
    for r in records {
        let mut row = vec![
            r.response_id.to_string(),
            r.participant.to_string(),
            name(&r.gender),
            name(&r.age_band),
            r.site.to_string(),
            name(&r.course),
            point_name(r.point),
            r.week.to_string(),
            r.supersedes.map(|id| id.to_string()).unwrap_or_default(),
        ];
        for i in instruments {
            let answers = r.answers.get(&i.id);
            row.extend(i.items.iter().map(|item| {
                answers
                    .and_then(|a| a.get(&item.id))
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            }));
        }
        for i in instruments {
            let asked = r
                .instruments
                .iter()
                .any(|x| x.id == i.id && x.version == i.version);
            let scores = r.scores.get(&i.id).filter(|_| asked);
            for column in score_columns(i) {
                row.push(match (scores, column) {
                    (None, _) => String::new(),
                    (Some(_), "flagged") => r
                        .flagged
                        .get(&i.id)
                        .map(|f| f.join(";"))
                        .unwrap_or_default(),
                    (Some(_), "declined") => r
                        .declined
                        .get(&i.id)
                        .map(|d| d.iter().cloned().collect::<Vec<_>>().join(";"))
                        .unwrap_or_default(),
                    (Some(s), score) => s.get(score).map(u32::to_string).unwrap_or_default(),
                });
            }
        }
        push_row(&mut out, &row);
    }
    out
}

/// One compact JSON export record per line, each line ending in `\n`.
pub fn records_ndjson(records: &[ExportRecord]) -> String {
    let mut out = String::new();
    for r in records {
        // String map keys and plain fields: serialising cannot fail.
        out.push_str(&serde_json::to_string(r).expect("an export record serialises"));
        out.push('\n');
    }
    out
}

/// The score columns of an instrument: each score, then `flagged` where it
/// flags items and `declined` where an item may be declined.
fn score_columns(instrument: &Instrument) -> impl Iterator<Item = &str> {
    let flags = instrument.flags.is_some().then_some("flagged");
    let declines = instrument
        .items
        .iter()
        .any(|i| instrument.declinable(i))
        .then_some("declined");
    instrument
        .scores
        .iter()
        .map(|s| s.id.as_str())
        .chain(flags)
        .chain(declines)
}

/// A unit enum's name in the export format (`girl`, `15-17`, …).
fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `intake`, `during_3`, `end`, `follow_up`.
fn point_name(point: MeasurementPoint) -> String {
    match point {
        MeasurementPoint::Intake => "intake".into(),
        MeasurementPoint::During { session } => format!("during_{session}"),
        MeasurementPoint::End => "end".into(),
        MeasurementPoint::FollowUp => "follow_up".into(),
    }
}

fn push_row(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell(c));
    }
    out.push_str("\r\n");
}

/// One cell: formula-like text defused with a leading apostrophe, then
/// quoted as RFC 4180 asks when it holds a comma, quote or line break.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::date::IsoWeek;
    use crate::participant::{AgeBand, CourseType, Gender, Site};
    use crate::testing::{exported, rescored, who5_and_ladder};

    const CANTRIL: &str = "cantril";

    fn record() -> ExportRecord {
        let mut r = exported(
            "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap(),
            "938NKR",
            who5_and_ladder([5, 5, 5, 1, 0], 7),
        );
        r.gender = Gender::NotStated;
        r.age_band = AgeBand::Age15To17;
        r.site = Site::parse("Ærø - Øst").unwrap();
        r.course = CourseType::IndividualTreatment;
        r.point = MeasurementPoint::During { session: 3 };
        r.week = IsoWeek::new(2026, 47).unwrap();
        r
    }

    fn shipped_two() -> Vec<crate::instrument::Instrument> {
        Catalogue::shipped().instruments()[..2].to_vec()
    }

    #[test]
    fn csv_has_bom_crlf_header_and_a_row_per_record() {
        let mut no_ladder = record();
        no_ladder.answers.remove(CANTRIL);
        let mut no_ladder = rescored(no_ladder);
        no_ladder.point = MeasurementPoint::FollowUp;
        let csv = records_csv(&[record(), no_ladder], &shipped_two());
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines.len(), 4, "{csv:?}");
        assert_eq!(lines[3], "");
        assert_eq!(
            lines[0],
            "response_id,participant,gender,age_band,site,course,point,week,supersedes,\
             who5_happy,who5_calm,who5_active,who5_rested,who5_interest,cantril_ladder,\
             who5_raw,who5_percentage,who5_flagged,cantril_value"
        );
        assert_eq!(
            lines[1],
            "0f8fad5b-d9cb-469f-a165-70867728950e,938NKR,not_stated,15-17,Ærø - Øst,\
             individual_treatment,during_3,2026-W47,,5,5,5,1,0,7,16,64,rested;interest,7"
        );
        assert!(lines[2].contains(",follow_up,"), "{}", lines[2]);
        assert!(
            lines[2].ends_with(",0,,16,64,rested;interest,"),
            "{}",
            lines[2]
        );
        assert!(!csv.contains("\n\n") && !csv.replace("\r\n", "").contains('\n'));
    }

    /// A declined item's cell is empty, and the instrument's `declined`
    /// column names it; a score resting on it is empty too, never 0.
    #[test]
    fn a_declined_item_is_an_empty_cell() {
        let substance = crate::testing::substance();
        let mut r = record();
        r.answers
            .insert("substance".into(), substance.answers_in_order(&[3, 0, 1]));
        r.declined.insert(
            "substance".into(),
            crate::instrument::Declined::from(["anydrug_7d".to_string()]),
        );
        let r = rescored(r);
        let csv = records_csv(&[r], Catalogue::shipped().instruments());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].ends_with(
            "substance_cannabis_30d,substance_binge_30d,substance_otherdrugs_30d,substance_anydrug_7d,substance_declined"
        ), "{}", lines[0]);
        assert!(lines[1].ends_with(",3,0,1,,anydrug_7d"), "{}", lines[1]);
        assert!(
            lines[1].contains(",3,0,1,,16,64,rested;interest,7,3,0,1,,"),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-Aarhus"), "'-Aarhus");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("12-14"), "12-14");
        let mut r = record();
        r.site = Site::parse("-Aarhus").unwrap();
        assert!(records_csv(&[r], &shipped_two()).contains(",'-Aarhus,"));
    }

    #[test]
    fn ndjson_is_one_compact_record_per_line() {
        let mut second = record();
        second.response_id = "6fa459ea-ee8a-4ca4-894e-db77e160355e".parse().unwrap();
        let text = records_ndjson(&[record(), second.clone()]);
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2], "");
        assert!(!lines[0].contains(": ") && lines[0].starts_with('{'));
        assert_eq!(
            serde_json::from_str::<ExportRecord>(lines[1]).unwrap(),
            second
        );
        assert_eq!(records_ndjson(&[]), "");
    }
}
