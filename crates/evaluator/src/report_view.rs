//! The report on the page: core's title and notes, every table of core's
//! `tables` as an HTML table (caption, column and row headers), and the two
//! WHO-5 distribution charts. Every digit is core's text for that cell.

use std::rc::Rc;

use trivsel_core::report::Table;
use trivsel_core::{Cell, Lang};
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
            let suppressed = *cell == Cell::Suppressed;
            html! { <td class={classes!("num", suppressed.then_some("suppressed"))}>{ text.clone() }</td> }
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

/// The bars of column `column` of the distribution table.
fn bars(t: &PrintedTable, column: usize) -> Vec<Bar> {
    t.table
        .rows
        .iter()
        .zip(&t.texts)
        .map(|(row, texts)| Bar {
            label: row.label.clone(),
            value: row.cells.get(column).and_then(|c| c.value()),
            text: texts.get(column).cloned().unwrap_or_default(),
        })
        .collect()
}

fn distribution(t: &PrintedTable, lang: Lang, min_cell: u32) -> Html {
    let m = messages(lang);
    let charts: Vec<(String, Vec<Bar>)> = (0..t.table.columns.len().min(2))
        .map(|i| {
            let caption = if t.table.column_ids[i] == "intake" {
                m.chart_intake
            } else {
                m.chart_last
            };
            (caption.to_string(), bars(t, i))
        })
        .collect();
    let top = charts
        .iter()
        .flat_map(|(_, bars)| bars.iter().filter_map(|b| b.value))
        .fold(f64::from(min_cell), f64::max);
    html! {
        <section class="charts" aria-labelledby="charts-heading">
            <h3 id="charts-heading">{ m.charts_heading }</h3>
            <div class="chart-row">
                { for charts.into_iter().map(|(caption, bars)| {
                    let pairs: Vec<(String, String)> =
                        bars.iter().map(|b| (b.label.clone(), b.text.clone())).collect();
                    let summary = m.chart_summary(&caption, &pairs);
                    html! {
                        <DistributionChart
                            caption={caption}
                            summary={summary}
                            bars={bars}
                            top={top}
                            min_cell={min_cell}
                            axis_count={m.axis_count}
                            axis_score={m.axis_score}
                        />
                    }
                }) }
            </div>
            <p class="note chart-key">{ m.chart_suppressed_key(min_cell) }</p>
        </section>
    }
}

fn is_distribution(t: &Table) -> bool {
    t.id == "who5_distribution"
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
            { for p.tables.iter().filter(|t| is_distribution(&t.table)).map(|t| distribution(t, props.lang, min_cell)) }
        </section>
    }
}
