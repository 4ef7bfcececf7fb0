// The same call written two ways: a curl line, and with our Rust client (connect-http).

import { state } from "./ui.js";

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

const rust = (text) => JSON.stringify(String(text ?? ""));

/** The call with `connect_http::ConnectClient` (the ports' methods of connect-ports). */
export function rustCode(op, params = {}, body = {}) {
  const user = `UserId::new(${rust(params.user_id)})`;
  const session = `SessionId::new(${rust(params.session_id)})`;
  const pm = `PaymentMethodId::new(${rust(params.pm)})`;
  const page = "PageRequest::default()";
  const lines = {
    create_user: `client.create_user(NewUser::default().email(${rust(body.email)})).await?`,
    list_users: `client.list_users(UserQuery::default()).await?`,
    get_user: `client.get_user(&${user}).await?`,
    update_user: `client.update_user(&${user}, UserPatch::default().email(${rust(body.email)})).await?`,
    delete_user: `client.delete_user(&${user}).await?`,
    get_billing: `client.billing_details(&${user}).await?`,
    put_billing: `client.replace_billing_details(&${user}, BillingDetails::personal(${rust(body.first_name)}, ${rust(body.last_name)})\n    .address(${rust(body.line1)}, ${rust(body.postal_code)}, ${rust(body.city)}, ${rust(body.country)})).await?`,
    setup_intent: `client.setup_intent(&${user}, SetupKind::Card).await?`,
    list_payment_methods: `client.payment_methods(&${user}, ${page}).await?`,
    delete_payment_method: `client.delete_payment_method(&${user}, &${pm}).await?`,
    default_payment_method: `client.set_default_payment_method(&${user}, &${pm}).await?`,
    debts: `client.debts(&${user}, ${page}).await?`,
    start: `client.start_charging(&${user}, StartCharging::new(${rust(body.evse_id)}, ${rust(body.payment_method_id)})).await?`,
    stop: `client.stop_charging(&${user}, &${session}).await?`,
    sessions: `client.sessions(&${user}, ${page}).await?`,
    session: `client.session(&${user}, &${session}).await?`,
    rate: `client.rate_session(&${user}, &${session}, Some(Rating::new(${Number(body.rates) || 5})?)).await?`,
    invoices: `client.invoices(&${user}, ${page}).await?`,
    around: `client.stations_around(&AroundQuery::new(Coordinates { latitude: ${Number(params.latitude)}_f64, longitude: ${Number(params.longitude)}_f64 }, ${Number(params.distance) || 100}_f64), ${page}).await?`,
    details: `client.station_details(&StationLookup::StationId(${rust(params.id)}.into())).await?`,
    partners: `client.partners().await?`,
    tile: `client.map_tile(&TileQuery::new(${params.z}, ${params.x}, ${params.y})).await?`,
  };
  const call = lines[op];
  if (!call) return controlCode(op);
  const token = state.config.env === "sandbox" ? `ApiToken::new(${rust(state.token)})?` : "ApiToken::from_env()?";
  const environment = state.config.env === "sandbox"
    ? `Environment::custom(${rust(location.origin)})?`
    : "Environment::Development";
  return [
    "use cariqa_connect::prelude::*; // the ports' traits, PageRequest, UserQuery",
    "use cariqa_connect::{ApiToken, ConnectClient, Environment};",
    "use cariqa_connect::domain::account::{BillingDetails, NewUser, UserPatch};",
    "use cariqa_connect::domain::{ids::*, payment::SetupKind, session::Rating, zone::Coordinates};",
    "use cariqa_connect::ports::{AroundQuery, StartCharging, StationLookup, TileQuery};",
    "",
    `let client = ConnectClient::new(${token}, ${environment})?;`,
    `let answer = ${call};`,
  ].join("\n");
}

/**
 * The sandbox's control calls and the engine's helpers have no client method: in Rust they
 * are the embedded sandbox (`connect_server::EmbeddedSandbox`) and the pricing engine.
 */
function controlCode(op) {
  const lines = {
    confirm_setup_intent: "let payment_method = sandbox.connect(token)?.confirm_setup_intent(&client_secret, \"4242424242424242\")?;",
    confirm_payment_intent: "sandbox.connect(token)?.confirm_payment_intent(&client_secret)?;",
    engine_estimate: "let estimate = connect_domain::pricing::estimate(&price_group, zone, start, &plan, &options)?;",
    engine_timeline: "let intervals = connect_domain::pricing::price_timeline(price_group.tariff(), zone, from, to);",
    engine_cheapest: "let best = connect_domain::pricing::cheapest_start(&price_group, zone, earliest, latest, &plan, &options)?;",
    engine_check: "let check = connect_domain::pricing::check_invoice(&price_group, zone, &finished, &options, &session_cost)?;",
  };
  return lines[op] ?? "// the sandbox's control API over HTTP (docs/sandbox.md): see the curl line";
}
