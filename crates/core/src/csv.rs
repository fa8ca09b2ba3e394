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
use crate::instrument::{builtin, Instrument, ScoringRule};
use crate::participant::MeasurementPoint;

/// The CSV of `records`, in the order given. Columns: `response_id`,
/// `participant`, `gender`, `age_band`, `site`, `course`, `point` (e.g.
/// `intake`, `during_3`), `week`, `supersedes`, then an answer column per
/// item of each shipped instrument (`who5_happy`, …, `cantril_ladder`), then
/// its scores (`who5_raw`, `who5_percentage`, `who5_flagged` as `;`-joined
/// item ids, `cantril_value`). A record without an instrument has empty
/// cells for it. Codes (`girl`, `15-17`, …) are the export format's names.
pub fn records_csv(records: &[ExportRecord]) -> String {
    let instruments = builtin().all();
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
        header.extend(score_columns(i).iter().map(|c| format!("{}_{c}", i.id)));
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
            let score = r.scores.get(&i.id);
            for &column in score_columns(i) {
                row.push(match (score, column) {
                    (None, _) => String::new(),
                    (Some(s), "raw" | "value") => s.raw.to_string(),
                    (Some(s), "percentage") => {
                        s.percentage.map(|p| p.to_string()).unwrap_or_default()
                    }
                    (Some(s), _) => s.flagged_items.join(";"),
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

/// The score columns of an instrument, by its scoring rule.
fn score_columns(instrument: &Instrument) -> &'static [&'static str] {
    match instrument.scoring {
        ScoringRule::Sum { .. } => &["raw", "percentage", "flagged"],
        ScoringRule::Single => &["value"],
    }
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
    use crate::date::IsoWeek;
    use crate::export::ExportScore;
    use crate::instrument::Answers;
    use crate::participant::{AgeBand, CourseType, Gender, ParticipantCode, Site};
    use crate::record::{CANTRIL, WHO5};
    use std::collections::BTreeMap;

    fn record() -> ExportRecord {
        let who5: Answers = [
            ("happy", 5),
            ("calm", 5),
            ("active", 5),
            ("rested", 1),
            ("interest", 0),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
        ExportRecord {
            response_id: "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap(),
            participant: ParticipantCode::parse("938NKR").unwrap(),
            gender: Gender::NotStated,
            age_band: AgeBand::Age15To17,
            site: Site::parse("Ærø - Øst").unwrap(),
            course: CourseType::IndividualTreatment,
            point: MeasurementPoint::During { session: 3 },
            week: IsoWeek::new(2026, 47).unwrap(),
            answers: BTreeMap::from([
                (WHO5.to_string(), who5),
                (CANTRIL.to_string(), Answers::from([("ladder".into(), 7)])),
            ]),
            scores: BTreeMap::from([
                (
                    WHO5.to_string(),
                    ExportScore {
                        raw: 16,
                        percentage: Some(64),
                        flagged_items: vec!["rested".into(), "interest".into()],
                    },
                ),
                (
                    CANTRIL.to_string(),
                    ExportScore {
                        raw: 7,
                        percentage: None,
                        flagged_items: vec![],
                    },
                ),
            ]),
            supersedes: None,
        }
    }

    #[test]
    fn csv_has_bom_crlf_header_and_a_row_per_record() {
        let mut no_ladder = record();
        no_ladder.answers.remove(CANTRIL);
        no_ladder.scores.remove(CANTRIL);
        no_ladder.point = MeasurementPoint::FollowUp;
        let csv = records_csv(&[record(), no_ladder]);
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
        assert!(records_csv(&[r]).contains(",'-Aarhus,"));
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
