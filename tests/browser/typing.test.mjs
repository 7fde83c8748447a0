// The typing test in the browser: a Chinese input method simulated through the DevTools
// protocol (only committed text counts), the time limit under a controlled clock, the result
// saved and exported, a phone-width run with a PC keyboard, paste refused, and day 1 of the
// default course showing the typing test. The fixture bank is opened by a direct link.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { shots, base, browser, setTrainee, readDownload, noHorizontalOverflow } from "./harness.mjs";

const T0 = new Date("2026-11-23T09:00:00+08:00").getTime();
const BANK = `${base}/t/#/typing/${encodeURIComponent("exams/typing.md")}`;

/** A fresh profile whose clock the test controls (installed before the app loads). */
async function openWithClock(url, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.clock.install({ time: T0 });
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  if (process.env.DEBUG_CONSOLE) page.on("console", (m) => console.log("console:", m.type(), m.text()));
  await page.goto(url);
  return page;
}

async function openBank(page, button) {
  await page.goto(`${base}/t/#/typing/${encodeURIComponent("exams/typing.md")}`);
  await page.getByRole("heading", { name: "打字测试夹具" }).waitFor();
  await page.getByRole("button", { name: button }).click();
  await page.locator("#typing-input").waitFor();
}

const liveCount = (page) => page.locator(".live-count").innerText();

