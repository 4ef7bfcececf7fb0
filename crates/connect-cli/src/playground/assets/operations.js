// The API's 22 operations, grouped as the API groups them, each with a form for its path
// and query parameters and a JSON editor for its body.

import { state, h, $, show } from "./ui.js";
import { call, renderResponse } from "./api.js";

const U = "/api/v1/users/{user_id}";

/** Every operation: where it goes, what it needs, an example body. */
export const OPERATIONS = [
  { id: "create_user", group: "Users", title: "Create a user", method: "POST", path: "/api/v1/users/",
    body: { email: "driver@example.com", locale: "en", custom_properties: { external_id: "crm-42" } } },
  { id: "list_users", group: "Users", title: "List users", method: "GET", path: "/api/v1/users/", query: ["search", "page", "page_size"] },
  { id: "get_user", group: "Users", title: "Get a user", method: "GET", path: `${U}/` },
  { id: "update_user", group: "Users", title: "Update a user", method: "PATCH", path: `${U}/`, body: { email: "new@example.com" } },
  { id: "delete_user", group: "Users", title: "Delete a user (soft)", method: "DELETE", path: `${U}/` },
  { id: "get_billing", group: "Billing details", title: "Get billing details", method: "GET", path: `${U}/billing-details/` },
  { id: "put_billing", group: "Billing details", title: "Replace billing details", method: "PUT", path: `${U}/billing-details/`,
    body: { account_type: "personal", first_name: "Ada", last_name: "Lovelace", line1: "Ludwigstraße 9", postal_code: "67547", city: "Worms", country: "DE" } },
  { id: "setup_intent", group: "Payment methods", title: "Create a setup intent", method: "GET", path: `${U}/setup-intents/` },
  { id: "list_payment_methods", group: "Payment methods", title: "List payment methods", method: "GET", path: `${U}/payment-methods/`, query: ["page", "page_size"] },
  { id: "delete_payment_method", group: "Payment methods", title: "Delete a payment method", method: "DELETE", path: `${U}/payment-methods/{pm}/` },
  { id: "default_payment_method", group: "Payment methods", title: "Make a payment method the default", method: "POST", path: `${U}/payment-methods/{pm}/default/` },
  { id: "around", group: "Stations", title: "Stations around a point", method: "GET", path: "/api/v1/stations/around/",
    query: ["latitude", "longitude", "distance", "only_available", "only_partners", "connector_types", "operators", "page", "page_size"],
    defaults: { latitude: "49.630383", longitude: "8.368902", distance: "500" } },
  { id: "details", group: "Stations", title: "Station details", method: "GET", path: "/api/v1/stations/details/", query: ["id", "type"],
    defaults: { id: "DE*CIQ*EELDF6XWZU41P", type: "station_id" } },
  { id: "tile", group: "Stations", title: "Map tile", method: "GET", path: "/api/v1/stations/tile/", query: ["x", "y", "z"],
    defaults: { x: "133", y: "86", z: "8" } },
  { id: "partners", group: "Stations", title: "Partner operators", method: "GET", path: "/api/v1/stations/partners/" },
  { id: "start", group: "Charging", title: "Start charging", method: "POST", path: `${U}/charging/start/`,
    body: { evse_id: "DE*CIQ*EELDF6XWZU41P*2", payment_method_id: "" } },
  { id: "stop", group: "Charging", title: "Stop charging", method: "POST", path: `${U}/charging/stop/{session_id}/` },
  { id: "sessions", group: "Charging", title: "List charging sessions", method: "GET", path: `${U}/charging-sessions/`, query: ["page", "page_size"] },
  { id: "session", group: "Charging", title: "Get a charging session", method: "GET", path: `${U}/charging-sessions/{session_id}/` },
  { id: "rate", group: "Charging", title: "Rate a charging session", method: "PATCH", path: `${U}/charging-sessions/{session_id}/`, body: { rates: 5 } },
  { id: "invoices", group: "Invoices", title: "List invoices", method: "GET", path: `${U}/invoices/`, query: ["page", "page_size"] },
  { id: "debts", group: "Unpaid sessions", title: "List debts", method: "GET", path: `${U}/charging/debts/`, query: ["page", "page_size"] },
];

