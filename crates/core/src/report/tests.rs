//! Hand-computed reports, suppression everywhere, and the renderers.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::export::ExportScore;
use crate::instrument::Answers;
use crate::participant::{AgeBand, CourseType, Site};
use crate::uuid::Uuid;

/// A record as an export holds it, with the given WHO-5 percentage (a
/// multiple of 4) and ladder value, answers to match.
fn rec(
    n: u32,
    participant: &str,
    gender: Gender,
    point: MeasurementPoint,
    week: u8,
    who5: u32,
    ladder: u32,
) -> ExportRecord {
    let mut raw = who5 / 4;
    let mut items = Answers::new();
    for item in ["happy", "calm", "active", "rested", "interest"] {
        let v = raw.min(5);
        raw -= v;
        items.insert(item.to_string(), v as i32);
    }
    let flagged = items
        .iter()
        .filter(|(_, v)| **v <= 1)
        .map(|(k, _)| k.clone())
        .collect();
    let mut bytes = [0u8; 16];
    bytes[..4].copy_from_slice(&n.to_be_bytes());
    ExportRecord {
        response_id: Uuid::from_random(bytes),
        participant: ParticipantCode::parse(participant).unwrap(),
        gender,
        age_band: AgeBand::Age15To17,
        site: Site::parse("UngRåd Aarhus").unwrap(),
        course: CourseType::Counselling,
        point,
        week: IsoWeek::new(2026, week).unwrap(),
        answers: BTreeMap::from([
            (WHO5.to_string(), items),
            (
                CANTRIL.to_string(),
                Answers::from([("ladder".into(), ladder as i32)]),
            ),
        ]),
        scores: BTreeMap::from([
            (
                WHO5.to_string(),
                ExportScore {
                    raw: who5 / 4,
                    percentage: Some(who5),
                    flagged_items: flagged,
                },
            ),
            (
                CANTRIL.to_string(),
                ExportScore {
                    raw: ladder,
                    percentage: None,
                    flagged_items: vec![],
                },
            ),
        ]),
        supersedes: None,
    }
}

/// A participant code from a small number: `G00001`, …
fn code(prefix: char, i: u32) -> String {
    format!("{prefix}{i:05}")
}

/// 6 girls and 5 boys, each with an intake (week 10) and an end (week 20):
/// (WHO-5 %, ladder) at intake and at the end.
fn eleven() -> Vec<ExportRecord> {
    let girls = [
        ((20, 4), (56, 6)),
        ((32, 5), (64, 7)),
        ((40, 6), (48, 6)),
        ((44, 5), (72, 8)),
        ((48, 3), (76, 7)),
        ((60, 7), (68, 8)),
    ];
    let boys = [
        ((40, 6), (72, 7)),
        ((48, 5), (20, 3)),
        ((52, 7), (60, 7)),
        ((56, 8), (84, 9)),
        ((60, 4), (68, 8)),
    ];
    let mut records = Vec::new();
    let mut n = 0;
    for (prefix, gender, list) in [
        ('G', Gender::Girl, &girls[..]),
        ('B', Gender::Boy, &boys[..]),
    ] {
        for (i, ((w1, l1), (w2, l2))) in list.iter().enumerate() {
            let c = code(prefix, i as u32);
            n += 1;
            records.push(rec(n, &c, gender, MeasurementPoint::Intake, 10, *w1, *l1));
            n += 1;
            records.push(rec(n, &c, gender, MeasurementPoint::End, 20, *w2, *l2));
        }
    }
    records
}

fn report_of(records: &[ExportRecord], params: ReportParams) -> Report {
    let mut b = ReportBuilder::new(params);
    for r in records {
        b.add(r);
    }
    b.finish()
}

fn v(value: f64, n: u32) -> Cell {
    Cell::Value { value, n }
}

fn gender(report: &Report, g: Gender) -> &GroupFigures {
    report
        .by_gender
        .iter()
        .find(|f| f.gender == Some(g))
        .unwrap()
}

fn band(bands: &[BandCell], id: &str) -> Cell {
    bands.iter().find(|b| b.band == id).unwrap().cell
}

