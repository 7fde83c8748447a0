// Exam integrity on the trainee's device: the clock set back or forward (Playwright's clock, never
// real seconds), two tabs on one attempt, leaving the page, and the one_way / max_away rules.
// The fixture banks (site/integrity-*.md) are opened as local files, as a trainee would.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { here, shots, base, browser, open, setTrainee, next, qNumber, submit, noHorizontalOverflow, readDownload } from "./harness.mjs";

/** 2026-11-23 09:00 in Beijing. */
const T0 = Date.parse("2026-11-23T01:00:00Z");
const MIN = 60_000;
const HOUR = 60 * MIN;

/** A fresh profile whose clock is Playwright's, installed before the app loads. */
async function openClocked({ width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, serviceWorkers: "block" });
  await context.clock.install({ time: T0 });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  await page.goto(`${base}/t/`);
  return page;
}

/** Opens a fixture bank as a local file and starts the exam. */
async function startLocal(page, file) {
  await page.locator('.dropzone input[type="file"]').setInputFiles(path.join(here, "site", file));
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.locator(".question").waitFor();
}

const seconds = async (page) => {
  const [m, s] = (await page.locator(".countdown-time").innerText()).split(":").map(Number);
  return m * 60 + s;
};

/** Another window in front: the window loses focus. */
async function blurAway(page) {
  await page.evaluate(() => {
    document.hasFocus = () => false;
    window.dispatchEvent(new Event("blur"));
  });
}
async function focusBack(page) {
  await page.evaluate(() => {
    delete document.hasFocus;
    window.dispatchEvent(new Event("focus"));
  });
}
/** Another tab or the home screen: the page is hidden. */
async function hide(page) {
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
}
async function show(page) {
  await page.evaluate(() => {
    delete document.hidden;
    delete document.visibilityState;
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
}

const exportedRecord = async (page) => JSON.parse((await readDownload(page, "下载结果（JSON）")).text).attempts[0];

describe("the clock", () => {
  test("a clock set back an hour, then a reload, does not extend the countdown, and the jump is recorded", async () => {
    const page = await openClocked();
    await setTrainee(page);
    await startLocal(page, "integrity-20min.md");
    await page.clock.pauseAt(T0 + MIN);
    await page.clock.runFor(1000);
    const before = await seconds(page);
    assert.ok(before <= 19 * 60 + 10 && before > 18 * 60, `one minute in: ${before}s left`);

    await page.clock.setSystemTime(T0 + MIN + 1000 - HOUR);
    await page.clock.runFor(1000);
    assert.ok((await seconds(page)) <= before, "the countdown does not grow when the clock goes back");
    await page.reload();
    await page.locator(".question").waitFor();
    await page.clock.runFor(1000);
    const reloaded = await seconds(page);
    assert.ok(reloaded <= before && reloaded >= before - 5, `after the reload: ${before}s → ${reloaded}s`);
    // Time runs on as measured in the page.
    await page.clock.runFor(5 * MIN);
    const later = await seconds(page);
    assert.ok(Math.abs(reloaded - 5 * 60 - later) <= 2, `five minutes later: ${reloaded}s → ${later}s`);

    await submit(page);
    assert.match(await page.locator(".integrity").innerText(), /时钟回拨 1 次/);
    assert.match(await page.locator(".integrity").innerText(), /页面重新打开 1 次/);
    assert.doesNotMatch(await page.locator(".integrity").innerText(), /离开页面/, "a reload is not leaving the page");
    await page.locator(".integrity").screenshot({ path: path.join(shots, "integrity-clock-1280.png") });
    const a = await exportedRecord(page);
    assert.equal(a.schema, 2);
    const back = a.events.filter((e) => e.type === "clock_back");
    assert.equal(back.length, 1);
    assert.ok(back[0].by_ms >= HOUR - 5000 && back[0].by_ms <= HOUR, `jump of ${back[0].by_ms} ms`);
    assert.ok(a.submitted_at - a.started_at < 8 * MIN, "time used counts the exam's own time");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a clock set forward past the deadline submits the exam with the answers given", async () => {
    const page = await openClocked();
    await setTrainee(page);
    await startLocal(page, "integrity-20min.md");
    await page.locator(".option", { hasText: "甲" }).click();
    await page.clock.pauseAt(T0 + MIN);
    await page.clock.setSystemTime(T0 + MIN + HOUR);
    await page.clock.runFor(1000);
    await page.locator(".result").waitFor();
    assert.ok(await page.getByText("时间到，系统已按时间截止前的答案自动交卷").isVisible());
    assert.match(await page.locator(".integrity").innerText(), /时钟前跳或设备休眠 1 次/);
    const a = await exportedRecord(page);
    assert.equal(a.submit_reason, "timeout");
    assert.equal(a.submitted_at, a.deadline);
    assert.equal(Object.keys(a.answers).length, 1);
    assert.equal(a.events.filter((e) => e.type === "clock_forward").length, 1);
    await page.context().close();
  });
});

describe("two tabs", () => {
  test("a second tab takes over: the first says so and stops, and both tabs' answers are kept", async () => {
    const a = await open(`${base}/t/`);
    await setTrainee(a);
    await startLocal(a, "integrity-20min.md");
    await a.locator(".option", { hasText: "甲" }).click();

    const b = await a.context().newPage();
    b.errors = [];
    b.on("pageerror", (e) => b.errors.push(e.message));
    await b.goto(a.url());
    await b.locator(".question").waitFor();
    await a.getByText("这场考试已在另一个标签页中打开").waitFor();
    assert.equal(await a.locator(".attempt").isVisible(), false, "the first tab's exam is put away");
    await a.screenshot({ path: path.join(shots, "takeover-1280.png") });
    await next(b);
    await b.locator(".option", { hasText: "丙" }).click();

    // Back in the first tab, the trainee continues there: it takes over in turn.
    await a.bringToFront(); // a background tab's animation frames are throttled
    await a.getByRole("button", { name: "在本页继续作答" }).click();
    await a.locator(".question").waitFor();
    await b.getByText("这场考试已在另一个标签页中打开").waitFor();
    const cells = a.locator(".nav-cell");
    assert.match(await cells.nth(0).getAttribute("class"), /answered/);
    assert.match(await cells.nth(1).getAttribute("class"), /answered/);
    await cells.nth(2).click();
    await a.locator(".option", { hasText: "戊" }).click();
    await submit(a);
    assert.match(await a.locator(".score").innerText(), /100\s*%/);
    assert.match(await a.locator(".integrity").innerText(), /在另一个标签页打开并接管 2 次/);
    assert.deepEqual([...a.errors, ...b.errors], []);
    await a.context().close();
  });

  test("a tab that missed the takeover message keeps its answer, merged, and then stops", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
    const a = await context.newPage();
    // This tab hears nothing on the BroadcastChannel (as a tab frozen in the background).
    await a.addInitScript(() => {
      window.BroadcastChannel = class {
        postMessage() {}
        close() {}
      };
    });
    await a.goto(`${base}/t/`);
    await setTrainee(a);
    await startLocal(a, "integrity-20min.md");
    await a.locator(".option", { hasText: "甲" }).click();
    const b = await context.newPage();
    await b.goto(a.url());
    await b.locator(".question").waitFor();
    await next(b);
    await b.locator(".option", { hasText: "丙" }).click();

    // The first tab still shows the exam, and the trainee changes the answer there: the write
    // finds another tab writing, is merged answer by answer, and the tab stops.
    assert.equal(await a.getByText("这场考试已在另一个标签页中打开").count(), 0);
    await a.bringToFront();
    await a.locator(".option", { hasText: "乙" }).click();
    await a.getByText("这场考试已在另一个标签页中打开").waitFor();

    await b.reload();
    await b.locator(".question").waitFor();
    const cells = b.locator(".nav-cell");
    assert.match(await cells.nth(1).getAttribute("class"), /answered/, "the second tab's answer is kept");
    await cells.nth(0).click();
    assert.ok(await b.locator(".option.selected", { hasText: "乙" }).isVisible(), "the first tab's later answer is kept");
    await context.close();
  });

  test("without BroadcastChannel the storage event carries the takeover", async () => {
    const a = await open(`${base}/t/`, { init: () => { delete window.BroadcastChannel; } });
    await setTrainee(a);
    await startLocal(a, "integrity-20min.md");
    await a.locator(".option", { hasText: "甲" }).click();
    const b = await a.context().newPage();
    await b.goto(a.url());
    await b.locator(".question").waitFor();
    await a.getByText("这场考试已在另一个标签页中打开").waitFor();
    await submit(b);
    assert.match(await b.locator(".integrity").innerText(), /在另一个标签页打开并接管 1 次/);
    await a.context().close();
  });
});

describe("leaving the page", () => {
  test("another window in front and a hidden page are each counted with their duration", async () => {
    const page = await openClocked();
    await setTrainee(page);
    await startLocal(page, "integrity-20min.md");
    await page.clock.pauseAt(T0 + MIN);
    await page.locator(".option", { hasText: "甲" }).click();
    await blurAway(page);
    await hide(page); // the same departure, seen a second way
    await page.clock.runFor(40_000);
    await show(page);
    await focusBack(page);
    await page.clock.runFor(20_000);
    await hide(page);
    await page.clock.runFor(30_000);
    await show(page);
    await next(page);
    await page.clock.runFor(5_000);
    await submit(page);

    const summary = page.locator(".integrity");
    assert.match(await summary.innerText(), /离开页面 2 次，共 1 分 10 秒/);
    await summary.scrollIntoViewIfNeeded();
    await summary.screenshot({ path: path.join(shots, "integrity-1280.png") });
    await page.setViewportSize({ width: 375, height: 667 });
    await noHorizontalOverflow(page, "result with the integrity summary");
    await summary.getByText("每题用时").click();
    await summary.screenshot({ path: path.join(shots, "integrity-375.png") });

    const csv = (await readDownload(page, "下载表格（CSV）")).text.slice(1).split("\r\n").map((l) => l.split(","));
    const col = (name) => csv[1][csv[0].indexOf(name)];
    assert.equal(col("离开页面次数"), "2");
    assert.equal(col("离开总时长"), "1 分 10 秒");
    assert.equal(col("时钟回拨次数"), "0");
    const a = await exportedRecord(page);
    assert.deepEqual(a.events.filter((e) => e.type === "left").map((e) => e.via), ["blur", "hidden"]);
    assert.deepEqual(a.events.filter((e) => e.type === "returned").map((e) => e.away_ms), [40_000, 30_000]);
    assert.ok(a.events.some((e) => e.type === "question" && e.key.endsWith("#a")), "time per question is logged");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("bank rules", () => {
  test("fullscreen is asked for at the start and leaving it is recorded", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await startLocal(page, "integrity-fullscreen.md");
    await page.waitForFunction(() => document.fullscreenElement !== null);
    assert.equal(await page.getByRole("button", { name: "进入全屏" }).count(), 0);
    await page.evaluate(() => document.exitFullscreen());
    await page.getByRole("button", { name: "进入全屏" }).waitFor();
    await submit(page);
    assert.match(await page.locator(".integrity").innerText(), /退出全屏 1 次/);
    await page.context().close();
  });


  test("one_way forbids going back and max_away warns before the last departure, then submits", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await startLocal(page, "integrity-rules.md");
    assert.match(await page.locator(".rules-note").innerText(), /答题只能向后.*离开考试页面 3 次将自动交卷/);
    assert.equal(await page.getByRole("button", { name: "← 上一题" }).count(), 0);
    await page.locator(".option", { hasText: "甲" }).click();
    await next(page);
    await page.keyboard.press("ArrowLeft");
    assert.match(await qNumber(page), /第 2 \/ 3 题/, "the arrow key does not go back");
    assert.ok(await page.locator(".nav-cell").nth(0).isDisabled(), "an earlier question cannot be picked");

    await blurAway(page);
    await focusBack(page);
    assert.equal(await page.locator(".away-warning").count(), 0);
    await blurAway(page);
    await focusBack(page);
    await page.locator(".away-warning", { hasText: "再离开 1 次，系统将自动交卷" }).waitFor();
    await page.setViewportSize({ width: 375, height: 667 });
    await noHorizontalOverflow(page, "exam with the rules and the warning");
    await page.screenshot({ path: path.join(shots, "away-warning-375.png") });
    await blurAway(page);
    await page.locator(".result").waitFor();
    await focusBack(page);
    assert.ok(await page.getByText("离开考试页面的次数达到本考试的上限").isVisible());
    assert.match(await page.locator(".integrity").innerText(), /离开页面 3 次/);
    const a = await exportedRecord(page);
    assert.equal(a.submit_reason, "max_away");
    assert.deepEqual(a.rules, { one_way: true, max_away: 3 });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
