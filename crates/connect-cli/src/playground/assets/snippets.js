// The same call written two ways: a curl line, and with our Rust client (the templates are
// in snippets.json, which `cargo xtask readme` compiles against cariqa-connect).

import { state } from "./ui.js";
import templates from "./snippets.json" with { type: "json" };

const quote = (text) => `'${String(text).replaceAll("'", "'\\''")}'`;

/** A copyable curl line; the token is a shell variable, never the value. */
export function curlLine(method, url, body) {
  const origin = state.config.env === "sandbox" ? location.origin : state.config.upstream;
  const parts = ["curl", "-sS", "-X", method, quote(origin + url)];
  if (state.config.env === "sandbox") parts.push("-H", quote(`Authorization: Bearer ${state.token}`));
  else parts.push("-H", "\"Authorization: Bearer $CARIQA_API_TOKEN\"");
  if (body !== undefined) parts.push("-H", quote("Content-Type: application/json"), "-d", quote(JSON.stringify(body)));
  return parts.join(" ");
}

/**
 * Fills a template of snippets.json: `{str:PATH}` a Rust string literal, `{f64:PATH|D}` a
 * float literal, `{int:PATH|D}` an integer, where PATH is `params.NAME`, `body.NAME`,
 * `token` or `origin` and D is used when the value is missing or 0. `cargo xtask readme`
 * fills them the same way and compiles the result, so what the page shows compiles.
 */
export function fill(template, values) {
  return template.replace(/\{(str|f64|int):([\w.]+)(?:\|([\d.]+))?\}/g, (_, kind, path, fallback) => {
    const value = path.split(".").reduce((node, key) => node?.[key], values);
    if (kind === "str") return JSON.stringify(String(value ?? ""));
    const number = Number(value) || Number(fallback ?? 0);
    return kind === "int" ? String(Math.trunc(number)) : `${number}_f64`;
  });
}

/** The call with our Rust client (`cariqa_connect::ConnectClient` and the ports' traits). */
export function rustCode(op, params = {}, body = {}) {
  const call = templates.calls[op];
  if (!call) return controlCode(op);
  const values = { params, body, token: state.token, origin: location.origin };
  return [
    ...templates.imports,
    "",
    fill(templates.client[state.config.env === "sandbox" ? "sandbox" : "development"], values),
    `let answer = ${fill(call, values)};`,
  ].join("\n");
}

/** A control or engine call: the embedded sandbox or the pricing engine, with its inputs. */
function controlCode(op) {
  const control = templates.controls[op];
  if (!control) return "// the sandbox's control API over HTTP (docs/sandbox.md): see the curl line";
  return [...templates.control_imports, "", `// given ${control.given}`, control.code].join("\n");
}