#[test]
fn six_girls_and_five_boys_by_hand() {
    let report = report_of(&eleven(), ReportParams::default());
    let girls = gender(&report, Gender::Girl);
    let boys = gender(&report, Gender::Boy);
    let all = &report.overall;

    assert_eq!(girls.participants, v(6.0, 6));
    assert_eq!(boys.participants, v(5.0, 5));
    assert_eq!(all.participants, v(11.0, 11));
    assert_eq!(all.responses, v(22.0, 22));
    assert_eq!(girls.completers, v(6.0, 6));
    assert_eq!(all.completion, v(100.0, 11));

    // Girls: 244 / 6 = 40.67 → 40.7; 384 / 6 = 64.0.
    assert_eq!(girls.who5_intake_mean, v(40.7, 6));
    assert_eq!(girls.who5_last_mean, v(64.0, 6));
    // Boys: 256 / 5 = 51.2; 304 / 5 = 60.8.
    assert_eq!(boys.who5_intake_mean, v(51.2, 5));
    assert_eq!(boys.who5_last_mean, v(60.8, 5));
    // Everyone: 500 / 11 = 45.45 → 45.5; 688 / 11 = 62.55 → 62.5 (62.545…).
    assert_eq!(all.who5_intake_mean, v(45.5, 11));
    assert_eq!(all.who5_last_mean, v(62.5, 11));

    // ≤ 50 at intake: girls 5 of 6, boys 2 of 5, all 7 of 11.
    assert_eq!(girls.who5_intake_risk, v(83.3, 6));
    assert_eq!(boys.who5_intake_risk, v(40.0, 5));
    assert_eq!(all.who5_intake_risk, v(63.6, 11));
    // ≤ 50 at last: girls 1 of 6 (48), boys 1 of 5 (20), all 2 of 11.
    assert_eq!(girls.who5_last_risk, v(16.7, 6));
    assert_eq!(boys.who5_last_risk, v(20.0, 5));
    assert_eq!(all.who5_last_risk, v(18.2, 11));
    // Out of the zone: girls 4 of 5; boys' denominator is 2: suppressed; all 5 of 7.
    assert_eq!(girls.who5_left_risk, v(80.0, 5));
    assert_eq!(boys.who5_left_risk, Cell::Suppressed);
    assert_eq!(all.who5_left_risk, v(71.4, 7));

    // Girls: +36 +32 +8 +28 +28 +8; boys: +32 −28 +8 +28 +8.
    assert_eq!(girls.who5_ten_point_improved, v(66.7, 6));
    assert_eq!(girls.who5_reliable_improved, v(66.7, 6));
    assert_eq!(girls.who5_reliable_worsened, v(0.0, 6));
    assert_eq!(boys.who5_ten_point_improved, v(40.0, 5));
    assert_eq!(boys.who5_reliable_improved, v(40.0, 5));
    assert_eq!(boys.who5_reliable_worsened, v(20.0, 5));
    assert_eq!(all.who5_ten_point_improved, v(54.5, 11));
    assert_eq!(all.who5_reliable_improved, v(54.5, 11));
    assert_eq!(all.who5_reliable_worsened, v(9.1, 11));

    // Ladder: girls 30 / 6 = 5.0 → 42 / 6 = 7.0; boys 30 / 5 = 6.0 → 34 / 5 = 6.8;
    // all 60 / 11 = 5.45 → 5.5 and 76 / 11 = 6.91 → 6.9.
    assert_eq!(girls.ladder_intake_mean, v(5.0, 6));
    assert_eq!(girls.ladder_last_mean, v(7.0, 6));
    assert_eq!(boys.ladder_intake_mean, v(6.0, 5));
    assert_eq!(boys.ladder_last_mean, v(6.8, 5));
    assert_eq!(all.ladder_intake_mean, v(5.5, 11));
    assert_eq!(all.ladder_last_mean, v(6.9, 11));
    assert_eq!(girls.ladder_intake_vs_reference, v(-2.5, 6));
    assert_eq!(boys.ladder_last_vs_reference, v(-0.7, 5));
    assert_eq!(all.ladder_intake_vs_reference, v(-2.0, 11));
    assert_eq!(all.ladder_last_vs_reference, v(-0.6, 11));

    // HBSC high 6–10: girls 2 of 6 → 6 of 6; boys 3 of 5 → 4 of 5; all 5 → 10 of 11.
    assert_eq!(band(&girls.ladder_intake_bands, "high"), v(33.3, 6));
    assert_eq!(band(&girls.ladder_intake_bands, "low"), v(66.7, 6));
    assert_eq!(band(&girls.ladder_last_bands, "high"), v(100.0, 6));
    assert_eq!(band(&girls.ladder_last_bands, "low"), v(0.0, 6));
    assert_eq!(band(&boys.ladder_last_bands, "high"), v(80.0, 5));
    assert_eq!(band(&all.ladder_intake_bands, "high"), v(45.5, 11));
    assert_eq!(band(&all.ladder_last_bands, "high"), v(90.9, 11));
    assert_eq!(band(&all.ladder_last_bands, "low"), v(9.1, 11));
    // The bands are the data's, in the data's order.
    let ids: Vec<_> = all
        .ladder_intake_bands
        .iter()
        .map(|b| b.band.as_str())
        .collect();
    let data: Vec<_> = builtin()
        .cantril
        .band_set("hbsc")
        .unwrap()
        .bands
        .iter()
        .map(|b| b.id.as_str())
        .collect();
    assert_eq!(ids, data);

    // Intake bins: 20, 32, 40 44 48 40 48, 52 56, 60 60: only 40–49 has 5.
    let bins: Vec<_> = all
        .who5_intake_bins
        .iter()
        .map(|b| (b.from, b.to, b.cell))
        .collect();
    assert_eq!(bins.len(), 10);
    assert_eq!(bins[4], (40, 49, v(5.0, 5)));
    assert_eq!(bins[9], (90, 100, Cell::Suppressed));
    assert!(bins
        .iter()
        .enumerate()
        .all(|(i, b)| i == 4 || b.2 == Cell::Suppressed));

    // Nobody of the other two genders: every cell suppressed.
    for g in [Gender::Other, Gender::NotStated] {
        let f = gender(&report, g);
        let cells = Report {
            params: report.params,
            overall: f.clone(),
            by_gender: vec![],
        }
        .cells();
        assert!(cells.iter().all(|c| c.is_suppressed()), "{g:?}");
    }
}

