// Every API call the page makes goes through `call`: one place adds the tenant token
// (sandbox only: on development the server adds the real one), and logs the call.

import { state, h, $, apiError } from "./ui.js";
import { curlLine, rustCode } from "./snippets.js";

let counter = 0;

function parse(text) {
  if (!text) return null;
  try { return JSON.parse(text); } catch { return null; }
}

/** The URL with its query; arrays become repeated keys, empty values are left out. */
export function withQuery(path, query = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== "") search.append(key, item);
    }
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls the API (or the sandbox's control API, or the engine's helpers) on this origin.
 * `op` and `params` name the operation for the call log's Rust code.
 */
export async function call(method, path, { query, body, op, params, log = true } = {}) {
  const url = withQuery(path, query);
  const headers = { Accept: "application/json" };
  if (state.config.env === "sandbox" && !path.startsWith("/_playground/")) {
    headers.Authorization = `Bearer ${state.token}`;
  }
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const started = performance.now();
  let response = null;
  let text = "";
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    text = await response.text();
  } catch (error) {
    text = `network error: ${error.message}`;
  }
  const result = {
    method, url, body, op, params: params ?? {},
    status: response ? response.status : 0,
    ok: response ? response.ok : false,
    headers: response ? [...response.headers.entries()] : [],
    text,
    json: parse(text),
    ms: Math.round(performance.now() - started),
  };
  if (log) logCall(result);
  return result;
}

/** The answer: status, headers, pretty JSON; an API error highlighted with type and detail. */
export function renderResponse(result) {
  const pretty = result.json !== null ? JSON.stringify(result.json, null, 2) : result.text || "(no body)";
  return h("div", { class: "response" },
    h("p", { class: `status-line ${result.ok ? "ok" : "bad"}` },
      h("strong", {}, `${result.status || "no answer"}`), ` ${result.method} ${result.url} · ${result.ms} ms`),
    apiError(result),
    h("details", {},
      h("summary", {}, `Headers (${result.headers.length})`),
      h("table", { class: "headers" }, h("tbody", {},
        result.headers.map(([name, value]) => h("tr", {}, h("th", { scope: "row" }, name), h("td", {}, value)))))),
    h("pre", { class: "json", tabindex: "0", "aria-label": "Response body" }, pretty));
}

function copyButton(text, label) {
  return h("button", {
    type: "button", class: "small",
    onclick: async (event) => {
      try {
        await navigator.clipboard.writeText(text);
        event.target.textContent = "Copied";
      } catch {
        event.target.textContent = "Select the text to copy";
      }
    },
  }, label);
}

/** Adds a call to the log, newest first. */
function logCall(result) {
  counter += 1;
  const log = $("#call-log");
  if (!log) return;
  const curl = curlLine(result.method, result.url, result.body);
  const code = rustCode(result.op, result.params, result.body ?? {});
  const entry = h("li", { class: result.ok ? "call-ok" : "call-bad", "data-op": result.op || "" },
    h("details", {},
      h("summary", {},
        h("span", { class: "badge" }, `#${counter}`), " ",
        h("code", {}, `${result.method} ${result.url}`), " → ",
        h("strong", {}, String(result.status || "no answer"))),
      h("h4", {}, "curl"), copyButton(curl, "Copy curl"),
      h("pre", { class: "code curl" }, curl),
      h("h4", {}, "Rust (cariqa-connect)"), copyButton(code, "Copy Rust"),
      h("pre", { class: "code rust" }, code),
      renderResponse(result)));
  log.prepend(entry);
  const count = $("#call-count");
  if (count) count.textContent = String(counter);
}