const pathParams = (path) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

/** What the page already knows for a path parameter. */
function known(name) {
  if (name === "user_id") return state.userId;
  if (name === "session_id") return state.session?.id ?? "";
  if (name === "pm") return state.paymentMethodId;
  return "";
}

function bodyTemplate(op) {
  if (!op.body) return undefined;
  const body = structuredClone(op.body);
  if ("payment_method_id" in body) body.payment_method_id = state.paymentMethodId;
  return body;
}

function renderForm(op) {
  const form = h("form", { class: "operation", "data-op": op.id, "aria-label": op.title });
  const names = pathParams(op.path);
  const fields = [
    ...names.map((name) => h("div", { class: "field" },
      h("label", { for: `op-${name}` }, `${name} (path)`),
      h("input", { id: `op-${name}`, name, value: known(name), required: true, "data-kind": "path" }))),
    ...(op.query ?? []).map((name) => h("div", { class: "field" },
      h("label", { for: `op-q-${name}` }, `${name} (query)`),
      h("input", { id: `op-q-${name}`, name, value: op.defaults?.[name] ?? "", "data-kind": "query" }))),
  ];
  const body = bodyTemplate(op);
  const editor = body === undefined ? null : h("div", { class: "field wide" },
    h("label", { for: "op-body" }, "Body (JSON)"),
    h("textarea", { id: "op-body", rows: "8", spellcheck: "false" }, JSON.stringify(body, null, 2)));
  const answer = h("div", { class: "op-answer", "aria-live": "polite" });
  form.append(...[
    h("p", {}, h("code", { class: "method" }, op.method), " ", h("code", {}, op.path)),
    h("div", { class: "grid" }, fields), editor,
    h("button", { type: "submit" }, `Send ${op.method}`), answer].filter(Boolean));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const params = {};
    const query = {};
    let path = op.path;
    for (const input of form.querySelectorAll("input")) {
      if (input.dataset.kind === "path") {
        params[input.name] = input.value.trim();
        path = path.replace(`{${input.name}}`, encodeURIComponent(input.value.trim()));
      } else {
        query[input.name] = input.value.includes(",") && ["connector_types", "operators"].includes(input.name)
          ? input.value.split(",").map((item) => item.trim()) : input.value.trim();
        params[input.name] = input.value.trim();
      }
    }
    let json;
    if (editor) {
      try {
        json = JSON.parse($("#op-body", form).value);
      } catch (error) {
        show(answer, h("p", { class: "api-error", role: "alert" }, `The body is not JSON: ${error.message}`));
        return;
      }
    }
    const result = await call(op.method, path, { query, body: json, op: op.id, params });
    if (result.ok && op.id === "create_user" && result.json?.id) state.userId = result.json.id;
    show(answer, renderResponse(result));
  });
  return form;
}

/** The explorer: a grouped choice of operation, and its form. */
export function mountOperations(root) {
  const groups = [...new Set(OPERATIONS.map((op) => op.group))];
  const select = h("select", { id: "op-select" },
    groups.map((group) => h("optgroup", { label: group },
      OPERATIONS.filter((op) => op.group === group).map((op) => h("option", { value: op.id }, op.title)))));
  const holder = h("div");
  const pick = () => show(holder, renderForm(OPERATIONS.find((op) => op.id === select.value)));
  select.addEventListener("change", pick);
  show(root,
    h("div", { class: "field" }, h("label", { for: "op-select" }, `Operation (${OPERATIONS.length} of the API)`), select),
    holder);
  pick();
}

/** Opens the explorer on an operation (used by links elsewhere on the page). */
export function openOperation(id) {
  const select = $("#op-select");
  select.value = id;
  select.dispatchEvent(new Event("change"));
}