#[test]
fn a_gender_with_four_is_suppressed_everywhere() {
    let mut records = eleven();
    for i in 0..4 {
        let c = code('X', i);
        records.push(rec(
            100 + 2 * i,
            &c,
            Gender::Other,
            MeasurementPoint::Intake,
            10,
            40,
            5,
        ));
        records.push(rec(
            101 + 2 * i,
            &c,
            Gender::Other,
            MeasurementPoint::End,
            20,
            80,
            9,
        ));
    }
    let report = report_of(&records, ReportParams::default());
    let other = gender(&report, Gender::Other);
    let only = Report {
        params: report.params,
        overall: other.clone(),
        by_gender: vec![],
    };
    assert!(only.cells().iter().all(|c| c.is_suppressed()));
    assert_eq!(report.overall.participants, v(15.0, 15));
    // (500 + 160) / 15 = 44.0
    assert_eq!(report.overall.who5_intake_mean, v(44.0, 15));
    for text in [
        render_text(&report, Lang::Da),
        render_markdown(&report, Lang::Da),
        render_csv(&report, Lang::Da),
    ] {
        assert!(text.contains("< 5"));
    }
    // With min_cell 4 the group is shown.
    let params = ReportParams {
        min_cell: 4,
        ..ReportParams::default()
    };
    let report = report_of(&records, params);
    assert_eq!(gender(&report, Gender::Other).who5_intake_mean, v(40.0, 4));
    assert!(render_text(&report, Lang::Da).contains("< 4"));
}

#[test]
fn intake_last_and_gender_are_chosen_by_course_order_not_arrival() {
    let p = "AAAAAA";
    let g = Gender::Girl;
    let mut records = vec![
        rec(1, p, g, MeasurementPoint::During { session: 2 }, 14, 60, 6),
        rec(2, p, g, MeasurementPoint::FollowUp, 12, 80, 8),
        rec(3, p, Gender::Boy, MeasurementPoint::Intake, 11, 44, 4),
        rec(4, p, g, MeasurementPoint::Intake, 10, 40, 3),
        rec(5, p, g, MeasurementPoint::End, 30, 70, 7),
    ];
    // Four more participants so the cells are shown.
    for i in 0..4 {
        let c = code('Q', i);
        records.push(rec(10 + i, &c, g, MeasurementPoint::Intake, 10, 40, 3));
        records.push(rec(20 + i, &c, g, MeasurementPoint::FollowUp, 20, 80, 8));
    }
    let forward = report_of(&records, ReportParams::default());
    records.reverse();
    let backward = report_of(&records, ReportParams::default());
    assert_eq!(forward, backward);
    // Intake: week 10 (40), not week 11; last: follow-up (80) though in an
    // earlier week than the end; gender: the week-10 intake's.
    assert_eq!(forward.overall.who5_intake_mean, v(40.0, 5));
    assert_eq!(forward.overall.who5_last_mean, v(80.0, 5));
    assert_eq!(gender(&forward, Gender::Girl).participants, v(5.0, 5));
    assert_eq!(gender(&forward, Gender::Boy).participants, Cell::Suppressed);
    assert_eq!(forward.overall.responses, v(13.0, 13));
}

