// Writes `<file>.gz` (gzip -9) and `<file>.br` (brotli, quality 11) beside each text and wasm
// file at the top of dist/ (the build's own assets), so a static host that serves precompressed files (nginx gzip_static /
// brotli_static, Apache with a rewrite rule, ...) sends them without compressing on each request.
// Not the course (dist/exams/): trainers edit those files in place, and a host would keep
// serving a stale .gz beside an edited bank. Node's own zlib: nothing to install.
// Usage: node .ci/precompress.mjs dist
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = process.argv[2] || "dist";
const worth = /\.(html|js|mjs|wasm|css|md|svg|json|webmanifest|txt)$/;
for (const entry of fs.readdirSync(dir)) {
  const file = path.join(dir, entry);
  if (!worth.test(file) || !fs.statSync(file).isFile()) continue;
  const raw = fs.readFileSync(file);
  if (raw.length < 256) continue; // a header costs more than compressing saves
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }));
}
