// Results to the trainer without a file (issue 23), in the release build: 交给老师 shows a
// finished attempt as QR codes (their texts join into the same payload as the text code, and
// the desk's paste box reads that code back into the trainee); the final exam, every question
// answered, fits in at most 4 codes; 发送给老师 hands the export's files to the share sheet,
// or downloads without it; 复制成绩码 copies (or shows the code to copy by hand); three codes
// pasted at once are three trainees and a cut-off one is named; the trainer's comment link,
// opened in another browser holding the attempt, shows the comment on the result page; a typing
// test's code, pasted at the desk, shows the trainee's speed as the JSON file of it does.
// Screenshots of the new screens at 375×667 and 1280×800, and axe on each.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import {
  shots, base, browser, startExam, answerBasicCorrectly, submit, noHorizontalOverflow, readDownload, qNumber, next,
} from "./harness.mjs";

async function context({ width = 1280, height = 800, init, permissions } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, serviceWorkers: "block" });
  if (permissions) await ctx.grantPermissions(permissions, { origin: base });
  if (init) await ctx.addInitScript(init);
  const page = await ctx.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

/** Serious and moderate axe findings of the page as it is, as lines naming rule and elements. */
async function axe(page, screen) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => ["critical", "serious", "moderate"].includes(v.impact))
    .map((v) => `${screen}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(", ")}`);
}

async function setTrainee(page, name, no) {
  await page.locator("#trainee-name").fill(name);
  await page.locator("#trainee-no").fill(no);
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByText(`学员：${name}`).waitFor();
}

/** A trainee takes basic.md on the test site and is left on the result page; its id. */
async function takeBasic(page, name, no) {
  await page.goto(`${base}/t/`);
  await setTrainee(page, name, no);
  await startExam(page, "basic.md");
  await answerBasicCorrectly(page);
  await submit(page);
  return decodeURIComponent(new URL(page.url()).hash.replace("#/result/", ""));
}

/** The text code from the result page's 复制成绩码 (the box shows it whether or not the copy worked). */
async function textCode(page) {
  await page.locator(".send-trainer").getByRole("button", { name: "复制成绩码" }).click();
  const box = page.locator(".result-text-code");
  await box.waitFor();
  return box.inputValue();
}

/** Every frame of the hand-over screen, stepping with 下一张: [{frame, total, text, version}]. */
async function allFrames(page) {
  const code = page.locator("svg.handover-code");
  await code.waitFor();
  const total = Number(await code.getAttribute("data-total"));
  const out = [];
  for (let i = 1; i <= total; i++) {
    if (i > 1) await page.getByRole("button", { name: "下一张" }).click();
    await page.locator(`svg.handover-code[data-frame="${i}"]`).waitFor();
    assert.equal(await page.locator(".handover-count").innerText(), `第 ${i}/${total} 张`);
    out.push({
      frame: i, total,
      text: await code.getAttribute("data-text"),
      version: Number(await code.getAttribute("data-version")),
    });
  }
  return out;
}

// The frames' wire format (src/engine/attempt/handover/frames.rs): `KF:` and the base45 of
// version · payload id (4) · index · total · part · check (4).
const B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
function unbase45(s) {
  const out = [];
  for (let i = 0; i < s.length; i += 3) {
    const d = [...s.slice(i, i + 3)].map((c) => B45.indexOf(c));
    if (d.length === 3) { const n = d[0] + d[1] * 45 + d[2] * 2025; out.push(n >> 8, n & 255); }
    else out.push(d[0] + d[1] * 45);
  }
  return Buffer.from(out);
}
/** The payload the frames carry, joined in their own order (whatever order they are given in). */
function joinFrames(texts) {
  const parts = texts.map((t) => {
    assert.ok(t.startsWith("KF:"), t.slice(0, 10));
    assert.match(t, /^[0-9A-Z $%*+\-./:]+$/, "alphanumeric mode only");
    const b = unbase45(t.slice(3));
    return { index: b[5], total: b[6], part: b.subarray(7, b.length - 4) };
  });
  parts.sort((a, b) => a.index - b.index);
  assert.deepEqual(parts.map((p) => p.index), [...Array(parts[0].total).keys()]);
  return Buffer.concat(parts.map((p) => p.part));
}

