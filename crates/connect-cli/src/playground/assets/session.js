// A live session: start (with the 3-D Secure hold when the card needs it), kWh and cost so
// far while polling, stop, the CDR recomputed by the engine, the invoice, the rating.

import { state, h, $, show, money, when, apiError, announce } from "./ui.js";
import { call } from "./api.js";
import { sessionChart } from "./charts.js";
import { confirmPaymentIntent, listDebts } from "./payments.js";
import { estimateRequest } from "./station.js";

const POLL_MS = 1000;
let timer = null;
let samples = [];
let context = null;

const user = () => `/api/v1/users/${encodeURIComponent(state.userId)}`;
const sessionPath = (id) => `${user()}/charging-sessions/${encodeURIComponent(id)}/`;

/** Starts charging at `evse`; a 3-D Secure card is authenticated once, then started again. */
export async function startSession(station, evse, group) {
  const out = $("#session");
  $("#session-section").scrollIntoView({ block: "start" });
  if (!state.userId || !state.paymentMethodId) {
    return show(out, h("p", { class: "api-error", role: "alert" }, "Create a user, save billing details and add a card first (section Account)."));
  }
  const body = { evse_id: evse, payment_method_id: state.paymentMethodId };
  let result = await call("POST", `${user()}/charging/start/`, { body, op: "start", params: { user_id: state.userId } });
  const secret = result.json?.error?.payment_intent_client_secret;
  if (result.status === 402 && secret) {
    show(out, apiError(result), h("p", {}, "The bank asks for 3-D Secure before placing the hold."));
    if (!(await confirmPaymentIntent(secret, `Authorize a hold of ${money(group.pre_authorization_amount, group.currency)} at ${station.name}`))) {
      out.append(h("button", { type: "button", id: "start-again", onclick: () => startSession(station, evse, group) }, "Start again once the hold is confirmed"));
      return;
    }
    result = await call("POST", `${user()}/charging/start/`, { body, op: "start", params: { user_id: state.userId } });
  }
  if (!result.ok) return show(out, apiError(result));
  state.session = result.json;
  context = { station, group };
  samples = [{ at: Date.now(), kwh: 0, cost: 0 }];
  announce(`Charging at ${evse}.`, "ok");
  render(result.json);
  clearInterval(timer);
  timer = setInterval(poll, POLL_MS);
}

async function poll() {
  if (!state.session) return;
  const result = await call("GET", sessionPath(state.session.id), { op: "session", params: { user_id: state.userId, session_id: state.session.id }, log: false });
  if (!result.ok) return;
  state.session = result.json;
  if (result.json.is_active) {
    const kwh = Number(result.json.consumed_energy ?? 0);
    const cost = await costSoFar(result.json, kwh);
    samples.push({ at: Date.now(), kwh, cost });
  } else if (hasCdr(result.json)) {
    clearInterval(timer);
    timer = null;
    await finished(result.json);
    return;
  }
  render(result.json);
}

const hasCdr = (session) => session.session_cost?.kwh_cost !== null && session.session_cost?.kwh_cost !== undefined;

/** What the energy so far costs, priced by the engine from the start until now. */
async function costSoFar(session, kwh) {
  if (!context || kwh <= 0) return 0;
  const request = estimateRequest(context.station, context.group, session.start_time, { kwh: kwh.toFixed(3), kw: String(context.group.power ?? 11), minutes: "0" });
  delete request.plug_out;
  const result = await call("POST", "/_playground/estimate", { body: request, log: false });
  return result.ok ? Number(result.json.invoice_summary) : 0;
}

function render(session) {
  const out = $("#session");
  const currency = session.session_cost?.currency ?? context?.group.currency ?? "eur";
  const last = samples.at(-1);
  const controls = [];
  if (session.is_active) {
    controls.push(h("button", { type: "button", id: "stop-button", onclick: stop }, "Stop charging"));
  } else if (!hasCdr(session) && state.config.env === "sandbox") {
    controls.push(h("button", { type: "button", id: "cdr-button", class: "secondary", onclick: deliverCdr }, "Deliver the CDR now (sandbox)"));
  }
  show(out,
    h("p", { id: "session-state", class: "big" }, session.is_active ? "Charging now" : hasCdr(session) ? "Finished" : "Stopped: waiting for the charge detail record"),
    h("dl", { class: "facts" },
      h("dt", {}, "Session"), h("dd", {}, h("code", {}, session.id)),
      h("dt", {}, "EVSE"), h("dd", {}, session.evse_id),
      h("dt", {}, "Started"), h("dd", {}, when(session.start_time)),
      h("dt", {}, "Energy"), h("dd", { id: "session-kwh" }, `${session.consumed_energy ?? "–"} kWh`),
      h("dt", {}, "Cost so far"), h("dd", { id: "session-cost" }, last ? money(last.cost.toFixed(2), currency) : "–")),
    h("figure", {}, sessionChart(samples, currency.toUpperCase()), h("figcaption", {}, "Energy (kWh) and cost so far while polling, once a second.")),
    controls);
}