#[test]
fn participants_without_intake_count_but_are_not_completers() {
    let mut records = eleven();
    for i in 0..5 {
        records.push(rec(
            200 + i,
            &code('N', i),
            Gender::Girl,
            MeasurementPoint::End,
            20,
            100,
            10,
        ));
    }
    let report = report_of(&records, ReportParams::default());
    assert_eq!(report.overall.participants, v(16.0, 16));
    assert_eq!(report.overall.completers, v(11.0, 11));
    assert_eq!(report.overall.who5_last_mean, v(62.5, 11));
    assert_eq!(report.overall.completion, v(100.0, 11));
}

#[test]
fn jacobson_truax_threshold_changes_reliable_counts() {
    // Threshold 1.96 · 20 · √2 · √0.19 = 24.16: +28, +32, +36 count; girls'
    // +28 twice, +32, +36 → 4 of 6 as before, boys' −28 still counts.
    let params = ReportParams {
        reliable_change: ReliableChange::JacobsonTruax {
            sd: 20.0,
            reliability: 0.81,
        },
        ..ReportParams::default()
    };
    let report = report_of(&eleven(), params);
    assert_eq!(report.overall.who5_reliable_improved, v(54.5, 11));
    // A larger SD: threshold 1.96 · 30 · 0.6164 = 36.25: nothing counts.
    let params = ReportParams {
        reliable_change: ReliableChange::JacobsonTruax {
            sd: 30.0,
            reliability: 0.81,
        },
        ..ReportParams::default()
    };
    let report = report_of(&eleven(), params);
    assert_eq!(report.overall.who5_reliable_improved, v(0.0, 11));
    assert_eq!(report.overall.who5_reliable_worsened, v(0.0, 11));
    assert_eq!(report.overall.who5_ten_point_improved, v(54.5, 11));
    assert!(render_text(&report, Lang::En).contains("Jacobson & Truax (1991) with SD 30"));
}

#[test]
fn rounding_is_half_up_in_integers() {
    assert_eq!(Cell::mean(1, 8, 1), v(0.1, 8)); // 0.125 → 0.1
    assert_eq!(Cell::mean(3, 8, 1), v(0.4, 8)); // 0.375 → 0.4
    assert_eq!(Cell::mean(5, 200, 1), v(0.0, 200)); // 0.025 → 0.0
    assert_eq!(Cell::mean(5, 100, 1), v(0.1, 100)); // 0.05 → 0.1
    assert_eq!(Cell::share(1, 3, 1), v(33.3, 3));
    assert_eq!(Cell::share(2, 3, 1), v(66.7, 3));
    assert_eq!(Cell::share(1, 8, 1), v(12.5, 8));
    assert_eq!(Cell::share(1, 16, 1), v(6.3, 16)); // 6.25 → 6.3
    assert_eq!(Cell::share(0, 0, 1), Cell::Suppressed);
    assert_eq!(Cell::count(0, 1), Cell::Suppressed);
    assert_eq!(Cell::count(4, 5), Cell::Suppressed);
    assert_eq!(Cell::count(5, 5), v(5.0, 5));
    assert_eq!(v(5.5, 11).minus(7.5), v(-2.0, 11));
    assert_eq!(v(7.6, 11).minus(7.5), v(0.1, 11));
}