/** Waits for the hand-over screen to bring its code fully into view. */
async function codeInView(page) {
  await page.waitForFunction(() => {
    const r = document.querySelector("svg.handover-code")?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= window.innerHeight;
  }, null, { timeout: 3000 });
}

/** Pastes `text` into the desk's paste box and adds it; the report's text. */
async function paste(desk, text) {
  await desk.goto(`${base}/t/#/desk/`);
  await desk.locator("#desk-paste-box").fill(text);
  await desk.getByRole("button", { name: "添加成绩码" }).click();
  const report = desk.locator(".desk-paste-report");
  await report.waitFor();
  return report.innerText();
}

test("交给老师 shows a finished attempt's codes one at a time; their texts join into the text code's payload, which the desk reads back", async () => {
  const page = await context({ permissions: ["clipboard-read", "clipboard-write"] });
  const id = await takeBasic(page, "张三", "A001");
  const code = await textCode(page);
  assert.match(code, /^KF1\.[A-Za-z0-9_-]+$/);
  // The clipboard got the same text.
  await page.locator(".copy-message", { hasText: "已复制成绩码" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);

  await page.getByRole("link", { name: "交给老师（扫码）" }).click();
  await page.getByRole("heading", { name: "交给老师" }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/handover/${encodeURIComponent(id)}`);
  const frames = await allFrames(page);
  assert.ok(frames.length >= 1);
  for (const f of frames) {
    assert.ok(f.version >= 1 && f.version <= 20, `version ${f.version}`);
    assert.ok(f.text.length <= 970);
  }
  // Black on white with a quiet zone: a white square behind a black path drawn inside it.
  const svg = page.locator("svg.handover-code");
  assert.equal(await svg.locator("rect").getAttribute("fill"), "#fff");
  assert.equal(await svg.locator("path").getAttribute("fill"), "#000");
  assert.match(await svg.locator("path").getAttribute("d"), /^M4,4h7v1h-7z/);
  await codeInView(page);
  // Big enough to read at arm's length: the whole code on screen, 4 pixels or more a module.
  const box = await svg.boundingBox();
  const side = 17 + 4 * frames[frames.length - 1].version + 8;
  assert.ok(box.width / side >= 4, `${box.width}px for ${side} modules at 1280×800`);
  assert.ok(box.y >= 0 && box.y + box.height <= 800, `the whole code in view: ${JSON.stringify(box)}`);
  // The frames carry exactly the text code's payload.
  const payload = joinFrames(frames.map((f) => f.text));
  assert.equal(payload.toString("base64url"), code.slice(4));
  // Stepping by hand paused the cycle; 自动轮换 starts it again.
  if (frames.length > 1) {
    await page.getByRole("button", { name: "自动轮换" }).click();
    await page.getByRole("button", { name: "暂停轮换" }).waitFor();
  }
  await page.screenshot({ path: path.join(shots, "handover-1280.png") });
  const problems = await axe(page, "handover");

  // The history row has 交给老师 too.
  await page.goto(`${base}/t/#/history`);
  await page.locator(".history-row .handover-link").first().click();
  await page.locator("svg.handover-code").waitFor();

  // At the desk, the text code becomes the trainee with the same score.
  const desk = await context();
  const report = await paste(desk, code);
  assert.match(report, /添加了 1 名学员的成绩/);
  await desk.getByText("已收集 1 名学员的 1 条记录").waitFor();
  const row = desk.locator("table.cohort tbody tr", { hasText: "张三" });
  await row.waitFor();
  assert.match(await row.innerText(), /100% \/ 100%/);
  assert.deepEqual(problems, []);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(desk.errors, []);
  await page.context().close();
  await desk.context().close();
});

test("the hand-over screen on a phone: the code fills the width, nothing overflows", async () => {
  const page = await context({ width: 375, height: 667 });
  const id = await takeBasic(page, "李四", "A002");
  await page.goto(`${base}/t/#/handover/${encodeURIComponent(id)}`);
  const svg = page.locator("svg.handover-code");
  await svg.waitFor();
  await codeInView(page);
  const box = await svg.boundingBox();
  assert.ok(box.width >= 300, `${box.width}px wide at 375×667`);
  assert.ok(box.y >= 0 && box.y + box.height <= 667, `the whole code in view: ${JSON.stringify(box)}`);
  await noHorizontalOverflow(page, "handover 375");
  await page.screenshot({ path: path.join(shots, "handover-375.png") });
  assert.deepEqual(await axe(page, "handover 375"), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Answers whatever question is on screen (not necessarily right): every type of the course. */
async function answerAny(page) {
  const q = page.locator(".question");
  if (await q.locator(".tf-options .option").count()) return q.locator(".tf-options .option").first().click();
  if (await q.locator(".options .option").count()) return q.locator(".options .option").first().click();
  if (await q.locator(".blank-input").count()) {
    for (const input of await q.locator(".blank-input").all()) await input.fill("答案");
    return;
  }
  if (await q.locator(".match-row select").count()) {
    for (const sel of await q.locator(".match-row select").all()) await sel.selectOption({ index: 1 });
    return;
  }
  if (await q.locator(".numeric input").count()) return q.locator(".numeric input").fill("12.5");
  if (await q.locator(".reply textarea").count()) {
    return q.locator(".reply textarea").fill("亲，非常抱歉给您带来不便，我马上为您核实订单情况，核实后第一时间给您答复，请您稍等一下哦，感谢您的耐心！");
  }
  if (await q.locator(".ordering").count()) return q.getByRole("button", { name: "就按这个顺序作答" }).click();
  throw new Error(`unknown question type: ${(await q.innerText()).slice(0, 80)}`);
}

test("the final exam, every question answered, fits in at most 4 codes of version 20 or less", async () => {
  const page = await context();
  await page.goto(`${base}/`);
  await setTrainee(page, "王小明", "KF0011");
  await page.goto(`${base}/#/start/${encodeURIComponent("exams/final-exam.md")}`);
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.locator(".question").waitFor();
  const total = Number((await qNumber(page)).match(/\/ (\d+)/)[1]);
  assert.ok(total >= 30, `${total} questions`);
  for (let i = 1; i <= total; i++) {
    await answerAny(page);
    if (i < total) {
      await next(page);
      await page.locator(".q-number", { hasText: `第 ${i + 1} / ${total} 题` }).waitFor();
    }
  }
  assert.equal(await page.locator(".nav-cell.answered").count(), total, "every question answered");
  await page.locator(".attempt-bar").getByRole("button", { name: "交卷" }).click();
  await page.getByRole("button", { name: "确定交卷" }).click();
  await page.locator(".result").waitFor();
  const code = await textCode(page);
  await page.getByRole("link", { name: "交给老师（扫码）" }).click();
  const frames = await allFrames(page);
  assert.ok(frames.length <= 4, `the final exam needs ${frames.length} codes`);
  assert.ok(frames.every((f) => f.version <= 20), frames.map((f) => f.version).join(","));
  assert.equal(joinFrames(frames.map((f) => f.text)).toString("base64url"), code.slice(4));
  await page.getByRole("button", { name: "上一张" }).click();
  await codeInView(page);
  await page.screenshot({ path: path.join(shots, "handover-final-1280.png") });
  assert.deepEqual(await axe(page, "handover, several codes"), []);
  console.log(`final exam: ${total} questions, ${frames.length} codes (versions ${frames.map((f) => f.version).join(", ")}), text code ${code.length} characters`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("发送给老师 gives the share sheet the export's JSON and CSV; without Web Share it downloads the JSON", async () => {
  const stub = () => {
    navigator.canShare = (data) => Array.isArray(data?.files) && data.files.length > 0;
    navigator.share = async (data) => {
      window.__shared = await Promise.all(data.files.map(async (f) => ({ name: f.name, type: f.type, text: await f.text() })));
    };
  };
  const page = await context({ init: stub });
  const id = await takeBasic(page, "赵六", "A006");
  await page.getByRole("button", { name: "发送给老师" }).click();
  await page.getByText("已打开分享").waitFor();
  const shared = await page.evaluate(() => window.__shared);
  assert.equal(shared.length, 2);
  const [json, csv] = shared;
  assert.match(json.name, /^赵六-基础测验-.*\.json$/);
  assert.equal(json.type, "application/json");
  const data = JSON.parse(json.text);
  assert.equal(data.format, "kefu-exam-results");
  assert.deepEqual(data.attempts.map((a) => a.id), [id]);
  // The same export as 下载结果（JSON）, but for the time it was made.
  const file = JSON.parse((await readDownload(page, "下载结果（JSON）")).text);
  delete file.exported_at;
  delete data.exported_at;
  assert.deepEqual(data, file);
  assert.match(csv.name, /^赵六-基础测验-.*\.csv$/);
  assert.match(csv.text, /姓名/);
  assert.match(csv.text, /赵六/);
  await page.context().close();

  const plain = await context({ init: () => { delete Navigator.prototype.share; delete Navigator.prototype.canShare; } });
  await takeBasic(plain, "钱七", "A007");
  const [download] = await Promise.all([plain.waitForEvent("download"), plain.getByRole("button", { name: "发送给老师" }).click()]);
  assert.match(download.suggestedFilename(), /^钱七-基础测验-.*\.json$/);
  const text = fs.readFileSync(await download.path(), "utf8");
  assert.equal(JSON.parse(text).attempts[0].trainee.name, "钱七");
  await plain.getByText("已下载结果文件").waitFor();
  assert.deepEqual(plain.errors, []);
  await plain.context().close();
});

test("复制成绩码 without a clipboard shows the code to copy by hand", async () => {
  const page = await context({ init: () => { Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined }); } });
  await takeBasic(page, "孙八", "A008");
  const code = await textCode(page);
  assert.match(code, /^KF1\./);
  await page.locator(".copy-message", { hasText: "浏览器没有允许自动复制" }).waitFor();
  assert.equal(await page.locator(".result-text-code").getAttribute("readonly"), "");
  await page.context().close();
});

test("three codes pasted at once are three trainees, a cut-off code is named, a second paste adds nothing", async () => {
  const codes = [];
  for (const [name, no] of [["周一", "B001"], ["吴二", "B002"], ["郑三", "B003"]]) {
    const p = await context();
    await takeBasic(p, name, no);
    codes.push(await textCode(p));
    await p.context().close();
  }
  const cut = codes[0].slice(0, Math.floor(codes[0].length / 2));
  const chat = `周一：${codes[0]}\n吴二 发来 ${codes[1]} 谢谢老师！\n\n${codes[2]}\n（刚才那条发错了）${cut}`;
  for (const [width, height] of [[1280, 800], [375, 667]]) {
    const desk = await context({ width, height });
    const report = await paste(desk, chat);
    assert.match(report, /添加了 3 名学员的成绩/);
    assert.match(report, /第 4 个成绩码（KF1\.[A-Za-z0-9_-]{12}…）不完整，可能复制或扫描时被截断/);
    await desk.getByText("已收集 3 名学员的 3 条记录").waitFor();
    // The pasted text stays for the trainee to resend the named code.
    assert.equal(await desk.locator("#desk-paste-box").inputValue(), chat);
    await noHorizontalOverflow(desk, `paste box ${width}`);
    await desk.locator(".desk-paste").scrollIntoViewIfNeeded();
    await desk.screenshot({ path: path.join(shots, `desk-paste-${width}.png`) });
    assert.deepEqual(await axe(desk, `desk paste ${width}`), []);
    // Pasting the three again: duplicates, nobody added twice.
    const again = await paste(desk, codes.join(" "));
    assert.match(again, /添加了 0 名学员的成绩，3 条已收集过（重复，未再添加）/);
    await desk.getByText("已收集 3 名学员的 3 条记录").waitFor();
    assert.equal(await desk.locator("#desk-paste-box").inputValue(), "", "all read: the box is emptied");
    assert.deepEqual(desk.errors, []);
    await desk.context().close();
  }
});

test("the desk's comment link, opened in a fresh browser holding the attempt, shows the trainer's comment on the result page", async () => {
  const trainee = await context();
  const id = await takeBasic(trainee, "冯九", "A009");
  const code = await textCode(trainee);
  await trainee.goto(`${base}/t/#/history`);
  const exported = await readDownload(trainee, "导出全部（JSON）");
  await trainee.context().close();

  const desk = await context();
  await paste(desk, code);
  await desk.goto(`${base}/t/#/desk/attempt/${encodeURIComponent(id)}`);
  await desk.getByRole("heading", { name: /冯九 A009 · 基础测验/ }).waitFor();
  assert.ok(await desk.getByText("给题目打分、写评语或确认重新评分后").isVisible());
  const reply = desk.locator("li.desk-mark").last();
  await reply.locator("summary").click();
  await reply.locator(".mark-score").fill("1");
  await reply.locator(".mark-comment").fill("先道歉，再说明这是活动价");
  await reply.getByRole("button", { name: "保存批改" }).click();
  const qr = desk.locator("svg.comment-link-code");
  await qr.waitFor();
  const link = await qr.getAttribute("data-text");
  assert.match(link, /#\/comments\/KC1\.[A-Za-z0-9_-]+$/);
  assert.ok(link.startsWith(`${base}/t/`), link);
  await desk.locator(".comment-link").getByRole("button", { name: "复制链接" }).click();
  assert.equal(await desk.locator(".comment-link-text").inputValue(), link);
  await desk.locator(".comment-link").screenshot({ path: path.join(shots, "desk-comment-link-1280.png") });
  assert.deepEqual(await axe(desk, "desk comment link"), []);
  assert.deepEqual(desk.errors, []);
  await desk.context().close();

  // Another phone: holds the attempt (imported from the export), opens the link.
  const phone = await context({ width: 375, height: 667 });
  await phone.goto(`${base}/t/#/history`);
  await phone.locator('input[type="file"]').setInputFiles({ name: exported.name, mimeType: "application/json", buffer: Buffer.from(exported.text) });
  await phone.getByText("导入了 1 条记录").waitFor();
  await phone.goto(link);
  await phone.locator(".trainer-comments").waitFor();
  assert.equal(new URL(phone.url()).hash, `#/result/${encodeURIComponent(id)}`);
  const comments = await phone.locator(".trainer-comments").innerText();
  assert.match(comments, /老师给 1 \/ 2 分/);
  assert.match(comments, /评语：先道歉，再说明这是活动价/);
  await phone.locator(".trainer-comments").screenshot({ path: path.join(shots, "comments-from-link-375.png") });
  assert.deepEqual(phone.errors, []);
  await phone.context().close();

  // A browser without the attempt is told so, and where to open the link.
  const other = await context();
  await other.goto(link);
  await other.getByText("这台设备上没有这次考试的记录").waitFor();
  assert.deepEqual(await axe(other, "comment link without the attempt"), []);
  await other.context().close();
});

test("a typing test goes by code too: its 复制成绩码, pasted at the desk, shows the trainee's speed as the JSON file does", async () => {
  // The trainee takes the test fixture's one-minute typing test on a controlled clock.
  const T0 = new Date("2026-11-23T09:00:00+08:00").getTime();
  const phone = await context();
  await phone.clock.install({ time: T0 });
  await phone.goto(`${base}/t/`);
  await setTrainee(phone, "钱七", "A007");
  await phone.goto(`${base}/t/#/typing/${encodeURIComponent("exams/typing.md")}`);
  await phone.getByRole("heading", { name: "打字测试夹具" }).waitFor();
  await phone.getByRole("button", { name: "开始测试（1 分钟）" }).click();
  await phone.locator("#typing-input").click();
  await phone.clock.pauseAt(T0 + 60_000);
  // Typed with a wrong character (再 for 在) and a skipped one (截), then the time runs out.
  await phone.keyboard.insertText("亲，再的。");
  await phone.waitForFunction(() => document.querySelector(".live-count")?.innerText === "5");
  await phone.clock.runFor(20_000);
  await phone.keyboard.insertText("快到单时间");
  await phone.waitForFunction(() => document.querySelector(".live-count")?.innerText === "10");
  await phone.clock.runFor(45_000);
  await phone.locator(".typing-result").waitFor();
  const speed = await phone.locator(".net-speed").innerText();
  assert.equal(speed, "9 字/分", "9 right characters in the minute");
  await phone.clock.resume();

  // Both ways by code are offered for it now, and the code reads back.
  const send = phone.locator(".send-trainer");
  assert.ok(await send.getByRole("link", { name: "交给老师（扫码）" }).isVisible());
  const code = await textCode(phone);
  assert.match(code, /^KF1\.[A-Za-z0-9_-]+$/);
  const file = await readDownload(phone, "下载结果（JSON）");
  await send.getByRole("link", { name: "交给老师（扫码）" }).click();
  const frames = await allFrames(phone);
  assert.equal(joinFrames(frames.map((f) => f.text)).toString("base64url"), code.slice(4));
  await phone.goto(`${base}/t/#/history`);
  await phone.locator(".history-row", { hasText: "打字测试夹具" }).locator(".handover-link").waitFor();

  // At one desk the pasted code, at another the JSON file: the same trainee, the same speed.
  const byCode = await context();
  assert.match(await paste(byCode, `钱七的打字测试：${code}`), /添加了 1 名学员的成绩/);
  const byFile = await context();
  await byFile.goto(`${base}/t/#/desk/`);
  await byFile.locator('.desk-collect input[type="file"]').setInputFiles([
    { name: "钱七.json", mimeType: "application/json", buffer: Buffer.from(file.text) },
  ]);
  const rowText = async (desk) => {
    const row = desk.locator("table.cohort tbody tr", { hasText: "钱七" });
    await row.waitFor();
    return row.innerText();
  };
  const [a, b] = [await rowText(byCode), await rowText(byFile)];
  assert.ok(a.includes(speed), `the pasted code's row shows ${speed}: ${a}`);
  assert.equal(a, b);

  // The trainer opens the test: its figures and the typed text under the passage, no exam parts.
  const id = JSON.parse(file.text).attempts[0].id;
  await byCode.goto(`${base}/t/#/desk/attempt/${encodeURIComponent(id)}`);
  await byCode.getByRole("heading", { name: "逐字对照" }).waitFor();
  assert.equal(await byCode.locator(".net-speed").innerText(), speed);
  assert.equal(await byCode.getByText("逐题回顾").count(), 0);
  assert.equal(await byCode.getByText("未交卷").count(), 0);
  await byCode.setViewportSize({ width: 375, height: 667 });
  await byCode.screenshot({ path: path.join(shots, "desk-typing-375.png"), fullPage: true });
  assert.deepEqual(await axe(byCode, "a typing test at the desk"), []);

  // The file with its speed edited to 90: 重新评分 shows the stored figures and why they are wrong.
  const edited = JSON.parse(file.text);
  const setSpeed = (o) => {
    if (o && typeof o === "object") {
      if ("net_cpm" in o) o.net_cpm = 90;
      Object.values(o).forEach(setSpeed);
    }
  };
  setSpeed(edited);
  const byEdit = await context();
  await byEdit.goto(`${base}/t/#/desk/`);
  await byEdit.locator('.desk-collect input[type="file"]').setInputFiles([
    { name: "钱七.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(edited)) },
  ]);
  await byEdit.locator("table.cohort tbody tr", { hasText: "钱七" }).waitFor();
  await byEdit.goto(`${base}/t/#/desk/regrade`);
  const run = byEdit.locator(".desk-run", { hasText: "钱七" });
  await run.getByText("打字测试：记录 90 字/分").waitFor();
  assert.match(await run.innerText(), /打字成绩与记录里打的字不符/);
  for (const p of [phone, byCode, byFile, byEdit]) {
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});
