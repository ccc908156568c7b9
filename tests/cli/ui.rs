//! The trace viewer in a real headless Chromium: search through the form, open a trace,
//! check the waterfall's spans and nesting, open a span's details, follow a deep link,
//! and save a screenshot.

use serde_json::Value;

use crate::harness::Sandbox;
use crate::harness::browser::Browser;

const WAIT: &str = "const wait = async (f, ms = 10000) => { const t = Date.now(); \
    while (Date.now() - t < ms) { const v = f(); if (v) return v; await new Promise(r => setTimeout(r, 50)); } \
    throw new Error('timed out waiting'); };";

#[test]
fn search_open_a_trace_and_read_the_waterfall() {
    let sb = Sandbox::new();
    let traces = crate::traces::start(&sb, &[]);
    let served = traces.serve_into(&sb);
    assert_eq!(served.get("/api/hello").status, 200);
    let failing = served.get("/api/work?depth=2&delay_ms=5&fail_rate=1");
    let failing_id = serde_json::from_str::<Value>(&failing.body).unwrap()["trace_id"]
        .as_str()
        .unwrap()
        .to_owned();
    traces.wait_for_spans(4);

    let ui = format!("http://{}/", traces.api);
    let mut browser = Browser::launch();
    browser.open(&ui);
    let services =
        browser.eval("[...document.querySelectorAll('#service option')].map(o => o.value)");
    assert_eq!(services, serde_json::json!(["otel-demo"]));

    // Search for failing traces through the form, as a person would.
    let found = browser.eval(&format!(
        "(async () => {{ {WAIT}
            document.getElementById('errors').checked = true;
            document.getElementById('find').click();
            await wait(() => document.querySelector('.result') || document.querySelector('#results .empty:not(:first-child)'));
            await wait(() => !document.querySelector('#results').textContent.includes('Searching'));
            return [...document.querySelectorAll('.result')].map(r => r.getAttribute('data-trace-id'));
        }})()"
    ));
    assert_eq!(
        found,
        serde_json::json!([failing_id]),
        "errors only finds the failing trace"
    );

    // Open it and read the waterfall.
    let rows = browser.eval(&format!(
        "(async () => {{ {WAIT}
            document.querySelector('.result').click();
            await wait(() => document.querySelectorAll('#waterfall .row').length >= 3);
            return [...document.querySelectorAll('#waterfall .row')].map(r => ({{
                name: r.getAttribute('data-name'),
                depth: Number(r.getAttribute('data-depth')),
                error: r.classList.contains('error'),
                barWidth: r.querySelector('.bar').style.width,
            }}));
        }})()"
    ));
    let rows = rows.as_array().unwrap();
    let shape: Vec<(String, u64, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["depth"].as_u64().unwrap(),
                r["error"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("GET /api/work".to_owned(), 0, true),
            ("work level 1".to_owned(), 1, false),
            ("work level 2".to_owned(), 2, true),
        ]
    );
    assert_eq!(
        rows[0]["barWidth"], "100%",
        "the root spans the whole trace"
    );
    let href = browser.eval("location.hash");
    assert_eq!(
        href,
        format!("#/trace/{failing_id}"),
        "the URL is a deep link"
    );

    // A span's details: attributes and the exception event.
    let details = browser.eval(&format!(
        "(async () => {{ {WAIT}
            document.querySelector('#waterfall .row[data-depth=\"2\"]').click();
            return (await wait(() => document.querySelector('.details'))).textContent;
        }})()"
    ));
    let details = details.as_str().unwrap();
    assert!(details.contains("work.level"), "{details}");
    assert!(details.contains("exception"), "{details}");

    let png = browser.screenshot();
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("trace-viewer.png");
    std::fs::write(&shot, &png).unwrap();

    // A deep link opens the trace directly, in a fresh page load.
    browser.open(&format!("{ui}#/trace/{failing_id}"));
    let deep = browser.eval(&format!(
        "(async () => {{ {WAIT}
            await wait(() => document.querySelectorAll('#waterfall .row').length >= 3);
            return document.querySelector('.trace-head').textContent;
        }})()"
    ));
    assert!(deep.as_str().unwrap().contains(&failing_id));
    drop(served);
}
