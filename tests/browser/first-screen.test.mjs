// One page, three programs (src/site.rs, issue 22): the first screen (the course and a bank's
// start screen) starts on every page; the trainee's program (exams, results...) and the
// trainer's (the desk) are loaded into the same page when a screen of theirs opens, and the
// trainee's is preloaded once the course shows. The server, browser and helpers are in
// harness.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { base, browser, open, setTrainee } from "./harness.mjs";

/** A fresh page that records the path of every request it makes, in order. */
async function recording() {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, serviceWorkers: "block" });
  const page = await context.newPage();
  page.requests = [];
  page.errors = [];
  page.on("request", (r) => page.requests.push(new URL(r.url()).pathname));
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}
const asked = (page, re) => page.requests.filter((p) => re.test(p));
/** Resolves once the page has asked for a matching path (already or later). */
async function askedFor(page, re) {
  for (let i = 0; i < 200 && asked(page, re).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(asked(page, re).length > 0, `the page asks for ${re}`);
}

test("the course shows from the small first-screen program alone; the trainee's program follows in the background, never the trainer's", async () => {
  const page = await recording();
  // The course index held back: the first screen is up (its program ran) but has no course yet.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/exams\/index\.md$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${base}/`);
  await page.locator(".topbar").waitFor();
  assert.equal(asked(page, /kefu-start-.*_bg\.wasm$/).length, 1, "the first screen's program is loaded");
  assert.equal(asked(page, /kefu-trainee/).length, 0, "the trainee's program is not asked for before the course shows");
  release();
  await page.locator(".day").first().waitFor();
  // Then the trainee's program is loaded, so starting an exam waits on neither network nor compiler.
  await askedFor(page, /kefu-trainee_bg\.wasm$/);
  assert.equal(asked(page, /kefu-trainer/).length, 0, "a trainee never downloads the trainer's program");
  assert.deepEqual(asked(page, /exams\/index\.md$/), ["/exams/index.md"], "the course index is fetched once (the early request is reused)");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the start screen's bank is requested by index.html itself, before the program has arrived", async () => {
  const page = await recording();
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${base}/t/#/start/${encodeURIComponent("exams/basic.md")}`);
  await askedFor(page, /\/t\/exams\/basic\.md$/);
  assert.ok(asked(page, /\/t\/exams\/index\.md$/).length === 1, "the index is asked for while the program is held back");
  release();
  await page.getByRole("button", { name: "开始考试" }).waitFor();
  assert.equal(asked(page, /\/t\/exams\/basic\.md$/).length, 1, "the bank is not fetched a second time");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a link to any screen opens it in the one page, under any sub-path, with only its program shown", async () => {
  for (const [site, hash, shows, program] of [["/", "#/history", "成绩记录", "kefu-trainee"], ["/training/", "#/desk/", "培训老师", "kefu-trainer"], ["/", "#/wrong", "错题本", "kefu-trainee"]]) {
    const page = await recording();
    await page.goto(`${base}${site}${hash}`);
    await page.locator("main h1, main h2").filter({ hasText: shows }).first().waitFor();
    assert.equal(new URL(page.url()).pathname, site, `${site}${hash} stays on the page`);
    assert.equal(new URL(page.url()).hash, hash);
    assert.ok(asked(page, new RegExp(`${program}_bg\\.wasm$`)).length === 1, `${hash} loads ${program}`);
    assert.equal(await page.locator(".topbar").count(), 1, "one program shows");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test("the desk and the course hand the page back and forth; each program is loaded once", async () => {
  const page = await recording();
  await page.goto(`${base}/t/`);
  await page.locator(".day").first().waitFor();
  await page.locator(".topnav").getByRole("link", { name: "培训老师" }).click();
  await page.locator("main h1").filter({ hasText: "培训老师" }).waitFor();
  await page.locator(".topnav").getByRole("link", { name: "课程" }).click();
  await page.locator(".day").first().waitFor();
  await page.goBack();
  await page.locator("main h1").filter({ hasText: "培训老师" }).waitFor();
  await page.locator(".topnav").getByRole("link", { name: "成绩记录" }).click();
  await page.locator("main h1, main h2").filter({ hasText: "成绩记录" }).first().waitFor();
  assert.equal(await page.locator(".topbar").count(), 1, "one top bar at a time");
  assert.equal(await page.locator("main").count(), 1);
  assert.equal(asked(page, /kefu-trainer_bg\.wasm$/).length, 1, "the trainer's program is downloaded once");
  assert.equal(asked(page, /kefu-trainee_bg\.wasm$/).length, 1, "the trainee's program is downloaded once");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a program that leaves the page while the course is still on its way stops waiting for it, without an error", async () => {
  // Each program asks for the course when it shows. Held back, the answer arrives after the
  // program that asked has left the page (its screen and state gone): in both directions.
  for (const [from, to, shown] of [
    ["#/history", "#/", ".day"],
    ["#/", "#/history", "main h1"],
  ]) {
    const page = await recording();
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(/exams\/index\.md$/, async (route) => { await held; await route.continue(); });
    await page.goto(`${base}/t/${from}`);
    await page.locator(".topbar").waitFor();
    await page.evaluate((to) => { location.hash = to; }, to);
    await page.locator(".topbar").waitFor();
    release();
    await page.locator(shown).first().waitFor();
    // The first program's task would have resumed by now; coming back to it loads afresh.
    await page.evaluate((from) => { location.hash = from; }, from);
    await page.locator(from === "#/" ? ".day" : "main h1").first().waitFor();
    assert.deepEqual(page.errors, [], `from ${from} to ${to}`);
    await page.context().close();
  }
});

test("starting an exam on the first screen hands the page to the trainee's program, which keeps the attempt; Back returns", async () => {
  const page = await open(`${base}/t/`, { width: 375, height: 667 });
  await setTrainee(page);
  await page.goto(`${base}/t/#/start/${encodeURIComponent("exams/basic.md")}`);
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.locator(".question").waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, "/t/", "the same page: the trainee's program was loaded into it");
  assert.match(url.hash, /^#\/attempt\//, "#/begin/ was replaced by the attempt");
  assert.equal(await page.locator(".topbar").count(), 1, "one top bar: the first screen's is gone");
  // The course is the first screen's again; Back gives the exam back to the trainee's program.
  await page.locator(".topnav").getByRole("link", { name: "课程" }).click();
  await page.locator(".day").first().waitFor();
  await page.goBack();
  await page.locator(".question").waitFor();
  await page.goBack();
  // The start screen again (Back skips #/begin/), now offering the attempt in progress.
  await page.getByRole("link", { name: "继续未交卷的考试" }).waitFor();
  assert.match(new URL(page.url()).hash, /^#\/start\//);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
