//! A trend chart: one tracked score over a participant's measurements, as
//! inline SVG on the score's own range. The history table beside it carries
//! the same numbers for screen readers.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Each measurement: its short label and the score, if it has one.
    pub points: Vec<(String, Option<u32>)>,
    /// The highest value the score can take (the axis' top).
    pub max: u32,
    /// The chart's name, also its accessible name.
    pub title: AttrValue,
}

const W: f64 = 640.0;
const H: f64 = 220.0;
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

/// The axis' marks: the ends, and the quarters or the middle where they are
/// whole numbers.
fn ticks(max: u32) -> Vec<u32> {
    let parts = if max % 4 == 0 {
        4
    } else if max % 2 == 0 {
        2
    } else {
        1
    };
    (0..=parts).map(|k| max / parts * k).collect()
}

#[function_component]
pub fn TrendChart(props: &Props) -> Html {
    let n = props.points.len();
    let max = f64::from(props.max.max(1));
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / max);
    let grid = ticks(props.max).into_iter().map(|v| {
        let yy = format!("{:.1}", y(f64::from(v)));
        html! {
            <g class="grid">
                <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={yy.clone()} y2={yy.clone()} />
                <text x={(LEFT - 6.0).to_string()} y={yy} text-anchor="end" dominant-baseline="middle">{ v }</text>
            </g>
        }
    });
    let coords: Vec<(f64, f64)> = props
        .points
        .iter()
        .enumerate()
        .filter_map(|(i, (_, v))| Some((x(i, n), y(f64::from((*v)?)))))
        .collect();
    let line: String = coords
        .iter()
        .map(|(a, b)| format!("{a:.1},{b:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let labels = props.points.iter().enumerate().map(|(i, (label, _))| {
        html! {
            <text x={format!("{:.1}", x(i, n))} y={(H - BOTTOM + 22.0).to_string()} text-anchor="middle">{ label.clone() }</text>
        }
    });
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.title.clone()}>
                { for grid }
                <g class="series">
                    <polyline points={line} fill="none" />
                    { for coords.iter().map(|(a, b)| html! { <circle cx={format!("{a:.1}")} cy={format!("{b:.1}")} r="5" /> }) }
                </g>
                { for labels }
            </svg>
            <figcaption>{ props.title.clone() }</figcaption>
        </figure>
    }
}
