import os
import sys

import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
os.environ.setdefault("OTEL_SERVICE_NAME", "flask-hello")

import telemetry  # noqa: E402

EXPORTER = InMemorySpanExporter()
telemetry.init_tracing(exporter=EXPORTER, processor_class=SimpleSpanProcessor)

from app import app as flask_app  # noqa: E402


@pytest.fixture
def client():
    return flask_app.test_client()


@pytest.fixture
def spans():
    EXPORTER.clear()
    yield EXPORTER
    EXPORTER.clear()
