// otelctl traces: a small trace viewer over the Jaeger query API served beside it.
// Plain DOM, no framework and no CDN. Text from spans is only ever set as textContent.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else if (key === "style") Object.assign(node.style, value);
    else node[key] = value;
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error((body.errors && body.errors[0] && body.errors[0].msg) || response.statusText);
  return body.data;
}

function ms(micros) {
  return micros >= 1000 ? (micros / 1000).toFixed(2) + " ms" : micros + " µs";
}

function tagValue(tags, key) {
  const tag = (tags || []).find((t) => t.key === key);
  return tag ? tag.value : undefined;
}

function isError(span) {
  return tagValue(span.tags, "error") === true;
}

// Spans depth-first from the roots, children by start time.
function layout(trace) {
  const byId = new Map(trace.spans.map((s) => [s.spanID, s]));
  const children = new Map();
  const roots = [];
  for (const span of trace.spans) {
    const parent = (span.references || []).find((r) => r.refType === "CHILD_OF" && byId.has(r.spanID));
    if (parent) {
      if (!children.has(parent.spanID)) children.set(parent.spanID, []);
      children.get(parent.spanID).push(span);
    } else {
      roots.push(span);
    }
  }
  const byStart = (a, b) => a.startTime - b.startTime;
  const rows = [];
  const seen = new Set();
  const visit = (span, depth) => {
    if (seen.has(span.spanID)) return;
    seen.add(span.spanID);
    rows.push({ span, depth });
    (children.get(span.spanID) || []).sort(byStart).forEach((c) => visit(c, depth + 1));
  };
  roots.sort(byStart).forEach((r) => visit(r, 0));
  return rows;
}

function summary(trace) {
  const start = Math.min(...trace.spans.map((s) => s.startTime));
  const end = Math.max(...trace.spans.map((s) => s.startTime + s.duration));
  const rows = layout(trace);
  const root = rows.length ? rows[0].span : trace.spans[0];
  const services = [...new Set(trace.spans.map((s) => trace.processes[s.processID].serviceName))];
  return { start, end, duration: end - start, root, services, errors: trace.spans.filter(isError).length };
}

async function loadServices() {
  const services = await api("/api/services");
  const select = $("service");
  select.replaceChildren(...services.map((s) => el("option", { value: s }, s)));
  return services;
}

async function loadOperations(service) {
  const select = $("operation");
  const keep = select.value;
  const ops = service ? await api("/api/services/" + encodeURIComponent(service) + "/operations") : [];
  select.replaceChildren(el("option", { value: "" }, "all"), ...ops.map((o) => el("option", { value: o }, o)));
  if (ops.includes(keep)) select.value = keep;
}

function searchParams() {
  const p = new URLSearchParams();
  p.set("service", $("service").value);
  if ($("operation").value) p.set("operation", $("operation").value);
  p.set("lookback", $("lookback").value);
  if ($("minDuration").value.trim()) p.set("minDuration", $("minDuration").value.trim());
  p.set("limit", $("limit").value || "20");
  if ($("errors").checked) p.set("tags", JSON.stringify({ error: "true" }));
  return p;
}

async function search() {
  const params = searchParams();
  history.replaceState(null, "", "#/search?" + params.toString());
  const results = $("results");
  $("trace").hidden = true;
  results.hidden = false;
  results.replaceChildren(el("div", { class: "empty" }, "Searching…"));
  try {
    const traces = await api("/api/traces?" + params.toString());
    if (!traces.length) {
      results.replaceChildren(el("div", { class: "empty" }, "No traces match."));
      return;
    }
    results.replaceChildren(
      el("div", { class: "muted", id: "result-count" }, traces.length + " trace" + (traces.length === 1 ? "" : "s")),
      ...traces.map((t) => {
        const s = summary(t);
        const item = el(
          "div",
          { class: "result", "data-trace-id": t.traceID },
          el(
            "div",
            {},
            el("strong", {}, s.root.operationName),
            s.errors ? el("span", { class: "badge" }, s.errors + " error" + (s.errors === 1 ? "" : "s")) : "",
            el("div", { class: "meta" }, s.services.join(", ") + " · " + t.spans.length + " spans · " +
              new Date(s.start / 1000).toLocaleTimeString() + " · " + t.traceID),
          ),
          el("div", { class: "dur" }, ms(s.duration)),
        );
        item.addEventListener("click", () => { location.hash = "#/trace/" + t.traceID; });
        return item;
      }),
    );
  } catch (e) {
    results.replaceChildren(el("div", { class: "empty" }, "Search failed: " + e.message));
  }
}

