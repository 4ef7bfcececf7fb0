// The driver's account the way a frontend builds it: a user, billing details, a card
// confirmed like Stripe's test mode (with a 3-D Secure challenge), and debts paid through
// their payment intents.

import { state, h, $, show, field, money, announce, apiError } from "./ui.js";
import { call } from "./api.js";

const THREE_D_SECURE = "4000002760003184";
const user = () => `/api/v1/users/${encodeURIComponent(state.userId)}`;
const params = (extra = {}) => ({ user_id: state.userId, ...extra });
const digits = (text) => text.replace(/\D/g, "");

/**
 * The bank's 3-D Secure page, as Stripe's test mode shows it: the driver completes or
 * fails the challenge. Resolves to whether it was completed.
 */
export function challenge(purpose) {
  const dialog = $("#challenge");
  show($("#challenge-purpose", dialog), purpose);
  dialog.showModal();
  $("#challenge-complete", dialog).focus();
  return new Promise((resolve) => {
    const done = (completed) => () => {
      dialog.close();
      resolve(completed);
    };
    $("#challenge-complete", dialog).onclick = done(true);
    $("#challenge-fail", dialog).onclick = done(false);
    dialog.oncancel = done(false);
  });
}

/** Confirms a payment intent as the partner's frontend does (sandbox control API). */
export async function confirmPaymentIntent(secret, purpose) {
  if (state.config.env !== "sandbox") {
    announce(`${purpose}: on the development environment your Stripe frontend confirms the payment intent with its client secret ${secret.slice(0, 16)}…; then try again.`, "info");
    return false;
  }
  if (!(await challenge(purpose))) {
    announce("3-D Secure authentication failed: the payment intent stays unconfirmed.", "bad");
    return false;
  }
  const result = await call("POST", `/_sandbox/payment-intents/${encodeURIComponent(secret)}/confirm`, { op: "confirm_payment_intent" });
  return result.ok;
}

async function createUser(form) {
  const body = { email: form.email.value.trim(), locale: form.locale.value };
  if (form.external_id.value.trim()) body.custom_properties = { external_id: form.external_id.value.trim() };
  const result = await call("POST", "/api/v1/users/", { body, op: "create_user" });
  if (result.ok && !result.json?.id) {
    show($("#user-result"), h("p", { class: "api-error", role: "alert" }, `${result.status}: the answer names no user id (see the call log).`));
    return;
  }
  show($("#user-result"), apiError(result) ?? h("p", { class: "ok" }, "User ", h("code", { id: "user-id" }, result.json.id), " created."));
  if (result.ok) {
    state.userId = result.json.id;
    refreshUserBadge();
  }
}

async function saveBilling(form) {
  const body = {};
  for (const name of ["account_type", "first_name", "last_name", "company_name", "vat_id", "tax_id", "line1", "postal_code", "city", "country"]) {
    const value = form[name].value.trim();
    body[name] = value === "" ? null : value;
  }
  const result = await call("PUT", `${user()}/billing-details/`, { body, op: "put_billing", params: params() });
  show($("#billing-result"), apiError(result) ?? h("p", { class: "ok" }, `Billing details saved: ${body.line1}, ${body.postal_code} ${body.city}.`));
}

/** The card form: a setup intent's client secret confirmed with the card, as Stripe.js does. */
async function addCard(form) {
  const out = $("#card-result");
  const number = digits(form.card_number.value);
  if (number.length < 12) {
    show(out, h("p", { class: "api-error", role: "alert" }, "card number: enter the 16 digits of a test card"));
    return;
  }
  const intent = await call("GET", `${user()}/setup-intents/`, { op: "setup_intent", params: params() });
  if (!intent.ok) return show(out, apiError(intent));
  const secret = intent.json.setup_intent_client_secret;
  if (state.config.env !== "sandbox") {
    show(out, h("p", {}, "Setup intent created. On the development environment your Stripe frontend confirms its client secret ",
      h("code", {}, secret.slice(0, 12) + "…"), "; waiting for a new payment method…"));
    return waitForCard(out);
  }
  if (number === THREE_D_SECURE && !(await challenge("Authenticate this card for future payments"))) {
    show(out, h("p", { class: "api-error", role: "alert" }, "3-D Secure authentication failed: the card was not added."));
    return;
  }
  const confirmed = await call("POST", `/_sandbox/setup-intents/${encodeURIComponent(secret)}/confirm`,
    { body: { card_number: number }, op: "confirm_setup_intent" });
  if (!confirmed.ok) return show(out, apiError(confirmed));
  state.paymentMethodId = confirmed.json.payment_method_id;
  show(out, h("p", { class: "ok" }, `Card added: ${confirmed.json.brand} •••• ${confirmed.json.last4}`, confirmed.json.default ? " (default)" : ""));
  await listCards();
}

