"""Gunicorn for the Flask workload: tracing starts in each worker, after the fork."""

import os

bind = os.environ.get("BIND", "0.0.0.0:8080")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("THREADS", "4"))
graceful_timeout = 10
# Access log to stdout; ACCESS_LOG="" turns it off (benchmarks).
accesslog = os.environ.get("ACCESS_LOG", "-") or None


def post_fork(server, worker):
    # The batch span processor's export thread must be started in the worker, not the
    # master: threads do not survive fork().
    from telemetry import init_tracing

    init_tracing()
    server.log.info("worker %s: OpenTelemetry initialised", worker.pid)
