// Sums twiggy's per-item sizes (`twiggy top -f csv` of the optimised wasm built with names)
// by crate, so every change shows what it costs. Usage: node size-by-crate.mjs top.csv [release.wasm]
import fs from "node:fs";

const [csvFile, releaseWasm] = process.argv.slice(2);
const rows = fs.readFileSync(csvFile, "utf8").trim().split("\n").slice(1).map((line) => {
  // Name is CSV-quoted when it holds a comma or a quote; the numbers follow it.
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  return m ? { name: m[1].replace(/^"|"$/g, "").replace(/""/g, '"'), size: Number(m[2]) } : null;
}).filter(Boolean);

// The crate an item belongs to: the first path segment of its demangled name, so
// `<tachys::view::X as ...>::build` counts for tachys and a monomorphised
// `<alloc::vec::Vec<T> as Drop>::drop` for alloc; rustc's `core[hash]` suffix is dropped.
const family = {
  leptos_dom: "leptos", leptos_macro: "leptos", leptos_server: "leptos", server_fn: "leptos",
  hydration_context: "leptos", any_spawner: "leptos", or_poisoned: "leptos", throw_error: "leptos",
  reactive_stores: "reactive_graph", serde_core: "serde", js_sys: "wasm-bindgen", web_sys: "wasm-bindgen",
  wasm_bindgen: "wasm-bindgen", wasm_bindgen_futures: "wasm-bindgen", gloo_storage: "gloo", gloo_timers: "gloo",
  gloo_utils: "gloo", futures_util: "futures", futures_core: "futures", futures_channel: "futures",
  futures_executor: "futures",
};
function crateOf(name) {
  if (name.startsWith("data segment")) return "(data: strings, tables)";
  if (/subsection$|^custom section|^elem\[|^table\[|^type\[|^global\[|^memory\[|^export |^import |^wasm magic|^header/.test(name)) return "(wasm structure)";
  if (/^__wbg|^__wbindgen|externref shim|^__externref|closure\d* externref/.test(name)) return "wasm-bindgen";
  if (/^code\[\d+\]$/.test(name)) return "(unnamed code)";
  const m = name.match(/([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  if (!m) return "other";
  const c = m[1];
  return family[c] || c;
}

const names = rows.filter((r) => /names" subsection$/.test(r.name)).reduce((a, r) => a + r.size, 0);
const sums = new Map();
let total = 0;
for (const r of rows) {
  if (/names" subsection$/.test(r.name)) continue; // the names this profiling build keeps
  const c = crateOf(r.name);
  sums.set(c, (sums.get(c) || 0) + r.size);
  total += r.size;
}
const sorted = [...sums].sort((a, b) => b[1] - a[1]);
const shown = sorted.slice(0, 16);
const rest = sorted.slice(16).reduce((a, [, s]) => a + s, 0);
if (rest) shown.push([`other (${sorted.length - 16} crates)`, rest]);

console.log("(optimised, before gzip)");
console.log(`${"crate".padEnd(28)} ${"bytes".padStart(9)} ${"share".padStart(7)}`);
for (const [c, s] of shown) console.log(`${c.padEnd(28)} ${String(s).padStart(9)} ${((100 * s) / total).toFixed(1).padStart(6)}%`);
let note = "";
if (releaseWasm && fs.existsSync(releaseWasm)) {
  const rel = fs.statSync(releaseWasm).size;
  note = `; the release wasm: ${rel} bytes`;
}
console.log(`${"total".padEnd(28)} ${String(total).padStart(9)}  (names kept for this report: ${names} bytes, not counted${note})\n`);