async function waitForCard(out) {
  const before = new Set(((await call("GET", `${user()}/payment-methods/`, { op: "list_payment_methods", params: params(), log: false })).json?.results ?? []).map((pm) => pm.id));
  for (let tries = 0; tries < 120; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const list = await call("GET", `${user()}/payment-methods/`, { op: "list_payment_methods", params: params(), log: false });
    const added = (list.json?.results ?? []).find((pm) => !before.has(pm.id));
    if (added) {
      state.paymentMethodId = added.id;
      show(out, h("p", { class: "ok" }, `Card added by your frontend: •••• ${added.card?.last4}`));
      return listCards();
    }
  }
  show(out, h("p", { class: "api-error" }, "No card arrived within 10 minutes."));
}

/** The user's cards, with "make default" and "delete". */
export async function listCards() {
  const list = await call("GET", `${user()}/payment-methods/`, { op: "list_payment_methods", params: params() });
  const holder = $("#cards");
  if (!list.ok) return show(holder, apiError(list));
  const cards = list.json.results ?? [];
  const preferred = cards.find((pm) => pm.id === state.paymentMethodId) ?? cards.find((pm) => pm.default);
  if (preferred) state.paymentMethodId = preferred.id;
  show(holder, cards.length === 0 ? h("p", {}, "No card yet.") : h("ul", { class: "cards" }, cards.map((pm) =>
    h("li", {},
      h("span", {}, `${pm.card?.brand ?? pm.type} •••• ${pm.card?.last4 ?? "?"} · expires ${pm.card?.expiration_date ?? "–"}`),
      pm.default ? h("strong", { class: "tag" }, "default") : h("button", { type: "button", class: "small", onclick: () => cardAction("POST", pm.id, "default/", "default_payment_method") }, "Make default"),
      h("button", { type: "button", class: "small secondary", onclick: () => cardAction("DELETE", pm.id, "", "delete_payment_method") }, "Delete")))));
}

async function cardAction(method, pm, suffix, op) {
  const result = await call(method, `${user()}/payment-methods/${encodeURIComponent(pm)}/${suffix}`, { op, params: params({ pm }) });
  if (!result.ok) return show($("#card-result"), apiError(result));
  if (method === "POST") state.paymentMethodId = pm;
  if (method === "DELETE" && state.paymentMethodId === pm) state.paymentMethodId = "";
  await listCards();
}

/** Unpaid sessions, each payable through its payment intent. */
export async function listDebts() {
  const result = await call("GET", `${user()}/charging/debts/`, { op: "debts", params: params() });
  const holder = $("#debts");
  if (!result.ok) return show(holder, apiError(result));
  const debts = result.json.results ?? [];
  show(holder, debts.length === 0 ? h("p", { class: "ok" }, "No unpaid session.") : h("ul", { class: "debts" }, debts.map((debt) =>
    h("li", {},
      h("span", {}, `Session ${debt.session_id.slice(0, 8)}… owes `, h("strong", {}, money(debt.amount, debt.currency))),
      h("button", { type: "button", onclick: () => payDebt(debt) }, `Pay ${money(debt.amount, debt.currency)}`)))));
}

