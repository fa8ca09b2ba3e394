//! The trend chart: WHO-5 percentage and the ladder (×10) over a participant's
//! measurements, as inline SVG. The history table beside it carries the same
//! numbers for screen readers.

use yew::prelude::*;

/// One measurement on the chart.
#[derive(Clone, PartialEq)]
pub struct Point {
    pub label: String,
    pub who5: Option<u32>,
    pub ladder: Option<u32>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub points: Vec<Point>,
    /// Accessible summary of the chart.
    pub title: AttrValue,
    pub who5_label: AttrValue,
    pub ladder_label: AttrValue,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

fn x(i: usize, n: usize) -> f64 {
    if n <= 1 {
        LEFT + (W - LEFT - RIGHT) / 2.0
    } else {
        LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1) as f64
    }
}

fn y(value: f64) -> f64 {
    TOP + (H - TOP - BOTTOM) * (1.0 - value / 100.0)
}

fn series(points: &[Point], pick: impl Fn(&Point) -> Option<f64>, class: &'static str) -> Html {
    let n = points.len();
    let coords: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((x(i, n), y(pick(p)?))))
        .collect();
    let line: String = coords
        .iter()
        .map(|(a, b)| format!("{a:.1},{b:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <g class={class}>
            <polyline points={line} fill="none" />
            { for coords.iter().map(|(a, b)| html! { <circle cx={format!("{a:.1}")} cy={format!("{b:.1}")} r="5" /> }) }
        </g>
    }
}

#[function_component]
pub fn TrendChart(props: &Props) -> Html {
    let n = props.points.len();
    let grid = [0, 25, 50, 75, 100].map(|v| {
        let yy = format!("{:.1}", y(f64::from(v)));
        html! {
            <g class="grid">
                <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={yy.clone()} y2={yy.clone()} />
                <text x={(LEFT - 6.0).to_string()} y={yy} text-anchor="end" dominant-baseline="middle">{ v }</text>
            </g>
        }
    });
    let labels = props.points.iter().enumerate().map(|(i, p)| {
        html! {
            <text x={format!("{:.1}", x(i, n))} y={(H - BOTTOM + 22.0).to_string()} text-anchor="middle">{ p.label.clone() }</text>
        }
    });
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.title.clone()}>
                { for grid }
                { series(&props.points, |p| p.who5.map(f64::from), "series-who5") }
                { series(&props.points, |p| p.ladder.map(|v| f64::from(v) * 10.0), "series-ladder") }
                { for labels }
            </svg>
            <figcaption>
                <span class="key key-who5">{ props.who5_label.clone() }</span>
                <span class="key key-ladder">{ props.ladder_label.clone() }</span>
            </figcaption>
        </figure>
    }
}
