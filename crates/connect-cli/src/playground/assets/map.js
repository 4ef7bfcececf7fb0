// Stations on a map, fully offline: Leaflet (vendored) over Natural Earth's country
// outlines (world-atlas, vendored), no tiles from anywhere. Zoomed out, the API's map tiles
// give clusters; zoomed in, `stations/around` gives the stations themselves.

import { state, h, $, show, apiError } from "./ui.js";
import { call } from "./api.js";
import { openStation } from "./station.js";

/** From this zoom on, stations come from `around`; below it, clusters from the tiles. */
const AROUND_ZOOM = 13;
/** The most tiles asked for at once (a wide phone screen at a low zoom needs about 12). */
const MAX_TILES = 24;
const WORMS = [49.630383, 8.368902];

let map = null;
let markers = null;
let generation = 0;

/** TopoJSON (delta-encoded, quantized arcs) to GeoJSON, for the one file we bundle. */
function topoFeatures(topology, name) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (indexes) => {
    const points = [];
    for (const index of indexes) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  return topology.objects[name].geometries.map((geometry) => ({
    type: "Feature",
    properties: geometry.properties ?? {},
    geometry: geometry.type === "Polygon"
      ? { type: "Polygon", coordinates: geometry.arcs.map(ring) }
      : { type: "MultiPolygon", coordinates: geometry.arcs.map((polygon) => polygon.map(ring)) },
  }));
}

function tileOf(lat, lon, z) {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  const clamp = (value) => Math.min(n - 1, Math.max(0, value));
  return [clamp(x), clamp(y)];
}

const colour = (status) => ({ free: "#137333", busy: "#b06000", error: "#b3261e" })[status] ?? "#5f6368";

function listItem(label, detail, action) {
  return h("li", {}, h("button", { type: "button", class: "link", onclick: action }, label), " ", h("span", { class: "muted" }, detail));
}

async function showClusters(zoom) {
  const bounds = map.getBounds();
  const [x0, y0] = tileOf(bounds.getNorth(), bounds.getWest(), zoom);
  const [x1, y1] = tileOf(bounds.getSouth(), bounds.getEast(), zoom);
  const xs = [];
  const ys = [];
  for (let x = x0; x <= x1; x += 1) for (let y = y0; y <= y1; y += 1) { xs.push(x); ys.push(y); }
  const result = await call("GET", "/api/v1/stations/tile/", {
    query: { x: xs.slice(0, MAX_TILES), y: ys.slice(0, MAX_TILES), z: zoom },
    op: "tile", params: { x: xs[0], y: ys[0], z: zoom },
  });
  if (!result.ok) return { error: result };
  return { features: result.json.features ?? [] };
}

