// Minifies the wasm-bindgen JS of both programs in dist/ (Trunk's own JS minifier rejects it)
// and updates the integrity hashes the pages hold for them, so the browser still checks them;
// then the pages' own inline scripts (index.html's, with its comments).
// Usage: node .ci/minify.mjs dist
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(new URL("./tools/", import.meta.url));
const { minify } = require("terser");
const dir = process.argv[2] ?? "dist";
const sri = (buf) => "sha384-" + createHash("sha384").update(buf).digest("base64");
const pages = readdirSync(dir).filter((f) => f.endsWith(".html"));
for (const file of readdirSync(dir).filter((f) => /^kefu-.*\.js$/.test(f))) {
  const path = join(dir, file);
  const before = readFileSync(path);
  const out = await minify(before.toString(), { module: true, compress: true, mangle: true });
  writeFileSync(path, out.code);
  const [from, to] = [sri(before), sri(Buffer.from(out.code))];
  for (const page of pages) {
    const p = join(dir, page);
    const html = readFileSync(p, "utf8");
    if (html.includes(from)) writeFileSync(p, html.split(from).join(to));
  }
  console.log(`minified ${file}: ${before.length} -> ${out.code.length} bytes`);
}
for (const page of pages) {
  const p = join(dir, page);
  let html = readFileSync(p, "utf8");
  const before = html.length;
  for (const [whole, code] of [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]) {
    const out = await minify(code, { compress: true, mangle: true });
    html = html.replace(whole, () => `<script>${out.code}</script>`); // no $ patterns in code
  }
  writeFileSync(p, html);
  console.log(`minified ${page}'s inline scripts: ${before} -> ${html.length} bytes`);
}
