// The typing test runs on the attempt's own clock, as the exam does: the device clock set back
// or forward mid-test (Playwright's setSystemTime moves Date.now while performance.now keeps
// running) changes neither the measured time nor the speed; the jump is in the event log.
// Time is controlled (page.clock): no real-seconds waits.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { shots, base, browser, setTrainee, readDownload } from "./harness.mjs";

const T0 = new Date("2026-11-23T09:00:00+08:00").getTime();
/** The fixture bank by direct link (`base` is set once the harness has started). */
const bank = () => `${base}/t/#/typing/${encodeURIComponent("exams/typing.md")}`;
const MIN = 60_000;
/** When the test's time starts to be controlled: the first input is typed then. */
const S = T0 + 30_000;

async function startTimedTest(width, height) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.clock.install({ time: T0 });
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  await page.goto(`${base}/t/`);
  await setTrainee(page);
  await page.goto(bank());
  await page.getByRole("heading", { name: "打字测试夹具" }).waitFor();
  await page.getByRole("button", { name: "开始测试（1 分钟）" }).click();
  await page.locator("#typing-input").waitFor();
  // From here time moves only when the test says so.
  await page.clock.pauseAt(S);
  await page.locator("#typing-input").click();
  const cdp = await page.context().newCDPSession(page);
  const type = async (text, count) => {
    await cdp.send("Input.insertText", { text });
    if (count !== undefined) {
      await page.waitForFunction((n) => document.querySelector(".live-count")?.innerText === String(n), count);
    }
  };
  return { page, type };
}

const countdown = (page) => page.locator(".countdown").innerText();

describe("typing test on the attempt's clock", () => {
  test("the clock set back 3 minutes mid-test: elapsed time and speed are the real ones, the jump is logged", async () => {
    const { page, type } = await startTimedTest(375, 667);
    // The passage is 亲，在的。快到截单时间了。 (13 characters). The clock starts at the first input.
    await type("亲，在的。", 5);
    await page.clock.runFor(10_000);
    await type("快到截单", 9);
    assert.equal(await countdown(page), "剩余 00:50");

    // The phone's clock is set back three minutes; ten real seconds pass.
    await page.clock.setSystemTime(S + 10_000 - 3 * MIN);
    await page.clock.runFor(10_000);
    assert.equal(await countdown(page), "剩余 00:40", "the countdown runs on real time");
    await page.screenshot({ path: path.join(shots, "typing-clock-back-375.png") });

    // The last characters end the test: 20 real seconds of typing, 13 correct = 39 字/分
    // (by the device clock the test would have lasted no time at all).
    await type("时间了。");
    await page.locator(".typing-result").waitFor();
    assert.equal(await page.locator(".net-speed").innerText(), "39 字/分");
    assert.ok(await page.getByText("打完全文", { exact: true }).isVisible());

    const json = await readDownload(page, "下载结果（JSON）");
    const rec = JSON.parse(json.text).attempts[0];
    assert.equal(rec.typing.result.elapsed_ms, 20_000);
    assert.equal(rec.typing.result.net_cpm, 39);
    assert.equal(rec.typing.began_at, S);
    assert.equal(rec.typing.ended_at, S + 20_000);
    assert.equal(rec.submitted_at, S + 20_000);
    const jumps = rec.events.filter((e) => e.type.startsWith("clock_"));
    assert.deepEqual(jumps.map((e) => [e.type, e.by_ms]), [["clock_back", 3 * MIN]]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the clock set back and the page reloaded: the test resumes where its own clock stood", async () => {
    const { page, type } = await startTimedTest(1280, 800);
    await type("亲，在的。", 5);
    await page.clock.runFor(10_000);
    await type("快到截单", 9);
    // Set back three minutes, then reloaded: no time is gained, and the countdown goes on
    // from where it stood at the last save, not from the device clock (03:50 left).
    await page.clock.setSystemTime(S + 10_000 - 3 * MIN);
    await page.reload();
    await page.locator("#typing-input").waitFor();
    assert.equal(await page.locator("#typing-input").inputValue(), "亲，在的。快到截单");
    assert.equal(await countdown(page), "剩余 00:50");
    await page.clock.runFor(10_000);
    assert.equal(await countdown(page), "剩余 00:40");
    await page.screenshot({ path: path.join(shots, "typing-clock-reload-1280.png") });
    await page.locator("#typing-input").click();
    await type("时间了。");
    await page.locator(".typing-result").waitFor();
    assert.equal(await page.locator(".net-speed").innerText(), "39 字/分");

    const json = await readDownload(page, "下载结果（JSON）");
    const rec = JSON.parse(json.text).attempts[0];
    assert.equal(rec.typing.result.elapsed_ms, 20_000);
    const jumps = rec.events.filter((e) => e.type.startsWith("clock_"));
    assert.deepEqual(jumps.map((e) => [e.type, e.by_ms]), [["clock_back", 3 * MIN]]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the clock set forward past the deadline ends the test at its deadline, measured over its minute", async () => {
    const { page, type } = await startTimedTest(1280, 800);
    await type("亲，在的。", 5);
    await page.clock.runFor(10_000);
    await type("快到", 7);
    // Set forward ten minutes: counted as time passed (as in an exam: a sleeping phone reads
    // the same), so the test is over, dated at its deadline one minute after the first input.
    await page.clock.setSystemTime(S + 10_000 + 10 * MIN);
    await page.clock.runFor(1_000);
    await page.locator(".typing-result").waitFor();
    assert.equal(await page.locator(".net-speed").innerText(), "7 字/分");
    assert.ok(await page.getByText("时间到", { exact: true }).isVisible());

    const json = await readDownload(page, "下载结果（JSON）");
    const rec = JSON.parse(json.text).attempts[0];
    assert.equal(rec.typing.result.elapsed_ms, MIN, "capped at the one-minute limit");
    assert.equal(rec.typing.ended_at, S + MIN);
    assert.equal(rec.submit_reason, "timeout");
    const jumps = rec.events.filter((e) => e.type.startsWith("clock_"));
    assert.deepEqual(jumps.map((e) => [e.type, e.by_ms]), [["clock_forward", 10 * MIN]]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