#[test]
fn params_are_checked_and_serialised() {
    assert_eq!(ReportParams::default().check(), Ok(()));
    let bad = |f: &dyn Fn(&mut ReportParams)| {
        let mut p = ReportParams::default();
        f(&mut p);
        p.check()
    };
    assert_eq!(bad(&|p| p.min_cell = 0), Err(ReportParamsError::MinCell(0)));
    assert_eq!(
        bad(&|p| p.ladder_reference = 11.0),
        Err(ReportParamsError::LadderReference(11.0))
    );
    assert!(bad(&|p| p.ladder_reference = f64::NAN).is_err());
    assert!(matches!(
        bad(&|p| p.reliable_change = ReliableChange::Mdc { points: 0.0 }),
        Err(ReportParamsError::ReliableChange(_))
    ));
    assert_eq!(
        ReportParamsError::MinCell(0).message(Lang::Da),
        "Den mindste viste gruppe skal være mindst 1 deltager (ikke 0)."
    );
    assert_eq!(
        serde_json::to_string(&ReportParams::default()).unwrap(),
        r#"{"ladder_reference":7.5,"reliable_change":{"kind":"mdc","points":23.6},"min_cell":5}"#
    );
    assert_eq!(
        serde_json::to_string(&v(40.7, 6)).unwrap(),
        r#"{"kind":"value","value":40.7,"n":6}"#
    );
    assert_eq!(
        serde_json::to_string(&Cell::Suppressed).unwrap(),
        r#"{"kind":"suppressed"}"#
    );
}

#[test]
fn renderers_print_the_same_figures_in_both_languages() {
    let report = report_of(&eleven(), ReportParams::default());
    let text = render_text(&report, Lang::Da);
    assert!(text.contains("WHO-5 gennemsnit ved indskrivning"), "{text}");
    assert!(text.contains("40,7 (6)") && text.contains("45,5 (11)"));
    assert!(text.contains("83,3 % (6)"));
    assert!(text.contains("-2,0 (11)"));
    assert!(text.contains("Andel med høj livstilfredshed (6–10) ved indskrivning"));
    assert!(text.contains("Ønsker ikke at svare"));
    assert!(text.contains("Celler med færre end 5 deltagere vises som «< 5»."));
    let en = render_text(&report, Lang::En);
    assert!(
        en.contains("WHO-5 mean at intake") && en.contains("40.7 (6)") && en.contains("83.3% (6)")
    );

    let md = render_markdown(&report, Lang::Da);
    assert!(md.starts_with("# Evalueringsrapport"));
    assert!(md.contains("| WHO-5 gennemsnit ved indskrivning | 45,5 (11) | 40,7 (6) | 51,2 (5) | \\< 5 | \\< 5 |"), "{md}");

    let csv = render_csv(&report, Lang::Da);
    assert!(csv.starts_with("\u{feff}tabel,mål,gruppe,tekst,gruppenavn,værdi,n\r\n"));
    assert!(csv.contains(
        "\r\nwho5,who5_intake_mean,girl,WHO-5 gennemsnit ved indskrivning,Pige,40.7,6\r\n"
    ));
    assert!(csv.contains("\r\nwho5,who5_left_risk,boy,"));
    assert!(csv.contains(",Dreng,< 5,\r\n"));
    assert!(csv.contains("\r\nparticipants,participants,all,Deltagere,Alle,11,11\r\n"));
    assert!(!csv.replace("\r\n", "").contains('\n'));
    // The ladder reference is printed as the language writes it, and a label
    // holding a comma is quoted.
    assert!(csv.contains("\"Forskel fra danske unge generelt (7,5) ved indskrivning\""));

    let json = render_json(&report, Lang::Da);
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    assert_eq!(render(&report, Format::Json, Lang::En), json);
}

/// Random courses: up to 40 participants of random gender, each with up to
/// four records at random points, weeks and scores.
fn any_records() -> impl Strategy<Value = Vec<ExportRecord>> {
    let point = prop_oneof![
        Just(MeasurementPoint::Intake),
        (1u16..5).prop_map(|session| MeasurementPoint::During { session }),
        Just(MeasurementPoint::End),
        Just(MeasurementPoint::FollowUp),
    ];
    let gender = prop::sample::select(Gender::ALL.to_vec());
    let record = (point, 1u8..50, 0u32..=25, 0u32..=10);
    prop::collection::vec((gender, prop::collection::vec(record, 1..4)), 0..40).prop_map(|people| {
        let mut out = Vec::new();
        let mut n = 0;
        for (i, (g, records)) in people.into_iter().enumerate() {
            for (point, week, raw, ladder) in records {
                n += 1;
                out.push(rec(
                    n,
                    &code('P', i as u32),
                    g,
                    point,
                    week,
                    raw * 4,
                    ladder,
                ));
            }
        }
        out
    })
}