async function refresh() {
  const mine = ++generation;
  const zoom = Math.round(map.getZoom());
  const list = $("#map-list");
  const heading = $("#map-list-heading");
  if (zoom < AROUND_ZOOM) {
    const { features, error } = await showClusters(zoom);
    if (mine !== generation) return;
    markers.clearLayers();
    if (error) return show(list, apiError(error));
    const items = [];
    for (const feature of features) {
      const [lat, lon] = feature.geometry.coordinates.map(Number);
      const count = feature.properties.count ?? 1;
      const go = feature.station_id
        ? () => openStation(feature.station_id)
        : () => map.setView([lat, lon], Math.max(feature.properties.expansion_zoom ?? zoom + 2, zoom + 1));
      const label = feature.station_id ? feature.properties.operator_id ?? feature.station_id : `${count} stations`;
      const size = count >= 100 ? 40 : count >= 10 ? 32 : 26;
      const marker = feature.station_id
        ? L.circleMarker([lat, lon], { radius: 7, color: "#fff", weight: 1.5, fillColor: colour(feature.properties.status), fillOpacity: 0.9 })
        : L.marker([lat, lon], {
          title: label, alt: label, keyboard: true,
          icon: L.divIcon({ className: `cluster status-${feature.properties.status ?? "unknown"}`, html: String(count), iconSize: [size, size] }),
        });
      marker.bindTooltip(label).on("click", go);
      markers.addLayer(marker);
      items.push(listItem(label,
        feature.station_id ? feature.station_id : `near ${lat.toFixed(3)}, ${lon.toFixed(3)}`, go));
    }
    show(heading, `${features.length} clusters and stations in view (zoom ${zoom}: from the map tiles)`);
    show(list, items.length ? h("ul", { class: "map-items" }, items.slice(0, 40)) : h("p", {}, "Nothing here."));
    return;
  }
  const center = map.getCenter();
  const distance = Math.min(5000, Math.round(center.distanceTo(map.getBounds().getNorthEast())));
  const result = await call("GET", "/api/v1/stations/around/", {
    query: { latitude: center.lat.toFixed(6), longitude: center.lng.toFixed(6), distance, page_size: 100 },
    op: "around", params: { latitude: center.lat.toFixed(6), longitude: center.lng.toFixed(6), distance },
  });
  if (mine !== generation) return;
  markers.clearLayers();
  if (!result.ok) return show(list, apiError(result));
  const stations = result.json.results ?? [];
  for (const station of stations) {
    const position = [Number(station.coordinates.latitude), Number(station.coordinates.longitude)];
    markers.addLayer(L.circleMarker(position, {
      radius: 9, color: "#fff", weight: 2, fillColor: colour(station.status), fillOpacity: 0.95,
    }).bindTooltip(station.name).on("click", () => openStation(station.id)));
  }
  show(heading, `${result.json.count} stations within ${distance} m (from stations/around)`);
  show(list, stations.length ? h("ul", { class: "map-items" }, stations.map((station) =>
    h("li", {}, h("button", { type: "button", class: "link", "data-station-id": station.id, onclick: () => openStation(station.id) }, station.name),
      " ", h("span", { class: "muted" }, `${station.address} · ${station.status}${station.is_partner ? " · partner" : ""}`)))) : h("p", {}, "No station here."));
}

/** Creates the map once its section is on screen. */
export async function mountMap() {
  map = L.map("map", { zoomSnap: 1, minZoom: 3, maxZoom: 18, worldCopyJump: false, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth (public domain) · Leaflet (BSD-2)");
  const topology = await (await fetch("/assets/vendor/world-atlas/countries-110m.json")).json();
  L.geoJSON({ type: "FeatureCollection", features: topoFeatures(topology, "countries") }, {
    style: { color: "#9aa7a0", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 }, interactive: false,
  }).addTo(map);
  markers = L.layerGroup().addTo(map);
  map.on("moveend", refresh);
  map.setView([51.1, 10.4], 6);
}

/** Moves the map (the "go to" form and its shortcuts). */
export function goTo(lat, lon, zoom) {
  map.setView([lat, lon], zoom);
}

export function mountMapControls(root) {
  const form = h("form", { id: "goto-form", class: "inline" },
    h("div", { class: "field" }, h("label", { for: "goto-lat" }, "Latitude"), h("input", { id: "goto-lat", value: String(WORMS[0]), inputmode: "decimal" })),
    h("div", { class: "field" }, h("label", { for: "goto-lon" }, "Longitude"), h("input", { id: "goto-lon", value: String(WORMS[1]), inputmode: "decimal" })),
    h("div", { class: "field" }, h("label", { for: "goto-zoom" }, "Zoom"), h("input", { id: "goto-zoom", value: "16", type: "number", min: "3", max: "18" })),
    h("button", { type: "submit" }, "Go"),
    h("button", { type: "button", id: "goto-worms", class: "secondary", onclick: () => goTo(WORMS[0], WORMS[1], 16) }, "The docs' station in Worms"),
    h("button", { type: "button", class: "secondary", onclick: () => goTo(51.1, 10.4, 6) }, "All of Germany"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    goTo(Number($("#goto-lat").value), Number($("#goto-lon").value), Number($("#goto-zoom").value));
  });
  root.querySelector("h2").after(form);
  state.map = { goTo };
}
