// A station's details: its EVSEs, its prices as a table, an estimate, the price over the
// next 24 hours and the cheapest start, all computed by our pricing engine on the server.

import { state, h, $, show, money, when, apiError, announce } from "./ui.js";
import { call } from "./api.js";
import { stepChart } from "./charts.js";
import { startSession } from "./session.js";

const COMPONENTS = [
  ["kwh_price", "Energy", "per kWh"],
  ["time_price", "Charging time", "per minute"],
  ["session_fee", "Session fee", "per session"],
  ["blocking_fee", "Blocking fee", "per minute"],
  ["starting_fee", "Starting fee", "per session"],
];
const DAYS = ["ALL", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];

/** The instant the API lives in: the sandbox's clock, or the real one. */
export async function currentInstant() {
  if (state.config.env !== "sandbox") return new Date().toISOString();
  const clock = await call("GET", "/_sandbox/clock", { op: "clock", log: false });
  return clock.ok ? clock.json.now : new Date().toISOString();
}

/** The country of a station, from its eMI3 id (`DE*CIQ*…`): what the zone follows from. */
const countryOf = (station) => (/^([A-Z]{2})\*/.exec(station.id)?.[1]) ?? (/^([A-Z]{2})\*/.exec(station.evses?.[0]?.evse_id ?? "")?.[1]) ?? "DE";

function band(entry) {
  const from = entry.time_from ?? "00:00";
  const to = entry.time_to ?? "24:00";
  const time = (from === "00:00" && (to === "00:00" || to === "24:00")) ? "all day" : `${from}–${to === "00:00" ? "24:00" : to}`;
  const dates = entry.date_from || entry.date_to ? ` (${entry.date_from ?? "…"} to ${entry.date_to ?? "…"})` : "";
  return time + dates;
}

/** The price group as a table a driver can read. */
export function priceTable(group) {
  const rows = [];
  for (const [key, label, unit] of COMPONENTS) {
    const days = group.prices?.[key];
    if (!days) continue;
    for (const day of DAYS.filter((name) => days[name])) {
      for (const entry of days[day]) {
        const extras = [];
        if (entry.grace_period_minutes) extras.push(`first ${entry.grace_period_minutes} min free`);
        if (entry.blocking_cap) extras.push(`at most ${money(entry.blocking_cap, group.currency)}`);
        rows.push(h("tr", {},
          h("th", { scope: "row" }, label),
          h("td", { "data-label": "Days" }, day === "ALL" ? "every day" : day.charAt(0) + day.slice(1).toLowerCase()),
          h("td", { "data-label": "Time" }, band(entry)),
          h("td", { class: "num", "data-label": "Price" }, `${money(entry.user_facing_price, group.currency)} ${unit}`),
          h("td", { class: "num", "data-label": "Net + VAT" }, `${entry.gross_price} + ${entry.tax} % VAT`),
          h("td", { "data-label": "Conditions" }, extras.join(", ") || "–")));
      }
    }
  }
  return h("table", { class: "prices" },
    h("caption", {}, `Prices for ${group.evse_ids?.length ?? 0} EVSE(s), ${group.type ?? ""} ${group.power ?? ""} kW · hold ${money(group.pre_authorization_amount, group.currency)}`),
    h("thead", {}, h("tr", {}, ["Component", "Days", "Time", "Price (VAT incl.)", "Net + VAT", "Conditions"].map((name) => h("th", { scope: "col" }, name)))),
    h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: "6" }, "Free: no component is priced."))));
}

/** `connect estimate`'s request for this station and the form's plan. */
export function estimateRequest(station, group, start, { kwh, kw, minutes }) {
  const energy = Number(kwh);
  const power = Number(kw);
  const chargingMs = (energy / Math.max(power, 0.1)) * 3600 * 1000;
  const request = {
    price_group: group,
    country: countryOf(station),
    latitude: Number(station.coordinates.latitude),
    longitude: Number(station.coordinates.longitude),
    start,
    energy_kwh: String(kwh),
    power_kw: String(kw),
    is_partner: Boolean(station.is_partner),
  };
  if (Number(minutes) > 0) request.plug_out = new Date(Date.parse(start) + chargingMs + Number(minutes) * 60000).toISOString();
  return request;
}

