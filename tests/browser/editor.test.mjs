// The trainer's bank tools on the release build: 题库编辑 (#/desk/editor) opens a bank of the
// test course, shows the checker's problem for a mistake typed into it at the right line, moves
// the caret there when the place is clicked, previews the question under the caret and grades a
// tried reply, keeps the draft over a reload, saves and exports; 导入题库 (#/desk/import)
// converts Excel's GBK CSV and an .xlsx written by openpyxl with their refusals named, lets the
// trainer correct a column, and opens the result in the editor. axe on both screens.

import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { root, shots, base, open, readDownload, noHorizontalOverflow } from "./harness.mjs";

const fixtures = path.join(root, "tests/fixtures/convert");
// Functions: `base` is set once the harness has started its server.
const EDITOR = () => `${base}/t/#/desk/editor`;
const IMPORT = () => `${base}/t/#/desk/import`;

const area = (page) => page.locator("#editor-text");
const preview = (page) => page.locator(".editor-preview");

async function openBasic(page) {
  await page.locator("#open-course").selectOption("exams/basic.md");
  await page.getByRole("button", { name: "打开", exact: true }).click();
  await assert.doesNotReject(() => page.waitForFunction(() =>
    document.querySelector("#editor-text")?.value.includes("title: 基础测验")));
  await page.getByText("没有发现问题").waitFor();
}

/** Puts the caret at the start of `line` with the keyboard, as a trainer would. */
async function caretToLine(page, line) {
  await area(page).focus();
  await page.keyboard.press("Control+Home");
  for (let i = 1; i < line; i++) await page.keyboard.press("ArrowDown");
}

