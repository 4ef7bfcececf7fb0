// The playground's start: read the server's config, pick the tenant token, mount sections.

import { state, h, $, show } from "./ui.js";
import { mountOperations } from "./operations.js";
import { mountPayments, refreshUserBadge } from "./payments.js";
import { mountMap, mountMapControls } from "./map.js";
import { mountSandbox } from "./sandbox.js";

const TOKEN_KEY = "connect-playground-token";

function sandboxToken() {
  let token = localStorage.getItem(TOKEN_KEY);
  if (!token) {
    token = `playground-${crypto.getRandomValues(new Uint32Array(2)).join("")}`;
    localStorage.setItem(TOKEN_KEY, token);
  }
  return token;
}

function mountCredentials(root) {
  if (state.config.env !== "sandbox") {
    show(root, h("p", {}, "Environment: ", h("strong", {}, "development"), ` (${state.config.upstream}). `,
      "The token comes from CARIQA_API_TOKEN on the machine running the playground and is added there: this page never sees it."));
    return;
  }
  const input = h("input", { id: "token", value: state.token, autocomplete: "off", spellcheck: "false" });
  const form = h("form", { id: "token-form", class: "inline" },
    h("div", { class: "field" }, h("label", { for: "token" }, "Sandbox token (any text: each token is its own tenant)"), input),
    h("button", { type: "submit" }, "Use this token"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.token = input.value.trim() || sandboxToken();
    localStorage.setItem(TOKEN_KEY, state.token);
    state.userId = "";
    refreshUserBadge();
  });
  show(root, h("p", {}, "Environment: ", h("strong", {}, "embedded sandbox"), ` (clock ×${state.config.speed}).`), form);
}

async function start() {
  const config = await fetch("/_playground/config").then((response) => response.json());
  state.config = config;
  state.token = config.env === "sandbox" ? sandboxToken() : "";
  $("#env-badge").textContent = config.env === "sandbox" ? "sandbox" : "development";
  mountCredentials($("#credentials"));
  mountPayments($("#account"));
  mountMapControls($("#map-section"));
  mountSandbox($("#sandbox"));
  mountOperations($("#operations"));
  refreshUserBadge();
  await mountMap();
  performance.mark("playground-ready");
  document.body.dataset.ready = "true";
}

start().catch((error) => {
  show($("#status"), h("p", { class: "notice bad", role: "alert" }, `The playground did not start: ${error.message}`));
});
