// The shared harness of the browser tests: the release build (dist/) served on 127.0.0.1 and
// headless Chromium, started once per test file (each *.test.mjs imports this), plus the helpers
// that drive the app as a trainee would. Run by `.ci/test` after `trunk build --release`.
//
// The server exposes three sites:
//   /           the release build with the default course
//   /training/  the same build under a sub-path
//   /t/         the same build with a small test course (tests/browser/site) instead of exams/

import { before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const dist = path.join(root, "dist");
export const shots = path.join(here, "screenshots");
export const TRAINEE = "测试学员";

let server, testSite;
export let base, browser;

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".md": "text/markdown; charset=utf-8", ".svg": "image/svg+xml",
  ".json": "application/json", ".webmanifest": "application/manifest+json",
};

function serve(req, res) {
  const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const sites = [["/training/", dist], ["/t/", testSite], ["/", dist]];
  const [prefix, dir] = sites.find(([p]) => url.startsWith(p)) || [];
  if (!prefix) { res.writeHead(404); return res.end(); }
  let file = path.join(dir, url.slice(prefix.length));
  if (!file.startsWith(dir)) { res.writeHead(403); return res.end(); }
  if (url.endsWith("/")) file = path.join(file, "index.html");
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); return res.end("not found"); }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(data);
  });
}

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, "index.html")), "dist/ is missing: run trunk build --release first");
  testSite = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-site-"));
  fs.cpSync(dist, testSite, { recursive: true });
  fs.rmSync(path.join(testSite, "exams"), { recursive: true, force: true });
  fs.cpSync(path.join(here, "site"), path.join(testSite, "exams"), { recursive: true });
  fs.mkdirSync(shots, { recursive: true });
  server = http.createServer(serve);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

/**
 * A headless Chromium with the harness's flags and `extra` ones (e.g. a fake camera); the
 * caller closes it. The harness's own `browser` is one of these.
 */
export function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic", ...extra],
  });
}

after(async () => {
  await browser?.close();
  server?.close();
  if (testSite) fs.rmSync(testSite, { recursive: true, force: true });
});

/**
 * A fresh browser profile (empty storage) with page errors collected. With `clock`, the page's
 * time is Playwright's, starting now: a test moves it with `page.clock.runFor(ms)` instead of
 * waiting real seconds.
 */
export async function open(url, { width = 1280, height = 800, init, clock = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, serviceWorkers: "block" });
  if (clock) await context.clock.install({ time: Date.now() });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  await page.goto(url);
  return page;
}

export async function setTrainee(page) {
  await page.locator("#trainee-name").fill(TRAINEE);
  await page.locator("#trainee-no").fill("A007");
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByText(`学员：${TRAINEE}`).waitFor();
}

export async function startExam(page, bank) {
  await page.goto(`${base}/t/#/start/${encodeURIComponent(`exams/${bank}`)}`);
  await page.getByRole("button", { name: "开始考试" }).click();
  await page.locator(".question").waitFor();
}

export const next = (page) => page.getByRole("button", { name: "下一题 →" }).click();
export const qNumber = (page) => page.locator(".q-number").first().innerText();

/** Moves the ordering steps into 一 二 三 with the up buttons. */
export async function sortSteps(page, wanted) {
  for (let i = 0; i < wanted.length; i++) {
    const texts = await page.locator(".order-body").allInnerTexts();
    let j = texts.findIndex((t) => t.trim() === wanted[i]);
    while (j > i) {
      await page.getByRole("button", { name: `上移第 ${j + 1} 项` }).click();
      j--;
    }
  }
}

/** Answers every question of basic.md correctly (questions are not shuffled there). */
export async function answerBasicCorrectly(page) {
  // Single choice by number key: find the position of the right option and press it.
  const options = await page.locator(".options .option").allInnerTexts();
  const pos = options.findIndex((t) => t.includes("正确选项"));
  await page.keyboard.press(String(pos + 1));
  assert.ok(await page.locator(".option.selected", { hasText: "正确选项" }).isVisible(), "number key picks the option");
  await page.keyboard.press("ArrowRight");
  assert.match(await qNumber(page), /第 2 \/ 8 题/, "arrow key moves to the next question");
  await page.locator(".option", { hasText: "对一" }).click();
  await page.locator(".option", { hasText: "对二" }).click();
  await next(page);
  await page.locator(".tf-options .option").first().click();
  await next(page);
  await page.locator(".blank-input").fill("８：００"); // full-width, as a phone IME types it
  await next(page);
  await sortSteps(page, ["一", "二", "三"]);
  await next(page);
  await page.locator(".match-row select").nth(0).selectOption({ label: "壹" });
  await page.locator(".match-row select").nth(1).selectOption({ label: "贰" });
  await next(page);
  await page.locator(".numeric input").fill("600");
  await next(page);
  await page.locator(".reply textarea").fill("不好意思亲，这已经是活动优惠价了");
}

export async function submit(page) {
  await page.locator(".attempt-bar").getByRole("button", { name: "交卷" }).click();
  // The dialog has the focus: Escape closes it, and Enter confirms.
  await page.keyboard.press("Escape");
  assert.equal(await page.getByRole("dialog").count(), 0);
  await page.locator(".attempt-bar").getByRole("button", { name: "交卷" }).click();
  await page.getByRole("button", { name: "确定交卷" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.innerText), "确定交卷");
  await page.getByRole("button", { name: "确定交卷" }).click();
  await page.locator(".result").waitFor();
}

export async function noHorizontalOverflow(page, where) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `${where}: page is ${scroll}px wide in a ${width}px viewport`);
}

export async function readDownload(page, buttonName) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, "utf8") };
}
