//! A bar chart of one distribution in the report (participants per range
//! of a score, the bins the data defines), as SVG drawn from the report's
//! cells. A suppressed bin is drawn as a dashed outline up to the
//! suppression limit and labelled "< 5", never as a zero; a bin hidden so
//! that the small ones cannot be worked out ("skjult") holds at least as
//! many, so it gets no bar at all, only its label, never a height that
//! would suggest its size. The table of the same numbers sits above it for
//! screen readers; the chart itself is one image with a summary.

use trivsel_core::Cell;
use yew::prelude::*;

/// One bin: its range, its cell in the report (how its bar is drawn) and
/// its text as core prints it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub cell: Cell,
    pub text: String,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// "Ved indskrivning".
    pub caption: AttrValue,
    /// What the chart shows, read out in place of the picture.
    pub summary: AttrValue,
    pub bars: Vec<Bar>,
    /// The top of the scale, shared by the charts side by side.
    pub top: f64,
    /// A suppressed bin holds fewer participants than this.
    pub min_cell: u32,
    pub axis_count: AttrValue,
    pub axis_score: AttrValue,
}

const W: f64 = 520.0;
const H: f64 = 280.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 58.0;

/// A round top for the scale at or above `max` and the step between its
/// grid lines (1, 2 or 5 times a power of ten; at most about 5 lines).
pub fn scale(max: f64) -> (f64, f64) {
    let max = if max.is_finite() { max.max(1.0) } else { 1.0 };
    let rough = max / 4.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    ((max / step).ceil() * step, step)
}

fn px(v: f64) -> String {
    format!("{v:.1}")
}

#[function_component]
pub fn DistributionChart(props: &Props) -> Html {
    let (top, step) = scale(props.top);
    let plot_h = H - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h * (1.0 - (v / top).min(1.0));
    let band = (W - LEFT - RIGHT) / props.bars.len().max(1) as f64;
    let bar_w = band * 0.7;

    let ticks = (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|v| *v <= top + step / 2.0)
        .map(|v| {
            let yy = px(y(v));
            html! {
                <g class="tick">
                    <line x1={px(LEFT)} x2={px(W - RIGHT)} y1={yy.clone()} y2={yy.clone()} />
                    <text x={px(LEFT - 6.0)} y={yy} text-anchor="end" dominant-baseline="middle">{ format!("{v:.0}") }</text>
                </g>
            }
        });

    let bars = props.bars.iter().enumerate().map(|(i, bar)| {
        let x = LEFT + band * i as f64 + (band - bar_w) / 2.0;
        let centre = px(LEFT + band * (i as f64 + 0.5));
        let (class, height) = match bar.cell {
            Cell::Value { value, .. } => (Some("col"), value),
            Cell::Suppressed => (Some("col col-suppressed"), f64::from(props.min_cell)),
            Cell::Hidden => (None, 0.0),
        };
        let top_y = y(height);
        let rect = class.map(|class| html! {
            <rect class={class} x={px(x)} y={px(top_y)} width={px(bar_w)} height={px(y(0.0) - top_y)} />
        });
        let text_class = classes!("value", (bar.cell == Cell::Hidden).then_some("value-hidden"));
        html! {
            <g>
                { for rect }
                <text class={text_class} x={centre.clone()} y={px(top_y - 5.0)} text-anchor="middle">{ bar.text.clone() }</text>
                <text class="range" x={centre} y={px(H - BOTTOM + 18.0)} text-anchor="middle">{ bar.label.clone() }</text>
            </g>
        }
    });

    let mid_y = TOP + plot_h / 2.0;
    html! {
        <figure class="dist-chart">
            <figcaption>{ props.caption.clone() }</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.summary.clone()} focusable="false">
                <title>{ props.summary.clone() }</title>
                { for ticks }
                <line class="axis" x1={px(LEFT)} x2={px(W - RIGHT)} y1={px(y(0.0))} y2={px(y(0.0))} />
                { for bars }
                <text class="axis-title" x={px((LEFT + W - RIGHT) / 2.0)} y={px(H - 10.0)} text-anchor="middle">{ props.axis_score.clone() }</text>
                <text class="axis-title" x="14" y={px(mid_y)} text-anchor="middle" transform={format!("rotate(-90 14 {})", px(mid_y))}>{ props.axis_count.clone() }</text>
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::scale;

    #[test]
    fn scales_are_round() {
        assert_eq!(scale(9.0), (10.0, 5.0));
        assert_eq!(scale(5.0), (6.0, 2.0));
        assert_eq!(scale(0.0), (1.0, 1.0));
        assert_eq!(scale(37.0), (40.0, 10.0));
        assert_eq!(scale(12_345.0), (15_000.0, 5_000.0));
        assert_eq!(scale(f64::NAN), (1.0, 1.0));
    }
}
