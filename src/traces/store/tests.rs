use std::sync::Arc;

use super::*;
use crate::traces::model::{Kind, Span, Value};

pub fn span(
    trace: u8,
    id: u8,
    parent: Option<u8>,
    service: &str,
    name: &str,
    start: u64,
    dur: u64,
) -> Span {
    Span {
        trace_id: [trace; 16],
        span_id: [id; 8],
        parent_span_id: parent.map(|p| [p; 8]),
        service: Arc::from(service),
        resource: Arc::default(),
        name: name.into(),
        kind: if parent.is_none() {
            Kind::Server
        } else {
            Kind::Internal
        },
        start_ns: start,
        end_ns: start + dur,
        attributes: vec![],
        events: vec![],
        error: false,
        status_message: String::new(),
    }
}

#[test]
fn services_operations_and_traces() {
    let mut store = Store::new(Limits::default());
    store.insert(vec![
        span(1, 1, None, "demo", "GET /api/work", 100, 50),
        span(1, 2, Some(1), "demo", "work level 1", 110, 30),
        span(2, 3, None, "loadgen", "GET", 200, 10),
    ]);
    assert_eq!(store.services(), ["demo", "loadgen"]);
    assert_eq!(store.operations("demo"), ["GET /api/work", "work level 1"]);
    let t = store.trace(&[1; 16]).unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].name, "GET /api/work");
    assert!(store.trace(&[9; 16]).is_none());
    assert_eq!(store.stats().traces, 2);
    assert_eq!(store.stats().spans, 3);
}

#[test]
fn search_filters_and_orders_newest_first() {
    let mut store = Store::new(Limits::default());
    let mut failing = span(3, 5, None, "demo", "GET /api/work", 300, 500);
    failing.error = true;
    let mut tagged = span(1, 1, None, "demo", "GET /api/hello", 100, 5);
    tagged.attributes = vec![
        (
            "user_agent.original".into(),
            Value::Str("otelctl-bootstrap".into()),
        ),
        ("http.response.status_code".into(), Value::Int(200)),
    ];
    store.insert(vec![
        tagged,
        span(2, 2, None, "demo", "GET /api/work", 200, 80),
        failing,
        span(4, 6, None, "other", "GET /api/work", 400, 900),
    ]);
    let ids = |q: Query| -> Vec<u8> { store.search(&q).iter().map(|t| t[0].trace_id[0]).collect() };
    let demo = || Query {
        service: Some("demo".into()),
        ..Query::default()
    };
    assert_eq!(ids(demo()), [3, 2, 1]);
    assert_eq!(
        ids(Query {
            operation: Some("GET /api/work".into()),
            ..demo()
        }),
        [3, 2]
    );
    assert_eq!(
        ids(Query {
            min_duration_ns: Some(50),
            ..demo()
        }),
        [3, 2]
    );
    assert_eq!(
        ids(Query {
            max_duration_ns: Some(100),
            ..demo()
        }),
        [2, 1]
    );
    assert_eq!(
        ids(Query {
            errors_only: true,
            ..demo()
        }),
        [3]
    );
    assert_eq!(
        ids(Query {
            start_ns: Some(150),
            ..demo()
        }),
        [3, 2]
    );
    assert_eq!(ids(Query { limit: 1, ..demo() }), [3]);
    let tags = |pairs: &[(&str, &str)]| Query {
        tags: pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect(),
        ..demo()
    };
    assert_eq!(
        ids(tags(&[("user_agent.original", "otelctl-bootstrap")])),
        [1]
    );
    assert_eq!(
        ids(tags(&[
            ("user_agent.original", "otelctl-bootstrap"),
            ("http.response.status_code", "200")
        ])),
        [1]
    );
    assert!(
        ids(tags(&[
            ("user_agent.original", "otelctl-bootstrap"),
            ("http.response.status_code", "500")
        ]))
        .is_empty()
    );
}

#[test]
fn caps_evict_the_oldest_traces_and_bound_memory() {
    let mut store = Store::new(Limits {
        max_spans: 100,
        max_bytes: usize::MAX,
    });
    for t in 0..50u8 {
        store.insert(vec![
            span(t, 1, None, "demo", "root", u64::from(t) * 10, 5),
            span(t, 2, Some(1), "demo", "child", u64::from(t) * 10 + 1, 2),
            span(t, 3, Some(2), "demo", "leaf", u64::from(t) * 10 + 2, 1),
        ]);
    }
    let stats = store.stats();
    assert!(stats.spans <= 100, "{stats:?}");
    assert_eq!(stats.spans_received, 150);
    assert_eq!(stats.traces_evicted, 50 - stats.traces as u64);
    assert!(store.trace(&[0; 16]).is_none(), "the oldest went first");
    assert!(store.trace(&[49; 16]).is_some(), "the newest stayed");

    let mut by_bytes = Store::new(Limits {
        max_spans: usize::MAX,
        max_bytes: 20_000,
    });
    for t in 0..200u8 {
        let mut s = span(t, 1, None, "demo", "root", 0, 1);
        s.attributes.push((
            "payload".into(),
            crate::traces::model::Value::Str("x".repeat(1000)),
        ));
        by_bytes.insert(vec![s]);
    }
    assert!(by_bytes.stats().bytes <= 20_000);
    assert!(by_bytes.stats().traces < 20);
}

#[test]
fn slowest_is_the_longest_trace() {
    let mut store = Store::new(Limits::default());
    assert!(store.slowest().is_none());
    store.insert(vec![
        span(1, 1, None, "demo", "short", 100, 10),
        span(2, 2, None, "demo", "long root", 0, 50),
        span(2, 3, Some(2), "demo", "long child", 40, 70),
        span(3, 4, None, "demo", "medium", 0, 90),
    ]);
    let slowest = store.slowest().unwrap();
    assert_eq!(slowest[0].name, "long root", "extent 0..110 beats 0..90");
    assert_eq!(extent(&slowest), (0, 110));
}
