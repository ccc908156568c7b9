"""OpenTelemetry for the Flask workload.

Called once per Gunicorn worker, after the fork (gunicorn.conf.py's post_fork): a batch span
processor runs an export thread, and threads do not survive fork(), so a provider made in
the master would never export anything from the workers. Everything else comes from the
standard OTEL_* environment (service name, endpoint, protocol, headers, sampler).
"""

import os

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor


def _resource() -> Resource:
    attributes = {"service.name": os.environ.get("OTEL_SERVICE_NAME", "flask-hello")}
    pod = os.environ.get("K8S_POD_NAME") or os.environ.get("POD_NAME")
    namespace = os.environ.get("K8S_NAMESPACE_NAME") or os.environ.get("POD_NAMESPACE")
    if pod:
        attributes["k8s.pod.name"] = pod
    if namespace:
        attributes["k8s.namespace.name"] = namespace
    # Resource.create also merges OTEL_RESOURCE_ATTRIBUTES.
    return Resource.create(attributes)


def init_tracing(exporter=None, processor_class=BatchSpanProcessor) -> TracerProvider:
    """Installs the tracer provider. Tests pass an in-memory exporter."""
    if os.environ.get("OTEL_SDK_DISABLED", "").lower() == "true":
        return trace.get_tracer_provider()
    if exporter is None:
        protocol = os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        if protocol == "grpc":
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        else:
            raise SystemExit(f"OTEL_EXPORTER_OTLP_PROTOCOL={protocol}: this image ships the gRPC exporter")
        exporter = OTLPSpanExporter()
    provider = TracerProvider(resource=_resource())
    provider.add_span_processor(processor_class(exporter))
    trace.set_tracer_provider(provider)
    return provider