describe("typing test", () => {
  test("an IME's composing text is not counted, the time limit ends the test, the result is saved and exported", async () => {
    const page = await openWithClock(`${base}/t/`);
    await setTrainee(page);
    await openBank(page, "开始测试（1 分钟）");
    assert.ok(await page.getByText("计时从你输入第一个字开始").isVisible());
    await page.clock.pauseAt(T0 + 60_000);
    await page.locator("#typing-input").click();
    const cdp = await page.context().newCDPSession(page);

    // Pinyin being composed: in the box, but not typed yet.
    await cdp.send("Input.imeSetComposition", { text: "qin", selectionStart: 3, selectionEnd: 3 });
    assert.equal(await page.locator("#typing-input").inputValue(), "qin");
    await page.getByText("输入法选字中：上屏后才计数").waitFor();
    assert.equal(await liveCount(page), "0");
    assert.equal(await page.locator(".typing-text .tc.ok, .typing-text .tc.bad").count(), 0);

    // The candidate is committed: one character counts.
    await cdp.send("Input.insertText", { text: "亲" });
    await page.waitForFunction(() => document.querySelector(".live-count")?.innerText === "1");
    assert.equal(await page.locator(".typing-text .tc.ok").count(), 1);

    await cdp.send("Input.imeSetComposition", { text: "zaide", selectionStart: 5, selectionEnd: 5 });
    assert.equal(await liveCount(page), "1");
    await cdp.send("Input.insertText", { text: "，在的" });
    await page.waitForFunction(() => document.querySelector(".live-count")?.innerText === "4");
    await page.screenshot({ path: path.join(shots, "typing-1280.png") });

    // A word still being composed when the time runs out is not counted.
    await cdp.send("Input.imeSetComposition", { text: "kuai", selectionStart: 4, selectionEnd: 4 });
    assert.ok(await page.locator(".countdown").innerText().then((t) => t.includes("01:00")), "the clock started at the first input");
    await page.clock.runFor(61_000);
    await page.locator(".typing-result").waitFor();

    // 4 correct characters (punctuation counts) in one minute.
    assert.equal(await page.locator(".net-speed").innerText(), "4 字/分");
    assert.equal(await page.locator(".typing-result .accuracy").innerText(), "100%");
    assert.ok(await page.getByText("时间到", { exact: true }).isVisible());
    assert.ok(await page.getByText("✗ 未达到 75 字/分（生手最低要求）").isVisible());
    assert.ok(await page.getByRole("heading", { name: "怎么计算" }).isVisible());
    assert.ok(await page.getByText("漏打或多打一个字只算一处错").isVisible());

    const json = await readDownload(page, "下载结果（JSON）");
    const rec = JSON.parse(json.text).attempts[0];
    assert.equal(rec.typing.typed, "亲，在的");
    assert.equal(rec.typing.text, "亲，在的。快到截单时间了。");
    assert.equal(rec.typing.duration_s, 60);
    assert.equal(rec.typing.end, "time_up");
    assert.equal(rec.typing.result.net_cpm, 4);
    assert.equal(rec.typing.result.counts.correct, 4);
    assert.equal(rec.typing.result.elapsed_ms, 60_000);
    assert.equal(rec.submit_reason, "timeout");
    assert.equal(rec.trainee.employee_no, "A007");

    const csv = await readDownload(page, "下载表格（CSV）");
    const [header, row] = csv.text.replace(/^\uFEFF/, "").split("\r\n");
    const cells = Object.fromEntries(header.split(",").map((h, i) => [h, row.split(",")[i]]));
    assert.equal(cells["考试"], "打字测试夹具");
    assert.equal(cells["打字净速度（字/分）"], "4");
    assert.equal(cells["打字准确率"], "100%");
    assert.equal(cells["结果"], "未达标");
    assert.equal(cells["交卷方式"], "时间到自动交卷");

    // Kept on the device: after a reload, history lists it with its speed and the chart.
    await page.clock.resume();
    await page.goto(`${base}/t/#/history`);
    await page.reload();
    await page.getByText("4 字/分 · 准确率 100%").waitFor();
    assert.ok(await page.getByRole("heading", { name: "打字速度走势（字/分）" }).isVisible());
    const all = await readDownload(page, "导出全部（JSON）");
    assert.equal(JSON.parse(all.text).attempts.filter((a) => a.typing).length, 1);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("on a phone width: typed text aligned under the passage, paste refused, the end of the text ends practice", async () => {
    const page = await openWithClock(`${base}/t/`, { width: 375, height: 667 });
    await setTrainee(page);
    await openBank(page, "练习模式（不限时）");
    const input = page.locator("#typing-input");
    await input.click();
    await page.keyboard.type("亲，在的。快道"); // 道 for 到: one wrong character
    await page.keyboard.press("Enter"); // not part of the passage
    assert.equal(await input.inputValue(), "亲，在的。快道");
    assert.equal(await page.locator(".typing-text .tc.bad").count(), 1);
    assert.equal(await page.locator(".typing-text .tc.bad .exp").innerText(), "到");

    // Pasting is refused and recorded.
    await input.evaluate((el) => {
      const dt = new DataTransfer();
      dt.setData("text/plain", "截单时间了。");
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.getByText("测试中不能粘贴").waitFor();
    assert.equal(await input.inputValue(), "亲，在的。快道");
    await noHorizontalOverflow(page, "typing test at 375px");
    await page.screenshot({ path: path.join(shots, "typing-375.png") });

    // Left out 截 on the way: one miss, and the rest still lines up.
    await page.clock.runFor(30_000);
    await page.keyboard.type("单时间了。");
    await page.locator(".typing-result").waitFor();
    assert.ok(await page.getByText("打完全文", { exact: true }).isVisible());
    assert.match(await page.locator(".typing-counts").innerText(), /正确 11 字，错字 1，漏字 1，多字 0/);
    await noHorizontalOverflow(page, "typing result at 375px");
    await page.screenshot({ path: path.join(shots, "typing-result-375.png"), fullPage: true });
    const json = await readDownload(page, "下载结果（JSON）");
    const rec = JSON.parse(json.text).attempts[0];
    assert.equal(rec.mode, "practice");
    assert.equal(rec.typing.paste_refused, 1);
    assert.equal(rec.typing.duration_s, undefined, "practice has no time limit");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("browser differences: iOS U+2006 while composing, Safari's early compositionend, and a reload keeps the typed text", async () => {
    const page = await openWithClock(`${base}/t/`);
    await setTrainee(page);
    await openBank(page, "练习模式（不限时）");
    const input = page.locator("#typing-input");
    await input.click();
    const fire = (type, value, init = {}) => input.evaluate((el, [type, value, init]) => {
      if (value !== null) el.value = value;
      const Ev = type.startsWith("composition") ? CompositionEvent : type.startsWith("key") ? KeyboardEvent : InputEvent;
      el.dispatchEvent(new Ev(type, { bubbles: true, cancelable: true, ...init }));
    }, [type, value, init]);

    // iOS pinyin: syllables separated by U+2006, sent as plain input events.
    await fire("input", "qin\u2006zai", { inputType: "insertText" });
    assert.equal(await liveCount(page), "0");
    assert.ok(await page.getByText("计时从你输入第一个字开始").isVisible(), "composing pinyin does not start a commit");
    await fire("input", "亲，在", { inputType: "insertText" });
    await page.waitForFunction(() => document.querySelector(".live-count")?.innerText === "3");

    // Safari: compositionend comes before the keydown that confirmed the choice; that late
    // keydown (key code 229, not composing) changes nothing.
    await fire("compositionstart", null, { data: "" });
    await fire("input", "亲，在de", { isComposing: true, inputType: "insertCompositionText" });
    assert.equal(await liveCount(page), "3");
    await fire("compositionend", "亲，在的", { data: "的" });
    await page.waitForFunction(() => document.querySelector(".live-count")?.innerText === "4");
    await fire("keydown", null, { key: "Enter", keyCode: 229, isComposing: false });
    assert.equal(await liveCount(page), "4");
    assert.equal(await input.inputValue(), "亲，在的");

    // Everything typed is saved as it is committed: a reload resumes with it.
    await page.reload();
    await input.waitFor();
    assert.equal(await input.inputValue(), "亲，在的");
    assert.equal(await liveCount(page), "4");
    assert.equal(await page.locator(".typing-text .tc.ok").count(), 4);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("day 1 of the default course offers the typing test with the seed's targets", async () => {
    const page = await openWithClock(`${base}/`);
    const row = page.locator(".exam", { hasText: "打字测试：快捷短语与话术" });
    await row.waitFor();
    assert.match(await row.innerText(), /3 分钟 · 目标 75\/90\/100 字\/分/);
    assert.equal(await page.locator(".day").first().locator(".exam", { hasText: "打字测试" }).count(), 1);
    await row.locator("a").click();
    await page.getByText("75 字/分：生手最低要求").waitFor();
    assert.ok(await page.getByText("90 字/分：基本可以顺利上岗").isVisible());
    await page.screenshot({ path: path.join(shots, "typing-start-1280.png") });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
