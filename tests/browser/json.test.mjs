// Records through the browser's own JSON (the wasm has no serde_json, issue 12): what the app
// writes has the shape serde_json writes and the native `cohort` tool reads it; what native
// code wrote (including schema 0 and 1 records, migrated on load) loads in the app, from
// localStorage and in the trainer desk; a broken file is still refused with its reason.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import {
  here, root, base, shots, open, setTrainee, startExam, answerBasicCorrectly, submit, readDownload, TRAINEE,
} from "./harness.mjs";

const fixture = (name) => fs.readFileSync(path.join(root, "tests", "fixtures", "records", name), "utf8");

/** The native cohort tool, built if this checkout has not built it yet. */
function cohortTool() {
  const bin = path.join(root, "target", "debug", "cohort");
  if (!fs.existsSync(bin)) {
    const b = spawnSync("cargo", ["build", "--locked", "--quiet", "--bin", "cohort"], { cwd: root, encoding: "utf8" });
    assert.equal(b.status, 0, b.stderr);
  }
  return bin;
}

test("an export written by the browser has serde_json's shape and the native cohort tool reads it", async () => {
  const page = await open(`${base}/t/`);
  await setTrainee(page);
  await startExam(page, "basic.md");
  await answerBasicCorrectly(page);
  await submit(page);
  await page.goto(`${base}/t/#/history`);
  const file = await readDownload(page, "导出全部（JSON）");
  if (process.env.SAVE_BROWSER_EXPORT) fs.writeFileSync(process.env.SAVE_BROWSER_EXPORT, file.text);
  const data = JSON.parse(file.text);
  assert.equal(data.format, "kefu-exam-results");
  const rec = data.attempts[0];
  // Every field a native record has is there, with nulls written as null (not left out) and
  // maps written as objects (not empty `{}` from a JavaScript Map).
  const native = JSON.parse(fixture("schema1.migrated.json"));
  for (const k of Object.keys(native)) assert.ok(k in rec, `field ${k} missing from ${Object.keys(rec)}`);
  assert.equal(rec.submit_reason, "manual");
  assert.ok(rec.deadline === null || typeof rec.deadline === "number");
  assert.ok(Object.keys(rec.answers).length > 0 && !Array.isArray(rec.answers));
  assert.ok(Object.keys(rec.answered_at).length > 0);
  assert.ok(Array.isArray(rec.flagged) && Number.isInteger(rec.seed) && Number.isInteger(rec.started_at));
  assert.equal(rec.trainee.name, TRAINEE);

  // What the trainee's browser stored reads the same as what it exported.
  const stored = await page.evaluate((id) => localStorage.getItem(`kefu-exam:attempt:${id}`), rec.id);
  assert.deepEqual(JSON.parse(stored), rec);

  // The native tool (serde_json) takes the file, refuses nothing, and shows the trainee.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-json-"));
  fs.writeFileSync(path.join(dir, "export.json"), file.text);
  const run = spawnSync(cohortTool(), [path.join(here, "site"), dir], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.ok(run.stdout.includes(TRAINEE), run.stdout);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("records written by native code load in the browser: from storage, and in the desk with schema 0 and 1 migrated", async () => {
  // The trainee's own storage holds a record serde_json wrote (floats as `60.0`).
  const rec = fixture("schema1.migrated.json");
  const id = JSON.parse(rec).id;
  const page = await open(`${base}/t/#/history`, {
    init: `localStorage.setItem("kefu-exam:attempt:${id}", ${JSON.stringify(rec)});`,
  });
  await page.getByText("单选题样例").first().waitFor();
  assert.ok(!(await page.getByText("已损坏").count()), "the stored record reads");

  await page.goto(`${base}/t/`);
  await page.getByRole("link", { name: "培训老师" }).click();
  await page.getByRole("heading", { name: "培训老师" }).waitFor();
  const file = (name, text) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });
  await page.locator('.desk-collect input[type="file"]').setInputFiles([
    file("schema0.json", fixture("schema0.json")),
    file("schema1.json", fixture("schema1.json")),
    file("半截.json", fixture("schema1.json").slice(0, 200)),
    file("坏了.json", '{"format": "kefu-exam-results", "attempts": [1, }'),
    file("新版本.json", fixture("schema99.json")),
  ]);
  await page.getByText("schema0.json：导入 1 条记录").waitFor();
  await page.getByText("schema1.json：导入 1 条记录").waitFor();
  const report = (name) => page.locator(".desk-reports li", { hasText: name }).innerText();
  assert.match(await report("半截.json"), /半截\.json：未导入，文件不完整（在第 \d+ 行就结束了）.*被截断/);
  assert.match(await report("坏了.json"), /坏了\.json：未导入，JSON 格式有误（第 1 行第 \d+ 列）/);
  assert.match(await report("新版本.json"), /schema 99.*更新/);
  // The schema 0 record's trainee came from its top-level `name` and `employee`.
  await page.getByText("张三").first().waitFor();
  await page.getByText("李四").first().waitFor();
  await page.screenshot({ path: path.join(shots, "json-desk-native-files.png"), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
