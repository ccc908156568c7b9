"""The Flask workload's routes, and the spans it emits (captured in memory)."""

from opentelemetry.trace import SpanKind, StatusCode


def by_name(exporter):
    return {s.name: s for s in exporter.get_finished_spans()}


def test_hello_answers_with_its_trace_id(client, spans):
    reply = client.get("/api/hello")
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["service"] == "flask-hello"
    server = by_name(spans)["GET /api/hello"]
    assert server.kind == SpanKind.SERVER
    assert body["trace_id"] == format(server.context.trace_id, "032x")
    assert server.attributes["http.route"] == "/api/hello"
    assert server.resource.attributes["service.name"] == "flask-hello"


def test_index_page_shows_the_trace_id(client, spans):
    reply = client.get("/")
    assert reply.status_code == 200
    server = by_name(spans)["GET /"]
    assert format(server.context.trace_id, "032x") in reply.get_data(as_text=True)


def test_work_nests_child_spans_and_records_the_failure(client, spans):
    reply = client.get("/api/work?depth=2&delay_ms=1&fail_rate=1")
    assert reply.status_code == 500
    assert reply.get_json()["failed"] is True
    found = by_name(spans)
    server, level1, level2 = found["GET /api/work"], found["work level 1"], found["work level 2"]
    assert level1.parent.span_id == server.context.span_id
    assert level2.parent.span_id == level1.context.span_id
    assert level2.attributes["work.level"] == 2
    assert level2.status.status_code == StatusCode.ERROR
    assert [e.name for e in level2.events] == ["exception"]
    assert server.status.status_code == StatusCode.ERROR


def test_incoming_traceparent_is_honoured(client, spans):
    trace_id, parent = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
    reply = client.get("/api/hello", headers={"traceparent": f"00-{trace_id}-{parent}-01"})
    assert reply.get_json()["trace_id"] == trace_id
    server = by_name(spans)["GET /api/hello"]
    assert format(server.parent.span_id, "016x") == parent


def test_bad_parameters_are_400(client, spans):
    assert client.get("/api/work?depth=99").status_code == 400
    assert client.get("/api/work?fail_rate=2").status_code == 400
    assert client.get("/api/work?sleep=1").status_code == 400


def test_probes_answer_and_are_not_traced(client, spans):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert spans.get_finished_spans() == ()