function costTable(output) {
  const row = (label, value) => h("tr", {}, h("th", { scope: "row" }, label), h("td", { class: "num" }, money(value, output.currency)));
  return h("table", { class: "cost" }, h("tbody", {},
    row("Energy", output.kwh_cost), row("Charging time", output.time_cost), row("Session fee", output.session_fee_cost),
    row("Blocking fee", output.blocking_fee_cost), row("Starting fee", output.starting_fee_cost), row("of which VAT", output.invoice_vat),
    h("tr", { class: "total" }, h("th", { scope: "row" }, "Total"), h("td", { class: "num", "data-total": output.invoice_summary }, money(output.invoice_summary, output.currency)))));
}

async function runEstimate(station, group, form) {
  const start = await currentInstant();
  const plan = { kwh: form.est_kwh.value, kw: form.est_kw.value, minutes: form.est_idle.value };
  const request = estimateRequest(station, group, start, plan);
  const out = $("#estimate-result");
  const result = await call("POST", "/_playground/estimate", { body: request, op: "engine_estimate" });
  if (!result.ok) return show(out, h("p", { class: "api-error", role: "alert" }, `${result.json?.field ?? ""}: ${result.json?.message ?? result.text}`));
  const output = result.json;
  show(out,
    h("p", { id: "estimate-total", class: "big" }, `Estimate: ${money(output.invoice_summary, output.currency)}`),
    h("p", { class: "muted" }, `${output.session.energy_kwh} kWh from ${when(output.session.start)}, charging ends ${when(output.session.charging_end)}, plug-out ${when(output.session.plug_out)}`),
    costTable(output),
    output.exceeds_pre_authorization ? h("p", { class: "notice bad" }, `Exceeds the hold of ${money(output.pre_authorization_amount, output.currency)}: the difference is charged after the CDR.`) : null,
    output.warnings.length ? h("ul", { class: "warnings" }, output.warnings.map((warning) => h("li", {}, warning.message))) : null);
  state.lastEstimate = { request, output };
}

async function runCheapest(station, group, form) {
  const start = await currentInstant();
  const request = estimateRequest(station, group, start, { kwh: form.est_kwh.value, kw: form.est_kw.value, minutes: form.est_idle.value });
  const latest = new Date(Date.parse(start) + 24 * 3600 * 1000).toISOString();
  const result = await call("POST", "/_playground/cheapest", { body: { estimate: request, latest }, op: "engine_cheapest" });
  const out = $("#cheapest-result");
  if (!result.ok) return show(out, h("p", { class: "api-error", role: "alert" }, `${result.json?.field ?? ""}: ${result.json?.message ?? result.text}`));
  const best = result.json;
  show(out, Number(best.saving) > 0
    ? h("p", { id: "cheapest-text" }, `Cheapest start in the next 24 hours: ${when(best.start)} for ${money(best.estimate.invoice_summary, best.estimate.currency)}, saving ${money(best.saving, best.estimate.currency)} against starting now (${money(best.now.invoice_summary, best.now.currency)}).`)
    : h("p", { id: "cheapest-text" }, `Starting now is already the cheapest in the next 24 hours: ${money(best.now.invoice_summary, best.now.currency)} (${best.candidates} starts compared).`));
}

