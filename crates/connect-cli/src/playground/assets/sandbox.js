// The sandbox's control API: clock, EVSEs, faults, reset (docs/sandbox.md).

import { state, h, $, show, when, apiError, announce } from "./ui.js";
import { call } from "./api.js";

async function control(method, path, body, message) {
  const result = await call(method, path, { body, op: "control" });
  show($("#sandbox-result"), result.ok ? h("p", { class: "ok" }, typeof message === "function" ? message(result.json) : message) : apiError(result));
  if (result.ok) refreshClock();
  return result;
}

async function refreshClock() {
  const result = await call("GET", "/_sandbox/clock", { op: "clock", log: false });
  if (result.ok) show($("#sandbox-now"), `${when(result.json.now)} (${result.json.now}), running ×${state.config.speed}`);
}

async function setSpeed(node) {
  const result = await call("POST", "/_playground/clock/speed", { body: { speed: Number(node["clock-speed"].value) }, op: "clock_speed" });
  if (result.ok) state.config.speed = result.json.speed;
  show($("#sandbox-result"), result.ok
    ? h("p", { class: "ok" }, `The clock now runs ×${result.json.speed}.`)
    : h("p", { class: "api-error", role: "alert" }, `${result.json?.field ?? ""}: ${result.json?.message ?? result.text}`));
  refreshClock();
}

function form(id, title, fields, button, action, ...more) {
  const node = h("form", { id, class: "inline", "aria-label": title }, h("h4", {}, title), fields, h("button", { type: "submit" }, button), ...more);
  node.addEventListener("submit", (event) => { event.preventDefault(); action(node); });
  return node;
}

const input = (id, label, attributes = {}) =>
  h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name: id, ...attributes }));

export function mountSandbox(root) {
  if (state.config.env !== "sandbox") {
    show(root, h("p", {}, "The development environment has no control API: time runs as it does, and the partner's Stripe frontend confirms intents."));
    return;
  }
  show(root,
    h("p", {}, "Sandbox time: ", h("strong", { id: "sandbox-now" }, "…")),
    form("speed-form", "Clock speed", input("clock-speed", "Sandbox seconds per real second", { value: String(state.config.speed), type: "number", min: "1", max: "100000" }), "Set speed", setSpeed),
    form("clock-form", "Clock", input("advance-minutes", "Advance by (minutes)", { value: "60", type: "number", min: "0" }), "Advance",
      (node) => control("POST", "/_sandbox/clock/advance", { seconds: Number(node["advance-minutes"].value) * 60 }, (json) => `Now ${when(json.now)}.`)),
    form("evse-form", "Occupy or release an EVSE (another driver)", input("control-evse", "EVSE id", { value: "DE*CIQ*EELDF6XWZU41P*1" }), "Occupy",
      (node) => control("POST", `/_sandbox/evses/${encodeURIComponent(node["control-evse"].value)}/occupy`, undefined, "Occupied."),
      h("button", { type: "button", class: "secondary", onclick: () => control("POST", `/_sandbox/evses/${encodeURIComponent($("#control-evse").value)}/release`, undefined, "Released.") }, "Release")),
    form("fault-form", "Faults", [
      input("fault-path", "Path (exact, or a prefix ending in *)", { value: "/api/v1/stations/*" }),
      input("fault-status", "Answer status", { value: "503", type: "number", min: "400", max: "599" }),
      input("fault-times", "Times", { value: "1", type: "number", min: "1" }),
    ], "Arm fault", (node) => control("POST", "/_sandbox/faults",
      { path: node["fault-path"].value, status: Number(node["fault-status"].value), times: Number(node["fault-times"].value) }, "Fault armed."),
      h("button", { type: "button", class: "secondary", onclick: () => control("DELETE", "/_sandbox/faults", undefined, "Faults cleared.") }, "Clear faults")),
    h("h4", {}, "Reset"),
    h("button", { type: "button", class: "danger", onclick: async () => {
      const result = await control("POST", "/_sandbox/reset", undefined, "Everything this token did is forgotten.");
      if (result.ok) { state.userId = ""; state.paymentMethodId = ""; state.session = null; announce("Sandbox reset.", "ok"); }
    } }, "Reset this tenant"),
    h("div", { id: "sandbox-result", "aria-live": "polite" }));
  refreshClock();
  setInterval(refreshClock, 5000);
}