proptest! {
    /// No cell ever shows a value resting on fewer than `min_cell`
    /// participants, and every renderer prints exactly "< 5" (never a
    /// number) for each suppressed cell.
    #[test]
    fn suppression_never_reveals_a_small_group(records in any_records(), min_cell in 1u32..8) {
        let params = ReportParams { min_cell, ..ReportParams::default() };
        let report = report_of(&records, params);
        for cell in report.cells() {
            if let Cell::Value { n, .. } = cell {
                prop_assert!(n >= min_cell);
            }
        }
        let marker = format!("< {min_cell}");
        let mut suppressed = 0;
        for lang in Lang::ALL {
            for table in tables(&report, lang) {
                for row in &table.rows {
                    prop_assert_eq!(row.cells.len(), table.columns.len());
                    for c in &row.cells {
                        let text = super::render::cell_text(*c, row.kind, lang, &marker);
                        if c.is_suppressed() {
                            prop_assert_eq!(&text, &marker);
                            suppressed += 1;
                        } else {
                            prop_assert!(!text.contains('<'));
                        }
                    }
                }
            }
        }
        let csv = render_csv(&report, Lang::Da);
        let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").skip(1).filter(|l| !l.is_empty()).collect();
        let marked: Vec<&&str> = rows.iter().filter(|l| l.ends_with(&format!(",{marker},"))).collect();
        prop_assert_eq!(marked.len() * 2, suppressed);
        for line in &rows {
            let last = line.rsplit(',').next().unwrap();
            let value = line.rsplit(',').nth(1).unwrap();
            if value == marker { prop_assert_eq!(last, ""); }
            else { prop_assert!(last.parse::<u32>().unwrap() >= min_cell); }
        }
    }

    /// The report depends on the set of records, not on their order.
    #[test]
    fn order_does_not_matter(records in any_records()) {
        let forward = report_of(&records, ReportParams::default());
        let mut reversed = records.clone();
        reversed.reverse();
        prop_assert_eq!(report_of(&reversed, ReportParams::default()), forward);
    }
}

#[test]
fn ties_are_broken_by_response_id_in_text_order() {
    let ids = [
        "00000000-0000-4000-8000-000000000000",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        "7fffffff-ffff-4fff-bfff-ffffffffffff",
        "80000000-0000-4000-8000-000000000000",
        "ffffffff-ffff-4fff-bfff-ffffffffffff",
    ];
    let ids = ids.map(|id| id.parse::<Uuid>().unwrap());
    for w in ids.windows(2) {
        assert!(w[0] < w[1], "{} < {}", w[0], w[1]);
    }
    // Anything else is no response id: it never reaches a report.
    assert!("not-a-uuid".parse::<Uuid>().is_err());
    assert!("FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF"
        .parse::<Uuid>()
        .is_err());
}

/// The app's way to the report (parse each file, merge, build, render)
/// gives exactly the committed `tests/fixtures/report/v1-report.json`, the
/// file the CLI's tests and the browser tests compare against.
#[test]
fn the_v1_fixtures_give_the_committed_report() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut merger = crate::merge::Merger::new();
    for t in ["a", "b", "c"] {
        let name = format!("v1-tablet-{t}.json");
        let bytes = std::fs::read(root.join("export").join(&name)).unwrap();
        let doc = crate::import::parse_document(&bytes, &crate::import::Limits::default()).unwrap();
        merger.add_document(&name, doc);
    }
    let mut builder = ReportBuilder::new(ReportParams::default());
    for r in &merger.finish().records {
        builder.add(r);
    }
    let report = builder.finish();
    let committed = std::fs::read_to_string(root.join("report/v1-report.json")).unwrap();
    assert_eq!(render_json(&report, Lang::Da), committed);
    // Hand-checked cells: girls 1108 / 17 = 65.2 at intake and 860 / 12 =
    // 71.7 at the last measurement; boys 916 / 18 = 50.9; 4 participants
    // who did not state a gender: suppressed.
    assert_eq!(gender(&report, Gender::Girl).who5_intake_mean, v(65.2, 17));
    assert_eq!(gender(&report, Gender::Girl).who5_last_mean, v(71.7, 12));
    assert_eq!(gender(&report, Gender::Boy).who5_intake_mean, v(50.9, 18));
    assert_eq!(
        gender(&report, Gender::NotStated).participants,
        Cell::Suppressed
    );
    assert_eq!(report.overall.responses, v(85.0, 85));
}