async function stop() {
  const result = await call("POST", `${user()}/charging/stop/${encodeURIComponent(state.session.id)}/`, { op: "stop", params: { user_id: state.userId, session_id: state.session.id } });
  if (!result.ok && result.json?.error?.type !== "already_stopped") return show($("#session"), apiError(result));
  announce("Stopped. The charge detail record follows.", "ok");
  state.session.is_active = false;
  render(state.session);
}

async function deliverCdr() {
  const result = await call("POST", `/_sandbox/sessions/${encodeURIComponent(state.session.id)}/cdr`, { op: "deliver_cdr" });
  if (!result.ok) show($("#session"), apiError(result));
}

/** The CDR, checked by the engine; the invoice; the rating form. */
async function finished(session) {
  render(session);
  const cost = session.session_cost;
  const out = $("#session");
  const row = (label, value) => h("tr", {}, h("th", { scope: "row" }, label), h("td", { class: "num" }, money(value, cost.currency)));
  const check = context ? await call("POST", "/_playground/check", {
    body: { estimate: estimateRequest(context.station, context.group, session.start_time, { kwh: session.consumed_energy ?? "0", kw: String(context.group.power ?? 11), minutes: "0" }), session },
    op: "engine_check",
  }) : null;
  let verdict = h("p", {}, "No price group to recompute with.");
  if (check?.ok && check.json.matches) {
    verdict = h("p", { id: "cdr-check", class: "notice ok" }, "✓ Recomputed by the engine: matches to the cent");
  } else if (check?.ok) {
    verdict = h("div", { id: "cdr-check", class: "notice bad" }, h("p", {}, "Recomputed by the engine: differs"),
      h("ul", {}, check.json.differences.map((difference) => h("li", {},
        `${difference.field}: billed ${difference.invoiced}, engine ${difference.expected}`,
        difference.explanations.length ? ` — explained by ${difference.explanations.map((item) => item.type.replaceAll("_", " ")).join(" or ")}` : " — no hypothesis explains it"))));
  } else if (check) {
    verdict = apiError(check);
  }
  const invoices = await call("GET", `${user()}/invoices/`, { op: "invoices", params: { user_id: state.userId } });
  const invoice = (invoices.json?.results ?? []).find((item) => item.charging_session_id === session.id);
  const rating = h("form", { id: "rating-form", class: "inline" },
    h("div", { class: "field" }, h("label", { for: "rating" }, "Rate this session"),
      h("select", { id: "rating" }, [5, 4, 3, 2, 1].map((value) => h("option", { value: String(value) }, "★".repeat(value) + ` (${value})`)))),
    h("button", { type: "submit" }, "Send rating"),
    h("span", { id: "rating-result", "aria-live": "polite" }, session.rates ? `Rated ${session.rates}` : ""));
  rating.addEventListener("submit", async (event) => {
    event.preventDefault();
    const rates = Number($("#rating").value);
    const result = await call("PATCH", sessionPath(session.id), { body: { rates }, op: "rate", params: { user_id: state.userId, session_id: session.id } });
    show($("#rating-result"), result.ok ? `Thanks: rated ${result.json.rates} of 5.` : apiError(result));
  });
  out.append(
    h("h4", {}, "Charge detail record"),
    h("p", { id: "cdr-summary" }, `${session.consumed_energy} kWh, ${when(session.start_time)} to ${when(session.end_time)}: `, h("strong", {}, money(cost.invoice_summary, cost.currency))),
    h("table", { class: "cost" }, h("tbody", {},
      row("Energy", cost.kwh_cost), row("Charging time", cost.time_cost), row("Session fee", cost.session_fee_cost),
      row("Blocking fee", cost.blocking_fee_cost), row("Starting fee", cost.starting_fee_cost), row("of which VAT", cost.invoice_vat),
      h("tr", { class: "total" }, h("th", { scope: "row" }, "Total"), h("td", { class: "num" }, money(cost.invoice_summary, cost.currency))))),
    verdict,
    h("h4", {}, "Invoice"),
    invoice
      ? h("p", { id: "invoice" }, `Invoice of ${when(invoice.date)}: ${money(invoice.total, invoice.currency)}`, invoice.refund ? " (refund)" : "", " · ", h("code", {}, invoice.link))
      : h("p", { id: "invoice" }, "No invoice yet: a card that could not pay leaves a debt (see Unpaid sessions)."),
    rating);
  if (!invoice) listDebts();
}
