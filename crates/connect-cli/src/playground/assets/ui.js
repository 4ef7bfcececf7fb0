// Small helpers every module shares: building elements, formatting, and the page's state.

/** What the page knows: the server's config, the tenant token, the user and choices. */
export const state = {
  config: { env: "sandbox", upstream: "", speed: null },
  token: "",
  userId: "",
  paymentMethodId: "",
  station: null,
  session: null,
};

/** An element with attributes and children; text children are escaped by the DOM. */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Replaces the children of `node`. */
export function show(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
}

/** A labelled input; `id` names it for the label and for tests. */
export function field(id, label, attributes = {}) {
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    h("input", { id, name: id, ...attributes }));
}

/** `10.84 EUR`: the API writes currencies in lower case. */
export function money(amount, currency) {
  if (amount === null || amount === undefined) return "–";
  return `${amount} ${String(currency || "").toUpperCase()}`;
}

/** A local date and time, as the person reading the page writes it. */
export function when(instant) {
  if (!instant) return "–";
  return new Date(instant).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A message in the page's status area, read out by screen readers. */
export function announce(text, kind = "info") {
  const status = $("#status");
  show(status, h("p", { class: `notice ${kind}` }, text));
}

/** An API error's type and detail, highlighted; `null` for a success. */
export function apiError(result) {
  if (result.ok) return null;
  const json = result.json;
  const type = json?.error?.type ?? (result.status === 0 ? "network_error" : `http_${result.status}`);
  const detail = json?.error?.details ?? json?.detail ?? json?.message ?? result.text;
  return h("div", { class: "api-error", role: "alert" },
    h("strong", {}, `${result.status || "–"} ${type}`), " ", h("span", {}, String(detail)));
}
