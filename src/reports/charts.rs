//! Charts drawn with plotters' SVG backend, made fit to inline in a page under a strict CSP.
//!
//! plotters writes presentation attributes (fill, stroke, font-size), never `style`
//! attributes or `<style>` elements, so nothing needs stripping; the root element is given
//! `role="img"`, a `<title>` as its accessible name and a class for the stylesheet. Text sizes
//! are estimated without fonts (plotters' built-in estimate, no TTF feature), so no system
//! font and no network are needed; the browser draws the `<text>` with its own sans-serif.

use crate::i18n::Lang;
use crate::t;
use plotters::prelude::*;

const BAR: RGBColor = RGBColor(0x1d, 0x4f, 0x91);
/// The drawing's width in SVG units. The page shows it at most 28rem wide and shrinks it to
/// fit: at 320 px the 15-unit labels still come out at about 12 px (at the old 720 units
/// they were 6 px), and on a wide screen at about 19 px.
const WIDTH: u32 = 360;
/// Height of one bar's band, and of the axis and margins around them.
const BAND: u32 = 30;
const FRAME: u32 = 70;
const FONT: u32 = 15;

/// Makes plotters' SVG an accessible inline image named `title`.
fn accessible(svg: String, id: &str, title: &str) -> String {
    let escaped = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let svg = svg.trim_start();
    let open_end = svg.find('>').map(|i| i + 1).unwrap_or(0);
    let (open, rest) = svg.split_at(open_end);
    let open = open.replacen("<svg ", &format!("<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}\" "), 1);
    format!("{open}\n<title id=\"{id}\">{escaped}</title>\n{rest}")
}

fn err(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("drawing a chart: {e}")
}

/// A horizontal bar chart of labelled counts, the first item at the top: labels stay
/// horizontal and readable however many items there are, and the chart grows downwards.
fn bars(id: &str, title: &str, x_label: &str, items: &[(String, i64)], x_max: i64) -> anyhow::Result<String> {
    let mut svg = String::new();
    {
        let n = items.len().max(1);
        let size = (WIDTH, FRAME + BAND * n as u32);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let top = x_max.max(items.iter().map(|(_, v)| *v).max().unwrap_or(0)).max(1);
        let label_width = items.iter().map(|(l, _)| l.chars().count() as u32).max().unwrap_or(3) * FONT * 6 / 10 + 12;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .margin_right(16)
            .x_label_area_size(44)
            .y_label_area_size(label_width.clamp(40, WIDTH / 3))
            .build_cartesian_2d(0..top, (0..n).into_segmented())
            .map_err(err)?;
        // Segment i (counted from the bottom) shows item n - 1 - i, so the first is on top.
        let labels: Vec<String> = items.iter().map(|(l, _)| l.clone()).collect();
        let label_of = move |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < n => labels.get(n - 1 - *i).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&label_of)
            .x_desc(x_label)
            .x_labels(top.min(5) as usize + 1)
            .x_label_formatter(&|v: &i64| v.to_string())
            .label_style(("sans-serif", FONT))
            .axis_desc_style(("sans-serif", FONT))
            .draw()
            .map_err(err)?;
        // Bars drawn in the items' order (plotters' `Histogram` gathers its data in a HashMap,
        // so the order of <rect>s changed from run to run and a published report's bytes
        // could not be reproduced).
        let segments = (0..n).into_segmented();
        let rects = items.iter().enumerate().filter_map(|(i, (_, v))| {
            let idx = segments.index_of(&SegmentValue::from(n - 1 - i))?;
            let (y, ny) = (segments.from_index(idx)?, segments.from_index(idx + 1)?);
            let mut rect = Rectangle::new([(0, y), (*v, ny)], BAR.filled());
            rect.set_margin(5, 5, 0, 0);
            Some(rect)
        });
        chart.draw_series(rects).map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, id, title))
}

/// Cities acting on each commitment, out of the cities in the report.
pub fn cities_per_commitment(items: &[(String, i64)], cities: i64, lang: Lang) -> anyhow::Result<String> {
    bars(
        "chart-coverage",
        &t!(lang, "report-chart-coverage-title", cities = cities),
        &t!(lang, "report-chart-coverage-axis"),
        items,
        cities,
    )
}

/// Check-ins on time, late, missed and pending.
pub fn check_in_outcomes(on_time: i64, late: i64, missed: i64, pending: i64, lang: Lang) -> anyhow::Result<String> {
    let items = vec![
        (t!(lang, "report-chart-on-time"), on_time),
        (t!(lang, "report-chart-late"), late),
        (t!(lang, "report-chart-missed"), missed),
        (t!(lang, "report-chart-pending"), pending),
    ];
    bars(
        "chart-compliance",
        &t!(lang, "report-chart-compliance-title"),
        &t!(lang, "report-chart-compliance-axis"),
        &items,
        0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_accessible_inline_svg_without_styles() {
        let svg =
            cities_per_commitment(&[("PM1".into(), 3), ("PM2".into(), 0), ("EM1".into(), 1)], 4, Lang::En).unwrap();
        assert!(
            svg.starts_with("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-coverage\""),
            "{}",
            &svg[..200]
        );
        assert!(svg.contains("<title id=\"chart-coverage\">Bar chart: cities"));
        assert!(svg.contains(">\nPM1\n</text>") || svg.contains("PM1"), "labels drawn");
        for forbidden in ["style=", "<style", "<script", "<?xml"] {
            assert!(!svg.contains(forbidden), "{forbidden} in {svg}");
        }
        // One bar per commitment (a zero is a bar of no height).
        assert_eq!(svg.matches(&format!("fill=\"#{:02X}{:02X}{:02X}\"", BAR.0, BAR.1, BAR.2)).count(), 3);
    }
}