function details(span, trace) {
  const rows = [
    ["service", trace.processes[span.processID].serviceName],
    ["span id", span.spanID],
    ["start", new Date(span.startTime / 1000).toISOString()],
    ["duration", ms(span.duration)],
    ...span.tags.map((t) => [t.key, String(t.value)]),
  ];
  const table = el("table", {}, ...rows.map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v))));
  const events = (span.logs || []).map((log) =>
    el("div", { class: "event" }, ms(log.timestamp - span.startTime) + " · " +
      log.fields.map((f) => f.key + "=" + f.value).join(" ")));
  return el("div", { class: "details" }, table, ...(events.length ? [el("strong", {}, "Events"), ...events] : []));
}

async function showTrace(id) {
  const view = $("trace");
  $("results").hidden = true;
  view.hidden = false;
  view.replaceChildren(el("div", { class: "empty" }, "Loading trace…"));
  let trace;
  try {
    [trace] = await api("/api/traces/" + encodeURIComponent(id));
  } catch (e) {
    view.replaceChildren(el("div", { class: "empty" }, "Trace " + id + ": " + e.message));
    return;
  }
  const s = summary(trace);
  const rows = layout(trace);
  const total = Math.max(s.duration, 1);
  view.replaceChildren(
    el("div", { class: "trace-head" },
      el("h2", {}, s.root.operationName),
      el("div", { class: "muted" }, "Trace " + trace.traceID + " · " + ms(s.duration) + " · " +
        trace.spans.length + " spans · " + s.services.join(", "))),
    el("div", { id: "waterfall" }, ...rows.map(({ span, depth }) => {
      const row = el("div", {
        class: "row" + (isError(span) ? " error" : ""),
        "data-span-id": span.spanID,
        "data-depth": String(depth),
        "data-name": span.operationName,
      },
      el("div", { class: "name", style: { paddingLeft: depth * 14 + "px" } },
        span.operationName, el("span", { class: "svc" }, trace.processes[span.processID].serviceName)),
      el("div", { class: "track" }, el("div", { class: "bar", style: {
        left: ((span.startTime - s.start) / total) * 100 + "%",
        width: (span.duration / total) * 100 + "%",
      } })),
      el("div", { class: "dur" }, ms(span.duration)));
      row.addEventListener("click", () => {
        const open = row.nextSibling && row.nextSibling.classList && row.nextSibling.classList.contains("details");
        if (open) row.nextSibling.remove();
        else row.after(details(span, trace));
      });
      return row;
    })),
  );
}

async function route() {
  const hash = location.hash.slice(1);
  if (hash.startsWith("/trace/")) return showTrace(hash.slice("/trace/".length));
  if (hash.startsWith("/search?")) {
    const p = new URLSearchParams(hash.slice("/search?".length));
    if (p.get("service")) $("service").value = p.get("service");
    await loadOperations($("service").value);
    if (p.get("operation")) $("operation").value = p.get("operation");
    if (p.get("lookback")) $("lookback").value = p.get("lookback");
    if (p.get("minDuration")) $("minDuration").value = p.get("minDuration");
    if (p.get("limit")) $("limit").value = p.get("limit");
    $("errors").checked = p.has("tags");
  }
  return search();
}

async function refreshStats() {
  try {
    const r = await fetch("/api/stats");
    const s = await r.json();
    $("stats").textContent = s.traces + " traces · " + s.spans + " spans held · " + s.spans_received + " received";
  } catch (e) { /* the header is informational */ }
}

async function main() {
  $("search").addEventListener("submit", (e) => { e.preventDefault(); search(); });
  $("service").addEventListener("change", () => loadOperations($("service").value));
  window.addEventListener("hashchange", route);
  await loadServices();
  await loadOperations($("service").value);
  await refreshStats();
  await route();
  document.body.setAttribute("data-ready", "true");
}

main();
