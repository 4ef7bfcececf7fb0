// Charts as inline SVG: a step chart of prices over time, and a line chart of a session.

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const W = 640;
const H = 220;
const PAD = { left: 52, right: 16, top: 30, bottom: 34 };

function frame(title, description) {
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart", "aria-label": title });
  root.append(svg("title", {}, title), svg("desc", {}, description));
  return root;
}

function axes(root, yMax, yLabel, xTicks) {
  const plotH = H - PAD.top - PAD.bottom;
  for (let i = 0; i <= 4; i += 1) {
    const y = PAD.top + plotH - (plotH * i) / 4;
    root.append(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: "grid" }));
    root.append(svg("text", { x: PAD.left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, ((yMax * i) / 4).toFixed(2)));
  }
  xTicks.forEach(([x, label], index) => {
    const anchor = index === 0 ? "start" : index === xTicks.length - 1 ? "end" : "middle";
    root.append(svg("text", { x, y: H - PAD.bottom + 18, class: "tick", "text-anchor": anchor }, label));
  });
  root.append(svg("text", { x: 6, y: 6, class: "axis-label", "dominant-baseline": "hanging" }, yLabel));
}

/**
 * The displayed price of one component over a window, as steps.
 * `intervals`: [{from, to, price}] with ISO instants; prices as decimal strings.
 */
export function stepChart(intervals, { title, unit, from, to, zone }) {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const prices = intervals.map((interval) => Number(interval.price));
  const yMax = Math.max(0.01, ...prices) * 1.15;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const xOf = (instant) => PAD.left + ((Math.min(end, Math.max(start, instant)) - start) / (end - start)) * plotW;
  const yOf = (price) => PAD.top + plotH - (price / yMax) * plotH;
  const description = intervals.map((interval) => `${interval.price} ${unit} from ${new Date(interval.from).toLocaleTimeString()}`).join("; ");
  const root = frame(title, description || "No price in this window.");
  const ticks = [];
  for (let hour = 0; hour <= 24; hour += 6) {
    const instant = start + ((end - start) * hour) / 24;
    ticks.push([xOf(instant), new Date(instant).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", timeZone: zone })]);
  }
  axes(root, yMax, unit, ticks);
  let points = "";
  for (const interval of intervals) {
    const y = yOf(Number(interval.price));
    points += `${xOf(Date.parse(interval.from))},${y} ${xOf(Date.parse(interval.to))},${y} `;
  }
  root.append(svg("polyline", { points: points.trim(), class: "series price" }));
  return root;
}

/** kWh and cost of a live session: samples [{at (ms), kwh, cost}]. */
export function sessionChart(samples, currency) {
  const root = frame("Energy and cost so far", samples.length
    ? `${samples.at(-1).kwh} kWh, ${samples.at(-1).cost.toFixed(2)} ${currency} after ${samples.length} polls`
    : "No sample yet.");
  if (samples.length === 0) return root;
  const t0 = samples[0].at;
  const t1 = Math.max(t0 + 1, samples.at(-1).at);
  const kwhMax = Math.max(0.1, ...samples.map((sample) => sample.kwh)) * 1.1;
  const costMax = Math.max(0.01, ...samples.map((sample) => sample.cost)) * 1.1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const xOf = (at) => PAD.left + ((at - t0) / (t1 - t0)) * plotW;
  axes(root, kwhMax, "kWh", [[PAD.left, "start"], [W - PAD.right, `${Math.round((t1 - t0) / 1000)} s later`]]);
  const line = (value, max, cls) => svg("polyline", {
    class: `series ${cls}`,
    points: samples.map((sample) => `${xOf(sample.at)},${PAD.top + plotH - (value(sample) / max) * plotH}`).join(" "),
  });
  root.append(line((sample) => sample.kwh, kwhMax, "energy"), line((sample) => sample.cost, costMax, "cost"));
  const legend = svg("text", { x: W - PAD.right, y: 6, class: "legend", "text-anchor": "end", "dominant-baseline": "hanging" });
  legend.append(svg("tspan", { class: "energy" }, "━ kWh"), svg("tspan", {}, "   "),
    svg("tspan", { class: "cost" }, `╍ cost (scale to ${costMax.toFixed(2)} ${currency})`));
  root.append(legend);
  return root;
}
