//! A trace drawn as a waterfall in the terminal: one line per span, indented by depth, with
//! a bar placed on the trace's timeline.

use super::model::{Span, SpanId};

/// One drawn line.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Name indented by depth.
    pub label: String,
    pub service: String,
    /// The bar, `width` characters wide.
    pub bar: String,
    pub duration_ms: f64,
    pub error: bool,
}

/// Lays the spans out depth-first from the roots (spans whose parent is absent), children
/// by start time. Pure.
pub fn rows(spans: &[Span], width: usize) -> Vec<Row> {
    let (start, end) = super::store::extent(spans);
    let total = (end - start).max(1) as f64;
    let ids: Vec<SpanId> = spans.iter().map(|s| s.span_id).collect();
    let mut order: Vec<(usize, usize)> = Vec::new();
    let mut roots: Vec<usize> = (0..spans.len())
        .filter(|&i| spans[i].parent_span_id.is_none_or(|p| !ids.contains(&p)))
        .collect();
    roots.sort_by_key(|&i| spans[i].start_ns);
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        order.push((i, depth));
        if order.len() > spans.len() {
            break; // a cycle in the parent links: draw what we have
        }
        let mut children: Vec<usize> = (0..spans.len())
            .filter(|&c| spans[c].parent_span_id == Some(spans[i].span_id) && c != i)
            .collect();
        children.sort_by_key(|&c| std::cmp::Reverse(spans[c].start_ns));
        stack.extend(children.into_iter().map(|c| (c, depth + 1)));
    }
    order
        .into_iter()
        .map(|(i, depth)| {
            let s = &spans[i];
            let from = (((s.start_ns - start) as f64 / total) * width as f64).floor() as usize;
            let to = (((s.end_ns - start) as f64 / total) * width as f64).ceil() as usize;
            let (from, to) = (from.min(width.saturating_sub(1)), to.clamp(from + 1, width));
            let bar: String = (0..width)
                .map(|c| if c >= from && c < to { '█' } else { '·' })
                .collect();
            Row {
                label: format!("{}{}", "  ".repeat(depth), s.name),
                service: s.service.to_string(),
                bar,
                duration_ms: s.duration_ns() as f64 / 1e6,
                error: s.error,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::traces::store::tests::span;

    #[test]
    fn nesting_and_bars() {
        let spans = vec![
            span(1, 1, None, "loadgen", "GET", 0, 100),
            span(1, 2, Some(1), "demo", "GET /api/work", 10, 80),
            span(1, 4, Some(2), "demo", "work level 2", 50, 30),
            span(1, 3, Some(2), "demo", "work level 1", 20, 60),
        ];
        let rows = rows(&spans, 10);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "GET",
                "  GET /api/work",
                "    work level 1",
                "    work level 2"
            ]
        );
        assert_eq!(rows[0].bar, "██████████");
        assert_eq!(rows[1].bar, "·████████·");
        assert_eq!(rows[3].bar, "·····███··");
        assert_eq!(rows[0].duration_ms, 100.0 / 1e6);
    }

    #[test]
    fn orphans_are_roots_and_cycles_terminate() {
        let spans = vec![
            span(1, 2, Some(9), "demo", "orphan", 0, 10),
            span(1, 5, Some(6), "demo", "a", 0, 10),
            span(1, 6, Some(5), "demo", "b", 0, 10),
        ];
        let rows = rows(&spans, 4);
        assert_eq!(rows[0].label, "orphan");
        assert!(rows.len() <= 4);
    }
}
