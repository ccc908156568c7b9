use std::sync::Arc;

use super::*;
use crate::traces::model::{Event, Kind};

fn spans() -> Vec<Span> {
    let resource = Arc::new(vec![("host.name".to_owned(), Value::Str("box".into()))]);
    let root = Span {
        trace_id: [0xab; 16],
        span_id: [1; 8],
        parent_span_id: None,
        service: Arc::from("demo"),
        resource: resource.clone(),
        name: "GET /api/work".into(),
        kind: Kind::Server,
        start_ns: 1_000_000_000,
        end_ns: 1_050_000_000,
        attributes: vec![("http.response.status_code".into(), Value::Int(500))],
        events: vec![],
        error: true,
        status_message: "HTTP 500".into(),
    };
    let child = Span {
        span_id: [2; 8],
        parent_span_id: Some([1; 8]),
        name: "work level 1".into(),
        kind: Kind::Internal,
        start_ns: 1_010_000_000,
        end_ns: 1_040_000_000,
        attributes: vec![],
        events: vec![Event {
            time_ns: 1_030_000_000,
            name: "exception".into(),
            attributes: vec![("exception.message".into(), Value::Str("boom".into()))],
        }],
        error: false,
        status_message: String::new(),
        ..root.clone()
    };
    vec![root, child]
}

#[test]
fn trace_has_jaegers_shape() {
    let t = trace(&spans());
    assert_eq!(t["traceID"], "ab".repeat(16));
    let root = &t["spans"][0];
    assert_eq!(root["spanID"], "0101010101010101");
    assert_eq!(root["operationName"], "GET /api/work");
    assert_eq!(root["startTime"], 1_000_000);
    assert_eq!(root["duration"], 50_000);
    assert_eq!(root["references"], json!([]));
    assert_eq!(root["processID"], "p1");
    let tags = root["tags"].as_array().unwrap();
    assert!(
        tags.contains(&json!({"key": "http.response.status_code", "type": "int64", "value": 500}))
    );
    assert!(tags.contains(&json!({"key": "error", "type": "bool", "value": true})));
    assert!(tags.contains(&json!({"key": "span.kind", "type": "string", "value": "server"})));
    let child = &t["spans"][1];
    assert_eq!(child["references"][0]["refType"], "CHILD_OF");
    assert_eq!(child["references"][0]["spanID"], "0101010101010101");
    assert_eq!(child["processID"], "p1", "same process, one table entry");
    assert_eq!(child["logs"][0]["timestamp"], 1_030_000);
    assert_eq!(
        child["logs"][0]["fields"][0],
        json!({"key": "event", "type": "string", "value": "exception"})
    );
    assert_eq!(t["processes"]["p1"]["serviceName"], "demo");
    assert_eq!(t["processes"]["p1"]["tags"][0]["key"], "host.name");
}

#[test]
fn envelopes() {
    assert_eq!(envelope(json!(["a", "b"]))["total"], 2);
    assert_eq!(error(404, "trace not found")["errors"][0]["code"], 404);
}

#[test]
fn durations() {
    assert_eq!(duration_ns("500us").unwrap(), 500_000);
    assert_eq!(duration_ns("100ms").unwrap(), 100_000_000);
    assert_eq!(duration_ns("1.5s").unwrap(), 1_500_000_000);
    assert_eq!(duration_ns("2d").unwrap(), 172_800_000_000_000);
    assert!(duration_ns("fast").is_err());
    assert!(duration_ns("5y").is_err());
}

#[test]
fn search_parameters() {
    let now = 10_000_000_000_000;
    let q = search_query(
        "service=demo&operation=GET+%2Fapi%2Fwork&limit=5&lookback=1h&minDuration=10ms&tags=%7B%22error%22%3A%22true%22%7D",
        now,
    )
    .unwrap();
    assert_eq!(q.service.as_deref(), Some("demo"));
    assert_eq!(q.operation.as_deref(), Some("GET /api/work"));
    assert_eq!(q.limit, 5);
    assert_eq!(q.start_ns, Some(now - 3_600_000_000_000));
    assert_eq!(q.min_duration_ns, Some(10_000_000));
    assert!(q.errors_only);
    let q = search_query("service=demo&start=1000&end=2000&lookback=custom", now).unwrap();
    assert_eq!((q.start_ns, q.end_ns), (Some(1_000_000), Some(2_000_000)));
    assert_eq!(search_query("", now).unwrap().limit, 20);
    assert!(search_query("limit=0", now).is_err());
    assert!(search_query("minDuration=soon", now).is_err());
    let tagged = search_query(
        "tags=%7B%22http.response.status_code%22%3A500%2C%22user_agent.original%22%3A%22x%22%7D",
        now,
    )
    .unwrap();
    assert_eq!(
        tagged.tags,
        vec![
            ("http.response.status_code".to_owned(), "500".to_owned()),
            ("user_agent.original".to_owned(), "x".to_owned())
        ]
    );
    assert!(search_query("tags=not-json", now).is_err());
}