async function drawTimeline(station, group) {
  const start = await currentInstant();
  const request = estimateRequest(station, group, start, { kwh: "10", kw: "11", minutes: "0" });
  const result = await call("POST", "/_playground/timeline", { body: { estimate: request, hours: 24 }, op: "engine_timeline" });
  const out = $("#timeline");
  if (!result.ok) return show(out, h("p", { class: "api-error" }, result.json?.message ?? result.text));
  const to = new Date(Date.parse(start) + 24 * 3600 * 1000).toISOString();
  const series = (component) => result.json.intervals.map((interval) => {
    const price = interval.prices.find((item) => item.component === component);
    return { from: interval.from, to: interval.to, price: price ? price.price : "0" };
  });
  const components = [...new Set(result.json.intervals.flatMap((interval) => interval.prices.map((item) => item.component)))];
  const main = components.includes("kwh_price") ? "kwh_price" : components[0];
  if (!main) return show(out, h("p", {}, "No price in the next 24 hours."));
  const unit = main === "kwh_price" ? `${group.currency.toUpperCase()}/kWh` : `${group.currency.toUpperCase()}/min`;
  show(out, h("figure", {},
    stepChart(series(main), { title: `${main} price over the next 24 hours (${result.json.time_zone})`, unit, from: start, to, zone: result.json.time_zone }),
    h("figcaption", {}, `Displayed ${main} price (VAT incl.) from now, station time ${result.json.time_zone}; ${result.json.intervals.length} stretch(es) of constant prices.`)));
}

/** Opens a station's details in the details section. */
export async function openStation(id) {
  const result = await call("GET", "/api/v1/stations/details/", { query: { id, type: "station_id" }, op: "details", params: { id } });
  const root = $("#station");
  if (!result.ok) return show(root, apiError(result));
  const station = result.json;
  state.station = station;
  const evseSelect = h("select", { id: "evse-select" }, station.evses.map((evse) =>
    h("option", { value: evse.evse_id, disabled: evse.status !== "AVAILABLE" ? true : null }, `${evse.evse_id} · ${evse.status}`)));
  const groupFor = (evse) => station.price_groups.find((group) => group.evse_ids?.includes(evse)) ?? station.price_groups[0];
  const firstFree = station.evses.find((evse) => evse.status === "AVAILABLE");
  if (firstFree) evseSelect.value = firstFree.evse_id;
  const form = h("form", { id: "estimate-form", class: "inline" },
    h("div", { class: "field" }, h("label", { for: "est_kwh" }, "Energy (kWh)"), h("input", { id: "est_kwh", name: "est_kwh", value: "20", inputmode: "decimal" })),
    h("div", { class: "field" }, h("label", { for: "est_kw" }, "Power (kW)"), h("input", { id: "est_kw", name: "est_kw", value: String(groupFor(evseSelect.value)?.power ?? 11), inputmode: "decimal" })),
    h("div", { class: "field" }, h("label", { for: "est_idle" }, "Stay after charging (min)"), h("input", { id: "est_idle", name: "est_idle", value: "0", inputmode: "numeric" })),
    h("button", { type: "submit" }, "Estimate"),
    h("button", { type: "button", id: "cheapest-button", class: "secondary" }, "Cheapest start"));
  const group = () => groupFor(evseSelect.value);
  form.addEventListener("submit", (event) => { event.preventDefault(); runEstimate(station, group(), form); });
  $("#cheapest-button", form).addEventListener("click", () => runCheapest(station, group(), form));
  show(root,
    h("h3", { id: "station-name", tabindex: "-1" }, station.name),
    h("p", {}, station.address, " · ", station.operator?.name ?? "", " · ", h("strong", {}, station.status), station.is_partner ? " · partner (no starting fee)" : ""),
    h("div", { class: "field" }, h("label", { for: "evse-select" }, "EVSE"), evseSelect),
    station.price_groups.map(priceTable),
    h("h4", {}, "Estimate (our pricing engine)"), form,
    h("div", { id: "estimate-result", "aria-live": "polite" }),
    h("div", { id: "cheapest-result", "aria-live": "polite" }),
    h("h4", {}, "Price over the next 24 hours"), h("div", { id: "timeline" }),
    h("button", { type: "button", id: "start-button", onclick: () => startSession(station, evseSelect.value, group()) }, "Start charging here"));
  $("#station-name").focus();
  $("#station-section").scrollIntoView({ block: "start" });
  announce(`Station ${station.name} opened.`);
  drawTimeline(station, group());
}
