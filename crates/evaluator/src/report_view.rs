//! The report on the page: core's title and notes, every table of core's
//! `tables` as an HTML table (caption, column and row headers), and for
//! every distribution table two charts, everyone at intake and at the last
//! measurement. Every digit is core's text for that cell.

use std::rc::Rc;

use trivsel_core::report::Shape;
use trivsel_core::{Cell, Instrument, Lang};
use yew::prelude::*;

use crate::chart::{Bar, DistributionChart};
use crate::compute::Outcome;
use crate::i18n::messages;
use crate::printed::{printed, PrintedTable};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub outcome: Rc<Outcome>,
    pub lang: Lang,
}

fn table_view(t: &PrintedTable, measure: &str) -> Html {
    let caption_id = format!("table-{}", t.table.id);
    let rows = t.table.rows.iter().zip(&t.texts).map(|(row, texts)| {
        let cells = row.cells.iter().zip(texts).map(|(cell, text)| {
            let class = match cell {
                Cell::Suppressed => Some("suppressed"),
                Cell::Hidden => Some("hidden"),
                Cell::Value { .. } => None,
            };
            html! { <td class={classes!("num", class)}>{ text.clone() }</td> }
        });
        html! {
            <tr>
                <th scope="row">{ row.label.clone() }</th>
                { for cells }
            </tr>
        }
    });
    html! {
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby={caption_id.clone()}>
            <table class={classes!("report-table", format!("table-{}", t.table.id))}>
                <caption id={caption_id}>{ t.table.title.clone() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ measure.to_string() }</th>
                        { for t.table.columns.iter().map(|c| html! { <th scope="col">{ c.clone() }</th> }) }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

/// The bars of column `column` of a distribution table.
fn bars(t: &PrintedTable, column: usize) -> Vec<Bar> {
    t.table
        .rows
        .iter()
        .zip(&t.texts)
        .map(|(row, texts)| Bar {
            label: row.label.clone(),
            // A missing cell is drawn as suppressed: nothing is known of it.
            cell: row.cells.get(column).copied().unwrap_or(Cell::Suppressed),
            text: texts.get(column).cloned().unwrap_or_default(),
        })
        .collect()
}

/// The score a distribution table is of, named as its id names it
/// (`<instrument>.<score>.distribution`, the instrument's id followed by
/// `_v<version>` where two versions are in the report): "WHO-5: …".
fn score_name(table_id: &str, instruments: &[Instrument], lang: Lang) -> Option<String> {
    let mut parts = table_id.split('.');
    let (table, score) = (parts.next()?, parts.next()?);
    let instrument = instruments
        .iter()
        .find(|i| table == i.id || table == format!("{}_v{}", i.id, i.version))?;
    let score = instrument.score(score)?;
    Some(format!(
        "{}: {}",
        instrument.short.get(lang),
        score.name.get(lang)
    ))
}

/// The everyone-columns a distribution chart draws: intake and the last
/// measurement, with their captions.
const DRAWN: [&str; 2] = ["all.intake", "all.last"];

/// The charts of one distribution table: everyone at intake and at the
/// last measurement, side by side on one scale.
fn distribution(t: &PrintedTable, instruments: &[Instrument], lang: Lang, min_cell: u32) -> Html {
    let m = messages(lang);
    let charts: Vec<(String, Vec<Bar>)> = DRAWN
        .iter()
        .zip([m.chart_intake, m.chart_last])
        .filter_map(|(id, caption)| {
            let column = t.table.column_ids.iter().position(|c| c == id)?;
            Some((caption.to_string(), bars(t, column)))
        })
        .collect();
    let top = charts
        .iter()
        .flat_map(|(_, bars)| bars.iter().filter_map(|b| b.cell.value()))
        .fold(f64::from(min_cell), f64::max);
    let any_hidden = charts
        .iter()
        .any(|(_, bars)| bars.iter().any(|b| b.cell == Cell::Hidden));
    let axis_score =
        score_name(&t.table.id, instruments, lang).unwrap_or_else(|| m.axis_range.to_string());
    let heading_id = format!("chart-{}", t.table.id.replace('.', "-"));
    html! {
        <section class="charts" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ t.table.title.clone() }</h3>
            <div class="chart-row">
                { for charts.into_iter().map(|(caption, bars)| {
                    let pairs: Vec<(String, String)> =
                        bars.iter().map(|b| (b.label.clone(), b.text.clone())).collect();
                    let summary = m.chart_summary(&t.table.title, &caption, &pairs);
                    html! {
                        <DistributionChart
                            caption={caption}
                            summary={summary}
                            bars={bars}
                            top={top}
                            min_cell={min_cell}
                            axis_count={m.axis_count}
                            axis_score={axis_score.clone()}
                        />
                    }
                }) }
            </div>
            <p class="note chart-key">{ m.chart_suppressed_key(min_cell) }</p>
            if any_hidden {
                <p class="note chart-key">{ m.chart_hidden_key(min_cell) }</p>
            }
        </section>
    }
}

#[function_component]
pub fn ReportView(props: &Props) -> Html {
    let m = messages(props.lang);
    let report = &props.outcome.report;
    let p = printed(report, props.lang);
    let min_cell = report.params.min_cell;
    html! {
        <section class="report" aria-labelledby="report-title">
            <h2 id="report-title">{ p.title.clone() }</h2>
            <ul class="notes">
                { for p.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
            </ul>
            { for p.tables.iter().map(|t| table_view(t, m.measure)) }
            { for p.tables.iter().filter(|t| t.table.shape == Shape::Distribution).map(|t| distribution(t, &props.outcome.instruments, props.lang, min_cell)) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trivsel_core::Catalogue;

    #[test]
    fn a_distribution_names_its_score_from_the_definitions() {
        let shipped = Catalogue::shipped().instruments();
        assert_eq!(
            score_name("who5.percentage.distribution", shipped, Lang::Da).as_deref(),
            Some("WHO-5: Procentscore (0–100)")
        );
        assert_eq!(
            score_name("who5_v1.percentage.distribution", shipped, Lang::En).as_deref(),
            Some("WHO-5: Percentage score (0–100)")
        );
        assert_eq!(
            score_name("who5.nope.distribution", shipped, Lang::Da),
            None
        );
        assert_eq!(score_name("other", shipped, Lang::Da), None);
    }
}