async function payDebt(debt) {
  if (await confirmPaymentIntent(debt.payment_intent_client_secret, `Pay ${money(debt.amount, debt.currency)} for an unpaid session`)) {
    announce(`Debt of ${money(debt.amount, debt.currency)} paid; its invoice is issued.`, "ok");
  }
  await listDebts();
}

export function refreshUserBadge() {
  show($("#current-user"), state.userId ? h("code", {}, state.userId) : "none yet");
}

/** The account section: user, billing, cards, debts. */
export function mountPayments(root) {
  const userForm = h("form", { id: "user-form", "aria-labelledby": "user-heading" },
    h("h3", { id: "user-heading" }, "1. A user"),
    h("div", { class: "grid" },
      field("email", "Email", { type: "email", value: "driver@example.com", required: true, autocomplete: "off" }),
      h("div", { class: "field" }, h("label", { for: "locale" }, "Locale"),
        h("select", { id: "locale", name: "locale" }, ["en", "de", "fr", "it", "es", "nl", "pl"].map((code) => h("option", { value: code }, code)))),
      field("external_id", "External id (optional)", { value: "" })),
    h("button", { type: "submit" }, "Create user"),
    h("div", { id: "user-result", "aria-live": "polite" }));
  userForm.addEventListener("submit", (event) => { event.preventDefault(); createUser(userForm); });

  const billingForm = h("form", { id: "billing-form", "aria-labelledby": "billing-heading" },
    h("h3", { id: "billing-heading" }, "2. Billing details"),
    h("div", { class: "grid" },
      h("div", { class: "field" }, h("label", { for: "account_type" }, "Account type"),
        h("select", { id: "account_type", name: "account_type" }, h("option", { value: "personal" }, "personal"), h("option", { value: "business" }, "business"))),
      field("first_name", "First name", { value: "Ada" }),
      field("last_name", "Last name", { value: "Lovelace" }),
      field("company_name", "Company (business)", {}),
      field("vat_id", "VAT id (business)", {}),
      field("tax_id", "Tax id (Italy)", {}),
      field("line1", "Street and number", { value: "Ludwigstraße 9" }),
      field("postal_code", "Postal code", { value: "67547" }),
      field("city", "City", { value: "Worms" }),
      field("country", "Country (ISO code)", { value: "DE", maxlength: "2" })),
    h("button", { type: "submit" }, "Save billing details"),
    h("div", { id: "billing-result", "aria-live": "polite" }));
  billingForm.addEventListener("submit", (event) => { event.preventDefault(); saveBilling(billingForm); });

  const cardForm = h("form", { id: "card-form", "aria-labelledby": "card-heading" },
    h("h3", { id: "card-heading" }, "3. A card"),
    h("p", { class: "hint" }, "Test cards: ", h("code", {}, "4242 4242 4242 4242"), " frictionless, ",
      h("code", {}, "4000 0027 6000 3184"), " 3-D Secure, ", h("code", {}, "4000 0000 0000 9995"), " insufficient funds (a debt), ",
      h("code", {}, "4000 0000 0000 0002"), " declined."),
    h("div", { class: "grid" },
      field("card_number", "Card number", { inputmode: "numeric", autocomplete: "off", value: "4242 4242 4242 4242" }),
      field("card_expiry", "Expiry (MM/YY)", { value: "12/34", autocomplete: "off" }),
      field("card_cvc", "CVC", { value: "123", inputmode: "numeric", autocomplete: "off" })),
    h("button", { type: "submit" }, "Add card"),
    h("div", { id: "card-result", "aria-live": "polite" }),
    h("div", { id: "cards" }));
  cardForm.addEventListener("submit", (event) => { event.preventDefault(); addCard(cardForm); });

  const debts = h("section", { "aria-labelledby": "debts-heading" },
    h("h3", { id: "debts-heading" }, "Unpaid sessions"),
    h("button", { type: "button", id: "debts-refresh", onclick: listDebts }, "Check for debts"),
    h("div", { id: "debts", "aria-live": "polite" }));
  show(root, userForm, billingForm, cardForm, debts);
}
