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
    create_user: `client.create_user(NewUser::new().email(${rust(body.email)})).await?`,
    list_users: `client.list_users(UserQuery::default()).await?`,
    get_user: `client.get_user(&${user}).await?`,
    update_user: `client.update_user(&${user}, UserPatch::default().email(${rust(body.email)})).await?`,
    delete_user: `client.delete_user(&${user}).await?`,
    get_billing: `client.billing_details(&${user}).await?`,
    put_billing: `client.replace_billing_details(&${user}, BillingDetails::personal(${rust(body.first_name)}, ${rust(body.last_name)})\n    .address(${rust(body.line1)}, ${rust(body.postal_code)}, ${rust(body.city)}, ${rust(body.country)})).await?`,
    setup_intent: `client.setup_intent(&${user}, SetupKind::default()).await?`,
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
    around: `client.stations_around(&AroundQuery::new(Coordinates::new(${params.latitude}, ${params.longitude})?, ${params.distance || 100}.0), ${page}).await?`,
    details: `client.station_details(&StationLookup::station(${rust(params.id)})).await?`,
    partners: `client.partners().await?`,
    tile: `client.map_tile(&TileQuery::new(${params.z}, vec![(${params.x}, ${params.y})])?).await?`,
  };
  const call = lines[op];
  if (!call) return "// a control call of the sandbox: connect_server::EmbeddedSandbox::connect(token)";
  const environment = state.config.env === "sandbox"
    ? `Environment::custom(${rust(location.origin)})?`
    : "Environment::Development";
  return [
    "use cariqa_connect::prelude::*;",
    "",
    `let client = ConnectClient::new(ApiToken::from_env()?, ${environment})?;`,
    `let answer = ${call};`,
  ].join("\n");
}