async function axe(page, screen) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => ["serious", "critical", "moderate"].includes(v.impact))
    .map((v) => `${screen}: ${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

test("editor: a typed mistake shows at its line, the place moves the caret, the preview follows it", async () => {
  const page = await open(EDITOR());
  await openBasic(page);
  const original = await area(page).inputValue();
  // Line 15 holds the single-choice key; untick it.
  const lines = original.split("\n");
  assert.equal(lines[14], "1. [x] 正确选项");
  await caretToLine(page, 15);
  await page.keyboard.press("End");
  for (let i = 0; i < "正确选项".length + 2; i++) await page.keyboard.press("ArrowLeft");
  // The caret is after "[x"; replace x with a space.
  await page.keyboard.press("Backspace");
  await page.keyboard.type(" ");
  assert.equal((await area(page).inputValue()).split("\n")[14], "1. [ ] 正确选项");
  // Checked after the pause in typing (300 ms): the error names line 14 (the list).
  const place = page.getByRole("button", { name: "exams/basic.md:14:1" });
  await place.waitFor({ timeout: 3000 });
  const item = page.locator(".diag-list li", { has: place });
  assert.match(await item.innerText(), /错误/);
  assert.match(await item.innerText(), /正确选项/);
  assert.match(await page.locator(".diag-count").innerText(), /1 个错误/);

  // Clicking the place puts the caret at line 14, column 1.
  await caretToLine(page, 1);
  await place.click();
  const caret = await page.evaluate(() => {
    const a = document.querySelector("#editor-text");
    return { at: a.selectionStart, focused: document.activeElement === a };
  });
  const expected = lines.slice(0, 13).join("\n").length + 1;
  assert.deepEqual(caret, { at: expected, focused: true });

  // Fixed again: no problem left.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  for (let i = 0; i < "正确选项".length + 2; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("x");
  await page.getByText("没有发现问题").waitFor({ timeout: 3000 });
  assert.equal(await area(page).inputValue(), original);

  // The preview follows the caret: the true/false question at line 31, then the fill-in.
  await caretToLine(page, 33);
  await preview(page).getByText("判断：这一句是对的").waitFor();
  assert.equal(await preview(page).locator(".badge").innerText(), "判断题");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await preview(page).locator(".blank-input").first().waitFor();
  assert.match(await preview(page).innerText(), /填空题/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("editor: a reply tried in the preview is graded against its rubric", async () => {
  const page = await open(EDITOR());
  await openBasic(page);
  await caretToLine(page, 66);
  const reply = preview(page).locator(".reply textarea");
  await reply.waitFor();
  await reply.fill("不好意思亲，这已经是活动优惠价了");
  await preview(page).getByText("试答得分：2 / 2 分").waitFor();
  await reply.fill("好的");
  await preview(page).getByText("试答得分：0 / 2 分").waitFor();
  assert.ok((await preview(page).locator(".feedback li").count()) > 0, "feedback lines shown");
  await page.context().close();
});

test("editor: the draft survives a reload, saves as .md and exports to GIFT", async () => {
  const page = await open(EDITOR());
  await openBasic(page);
  await area(page).focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n## 新加的判断题 {#added}\n\n答案：错\n\n> 新加的解析。\n");
  await page.getByText("有未保存的修改").waitFor();
  await page.reload();
  await page.waitForFunction(() => document.querySelector("#editor-text")?.value.includes("新加的判断题"));
  await page.getByText("已恢复上次没保存的草稿").waitFor();
  await page.getByText("没有发现问题").waitFor({ timeout: 3000 });

  const saved = await readDownload(page, "保存（下载 .md）");
  assert.equal(saved.name, "basic.md");
  assert.equal(saved.text, await area(page).inputValue());
  await page.getByText("已保存", { exact: true }).waitFor();

  const gift = await readDownload(page, "导出 GIFT");
  assert.equal(gift.name, "basic.gift");
  assert.match(gift.text, /::added::\[markdown\]新加的判断题\{FALSE####新加的解析。\}/);
  assert.match(await page.locator(".export-notes").innerText(), /已导出 basic.gift/);
  await page.context().close();
});

test("editor: opening another bank keeps the unsaved draft aside", async () => {
  const page = await open(EDITOR());
  // A first visit starts from the first template, which passes the checker.
  await page.waitForFunction(() => document.querySelector("#editor-text")?.value.includes("新手客服打字速度"));
  await page.getByText("没有发现问题").waitFor({ timeout: 3000 });
  await page.locator("#new-template").selectOption({ label: "情景回复题" });
  await page.getByRole("button", { name: "新建" }).click();
  await page.waitForFunction(() => document.querySelector("#editor-text")?.value.includes("要点："));
  await page.getByText("没有发现问题").waitFor({ timeout: 3000 });
  await area(page).focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("我的改动");
  await openBasic(page);
  await page.getByText("之前没保存的草稿").waitFor();
  await page.getByRole("button", { name: "恢复上一份草稿" }).click();
  await page.waitForFunction(() => document.querySelector("#editor-text")?.value.includes("我的改动"));
  await page.context().close();
});

test("editor: screenshots and axe at phone and desktop sizes", async () => {
  for (const [width, height] of [[375, 667], [1280, 800]]) {
    const page = await open(EDITOR(), { width, height });
    await openBasic(page);
    await caretToLine(page, 66);
    await preview(page).locator(".reply textarea").fill("不好意思亲，这已经是活动优惠价了");
    await preview(page).getByText("试答得分").waitFor();
    await page.screenshot({ path: path.join(shots, `editor-${width}.png`), fullPage: width > 400 ? false : true });
    await noHorizontalOverflow(page, `editor ${width}`);
    assert.deepEqual(await axe(page, `editor ${width}`), []);
    await page.context().close();
  }
});

test("import: Excel's GBK CSV, the refused rows named, a column corrected, opened in the editor", async () => {
  const page = await open(IMPORT());
  await page.locator("#import-file").setInputFiles(path.join(fixtures, "excel-gbk.csv"));
  const summary = page.locator(".import-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /转换完成：6 道题，2 处未转换/);
  const report = page.locator(".report-list");
  assert.match(await report.innerText(), /按 GBK/);
  assert.match(await report.innerText(), /第 8 行: 未转换: 简答题/);
  assert.match(await report.innerText(), /第 9 行: 未转换: .*E/);
  assert.match(await report.innerText(), /第 K 列“难度”没有对应/);

  // The detected mapping: 题型 in A, 题干 in C; 难度 (K) not imported. Read it as tags instead.
  assert.equal(await page.locator("#map-col-0").inputValue(), "题型");
  assert.equal(await page.locator("#map-col-2").inputValue(), "题干");
  assert.equal(await page.locator("#map-col-10").inputValue(), "忽略");
  await page.locator("#map-col-10").selectOption("标签");
  await page.getByRole("button", { name: "按新的对应重新转换" }).click();
  await page.waitForFunction(() => !document.querySelector(".report-list").innerText.includes("难度"));
  assert.match(await page.locator(".import-markdown").innerText(), /tags=易/);
  assert.match(await summary.innerText(), /6 道题，2 处未转换/);

  await page.screenshot({ path: path.join(shots, "import-1280.png") });
  assert.deepEqual(await axe(page, "import 1280"), []);

  await page.getByRole("button", { name: "在编辑器中打开" }).click();
  await page.waitForFunction(() => document.querySelector("#editor-text")?.value.includes("tags=易"));
  assert.equal(await page.locator(".editor-file").innerText(), "excel-gbk.md");
  await page.getByText("有未保存的修改").waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("import: an .xlsx written by a spreadsheet library, its title row skipped", async () => {
  const page = await open(IMPORT(), { width: 375, height: 667 });
  await page.locator("#import-file").setInputFiles(path.join(fixtures, "template.xlsx"));
  const summary = page.locator(".import-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /转换完成：5 道题，1 处未转换/);
  assert.match(await page.locator(".report-list").innerText(), /第 7 行: 未转换/);
  assert.match(await page.locator(".import-mapping").innerText(), /表头在第 2 行/);
  assert.equal(await page.locator("#map-col-1").inputValue(), "题干");
  assert.match(await page.locator(".import-markdown").innerText(), /## 千牛里转接顾客用哪个功能？/);
  const md = await readDownload(page, "下载 .md");
  assert.equal(md.name, "template.md");
  assert.match(md.text, /# 工具/);
  await page.screenshot({ path: path.join(shots, "import-375.png"), fullPage: true });
  await noHorizontalOverflow(page, "import 375");
  assert.deepEqual(await axe(page, "import 375"), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
