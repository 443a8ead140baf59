//! Charts drawn with plotters' SVG backend, made fit to inline in a page under a strict CSP.
//!
//! plotters writes presentation attributes (fill, stroke, font-size), never `style`
//! attributes or `<style>` elements, so nothing needs stripping; the root element is given
//! `role="img"`, a `<title>` as its accessible name and a class for the stylesheet. Text sizes
//! are estimated without fonts (plotters' built-in estimate, no TTF feature), so no system
//! font and no network are needed; the browser draws the `<text>` with its own sans-serif.

use plotters::prelude::*;

const BAR: RGBColor = RGBColor(0x1d, 0x4f, 0x91);
const SIZE: (u32, u32) = (720, 320);

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

/// A vertical bar chart of labelled counts.
fn bars(id: &str, title: &str, y_label: &str, items: &[(String, i64)], y_max: i64) -> anyhow::Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let top = y_max.max(items.iter().map(|(_, v)| *v).max().unwrap_or(0)).max(1);
        let n = items.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d((0..n).into_segmented(), 0..top)
            .map_err(err)?;
        let labels: Vec<String> = items.iter().map(|(l, _)| l.clone()).collect();
        let label_of = move |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&label_of)
            .y_desc(y_label)
            .y_labels(6)
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 14))
            .draw()
            .map_err(err)?;
        // The bars as plotters' `Histogram` draws them, but in the items' order: `Histogram`
        // gathers its data in a HashMap, so the same figures came out in a different order of
        // <rect>s on each run, and a published report's bytes could not be reproduced.
        let segments = (0..n).into_segmented();
        let rects = items.iter().enumerate().filter_map(|(i, (_, v))| {
            let idx = segments.index_of(&SegmentValue::from(i))?;
            let (x, nx) = (segments.from_index(idx)?, segments.from_index(idx + 1)?);
            let mut rect = Rectangle::new([(x, *v), (nx, 0)], BAR.filled());
            rect.set_margin(0, 0, 6, 6);
            Some(rect)
        });
        chart.draw_series(rects).map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(accessible(svg, id, title))
}

/// Cities acting on each commitment, out of the cities in the report.
pub fn cities_per_commitment(items: &[(String, i64)], cities: i64) -> anyhow::Result<String> {
    bars("chart-coverage", &format!("Bar chart: cities with at least one action, per commitment, out of {cities} cities. The figures are in the table below."), "Cities acting", items, cities)
}

/// Check-ins on time, late, missed and pending.
pub fn check_in_outcomes(on_time: i64, late: i64, missed: i64, pending: i64) -> anyhow::Result<String> {
    let items = vec![
        ("On time".to_string(), on_time),
        ("Late".to_string(), late),
        ("Missed".to_string(), missed),
        ("Pending".to_string(), pending),
    ];
    bars("chart-compliance", "Bar chart: check-ins on time, late, missed and pending, all cities together. The figures are in the table below.", "Check-ins", &items, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_accessible_inline_svg_without_styles() {
        let svg = cities_per_commitment(&[("PM1".into(), 3), ("PM2".into(), 0), ("EM1".into(), 1)], 4).unwrap();
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
