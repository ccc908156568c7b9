"""The seed's Flask workload, with the routes of `otelctl serve`.

/, /api/hello, /api/work?depth=N&delay_ms=M&fail_rate=P, /healthz, /readyz: the chart and
`otelctl loadgen` work the same against this app and against the built-in service.
"""

import os
import random
import time

from flask import Flask, jsonify, render_template, request
from opentelemetry import trace
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.trace import Status, StatusCode

SERVICE = os.environ.get("OTEL_SERVICE_NAME", "flask-hello")
VERSION = os.environ.get("APP_VERSION", "0.1.0")
MAX_DEPTH = 16
MAX_DELAY_MS = 5000

app = Flask(__name__)
# Server spans per request, named and attributed by the HTTP semantic conventions;
# an incoming traceparent makes them children of the caller's span.
FlaskInstrumentor().instrument_app(app, excluded_urls="healthz,readyz")
tracer = trace.get_tracer("flask-hello")


def _trace_id() -> str:
    return format(trace.get_current_span().get_span_context().trace_id, "032x")


@app.get("/")
def index():
    return render_template("index.html", service=SERVICE, version=VERSION, trace_id=_trace_id())


@app.get("/api/hello")
def hello():
    return jsonify(message=f"Hello from {SERVICE}", service=SERVICE, version=VERSION, trace_id=_trace_id())


def _params():
    def number(name, default, cast, low, high):
        raw = request.args.get(name)
        if raw is None:
            return default
        try:
            value = cast(raw)
        except ValueError:
            raise ValueError(f"{name} must be {low}..={high}, got `{raw}`")
        if not low <= value <= high:
            raise ValueError(f"{name} must be {low}..={high}, got `{raw}`")
        return value

    unknown = set(request.args) - {"depth", "delay_ms", "fail_rate"}
    if unknown:
        raise ValueError(f"unknown parameter `{sorted(unknown)[0]}`")
    return (
        number("depth", 3, int, 0, MAX_DEPTH),
        number("delay_ms", 10, int, 0, MAX_DELAY_MS),
        number("fail_rate", 0.0, float, 0.0, 1.0),
    )


@app.get("/api/work")
def work():
    try:
        depth, delay_ms, fail_rate = _params()
    except ValueError as why:
        return jsonify(error=str(why)), 400
    failed = _descend(1, depth, delay_ms, fail_rate)
    status = 500 if failed else 200
    return jsonify(trace_id=_trace_id(), depth=depth, delay_ms=delay_ms, failed=failed), status


def _descend(level, depth, delay_ms, fail_rate) -> bool:
    """One child span per level, nested; the deepest may fail."""
    if level > depth:
        return fail_rate > 0 and random.random() < fail_rate
    attributes = {"work.level": level, "work.depth": depth, "work.delay_ms": delay_ms}
    with tracer.start_as_current_span(f"work level {level}", attributes=attributes) as span:
        time.sleep(delay_ms / 1000)
        failed = _descend(level + 1, depth, delay_ms, fail_rate)
        if failed and level == depth:
            span.add_event("exception", {"exception.type": "DownstreamError",
                                         "exception.message": "simulated downstream failure"})
            span.set_status(Status(StatusCode.ERROR, "simulated downstream failure"))
        return failed


@app.get("/healthz")
def healthz():
    return "ok\n"


@app.get("/readyz")
def readyz():
    return "ready\n"
