// The first screen reads attempt summaries, not whole records (issue 12): records stored by
// every schema version show their best score, attempts used and the exam to resume on home
// and the start screen, and a broken record is reported, all from the first screen's program
// alone (the whole app is kept from loading).

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { base, browser } from "./harness.mjs";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixture = (name) => fs.readFileSync(path.join(root, "tests", "fixtures", "records", name), "utf8");

/** Stored records: schema 0 and 1 (a bank outside the course; the schema 1 exam still open),
 *  a graded exam of basic.md (100%, written by the browser), a later open exam of basic.md,
 *  and a record that is not JSON. */
function stored() {
  const graded = JSON.parse(fixture("browser-export.json")).attempts[0];
  const open = { ...graded, id: "open-basic", started_at: graded.started_at + 60_000, submitted_at: null, submit_reason: null, result: null };
  const items = {
    [JSON.parse(fixture("schema0.json")).id]: fixture("schema0.json"),
    [JSON.parse(fixture("schema1.json")).id]: fixture("schema1.json"),
    [graded.id]: JSON.stringify(graded),
    [open.id]: JSON.stringify(open),
    "broken-1": "{not json",
  };
  return Object.entries(items)
    .map(([id, text]) => `localStorage.setItem(${JSON.stringify(`kefu-exam:attempt:${id}`)}, ${JSON.stringify(text)});`)
    .join("\n");
}

test("home and the start screen show stored records of every schema from the first screen's program alone", async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, serviceWorkers: "block" });
  await context.addInitScript(stored());
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The trainee's program never arrives (the first screen still preloads it): everything
  // below is shown by the first screen's program.
  await page.route(/kefu-trainee/, (route) => route.abort());
  await page.goto(`${base}/t/`);

  await page.getByText("记录 broken-1 已损坏，已跳过").waitFor();
  assert.equal(await page.getByText("已损坏").count(), 1, "only the record that is not JSON is reported");
  // The exam to resume is the open one that started last (basic.md, not the schema 1 one).
  const banner = page.locator(".banner.info");
  await banner.getByText("你有一场未交卷的考试：《基础测验》").waitFor();
  assert.equal(await banner.getByRole("link", { name: "继续考试" }).getAttribute("href"), "#/attempt/open-basic");

  const row = page.locator("li.exam", { hasText: "基础测验" });
  await row.getByText("最高 100%").waitFor();
  assert.equal(await row.locator(".badge.ok").textContent(), "已及格");
  await row.getByText("已考 2/5 次").waitFor();

  await page.goto(`${base}/t/#/start/${encodeURIComponent("exams/basic.md")}`);
  await page.getByRole("heading", { name: "基础测验" }).waitFor();
  const facts = page.locator(".facts");
  await facts.getByText("3 次").waitFor();
  const resume = page.getByRole("link", { name: "继续未交卷的考试" });
  assert.equal(await resume.getAttribute("href"), "#/attempt/open-basic");
  assert.equal(await page.getByRole("button", { name: "开始考试" }).count(), 0, "no second exam while one is open");

  assert.deepEqual(errors, []);
  await context.close();
});
