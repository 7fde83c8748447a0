// 扫码收集 (issue 23), end to end on the release build: a trainee finishes the basic exam with a
// long reply (so the attempt needs several QR frames), opens 交给老师 and the codes the app
// draws are screenshotted. Those screenshots become a video file (YUV4MPEG2) played to the
// desk by Chromium's fake camera: the frames shuffled, one of them also shown blurred. The desk
// adds the trainee once, says so when the looping video shows the codes again, and shows the
// same score, the same re-grade result and the same review as a desk that imported the
// attempt's JSON file.

import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import {
  base, shots, launch, open, setTrainee, startExam, answerBasicCorrectly, submit, readDownload,
  noHorizontalOverflow, TRAINEE,
} from "./harness.mjs";

const W = 800, H = 600, FPS = 10, HOLD = 8; // each picture shown 0.8 s
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-scan-"));
let camBrowser;
after(async () => {
  await camBrowser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// A reply long enough that the attempt needs more than one frame (a frame carries ~630 bytes).
const LONG_REPLY = "不好意思亲，这已经是活动优惠价了。" + "我们的价格已经是全网最低，赠品和运费险都已包含，您放心购买，有问题随时联系客服。".repeat(12);

/** RGBA pixels (W×H, white around the picture) of a PNG, drawn by the page's canvas. */
async function rgbaOf(page, png, { blur = 0 } = {}) {
  const b64 = await page.evaluate(async ({ src, W, H, blur }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${src}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = W; c.height = H;
    const ctx = c.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, W, H);
    // Scaled by a fraction, smoothed, as a camera sees it: module edges fall inside pixels.
    const side = H - 40;
    if (blur) ctx.filter = `blur(${blur}px)`;
    ctx.drawImage(img, (W - side) / 2, 20, side, side);
    const data = ctx.getImageData(0, 0, W, H).data;
    let s = "";
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
    return btoa(s);
  }, { src: png.toString("base64"), W, H, blur });
  return Buffer.from(b64, "base64");
}

/** One YUV 4:2:0 frame (BT.601, limited range) of RGBA pixels. */
function yuv420(rgba) {
  const y = Buffer.alloc(W * H), u = Buffer.alloc((W / 2) * (H / 2)), v = Buffer.alloc((W / 2) * (H / 2));
  const clamp = (x) => Math.max(0, Math.min(255, Math.round(x)));
  for (let i = 0; i < W * H; i++) {
    const [r, g, b] = [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]];
    y[i] = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b);
  }
  for (let j = 0; j < H / 2; j++) {
    for (let i = 0; i < W / 2; i++) {
      let r = 0, g = 0, b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const p = 4 * ((2 * j + dy) * W + 2 * i + dx);
        r += rgba[p] / 4; g += rgba[p + 1] / 4; b += rgba[p + 2] / 4;
      }
      u[j * (W / 2) + i] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      v[j * (W / 2) + i] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return Buffer.concat([Buffer.from("FRAME\n"), y, u, v]);
}

/** The pictures as a YUV4MPEG2 file, each held for HOLD video frames. */
function y4m(pictures) {
  const frames = pictures.map(yuv420);
  const parts = [Buffer.from(`YUV4MPEG2 W${W} H${H} F${FPS}:1 Ip A1:1 C420\n`)];
  for (const f of frames) for (let k = 0; k < HOLD; k++) parts.push(f);
  return Buffer.concat(parts);
}

/** What a desk shows of the trainee: the table row, the re-grade tab, the attempt's review. */
async function deskView(page) {
  // The re-grade tab first: it shows once the course is loaded, and so does the table's every column.
  await page.goto(`${base}/t/#/desk/regrade`);
  await page.getByRole("heading", { name: "重新评分（试运行）" }).waitFor();
  const regrade = page.locator("section.card", { has: page.getByRole("heading", { name: "重新评分（试运行）" }) });
  await regrade.locator(".banner.info, .desk-runs").first().waitFor();
  const regradeText = await regrade.innerText();
  await page.goto(`${base}/t/#/desk/`);
  const row = page.locator("table.cohort tbody tr", { hasText: TRAINEE });
  await row.waitFor();
  // A cell for every column, once the course is read.
  await page.waitForFunction(() => {
    const r = document.querySelector("table.cohort tbody tr");
    return r && r.cells.length === document.querySelectorAll("table.cohort thead th").length;
  });
  const rowText = await row.innerText();
  const id = JSON.parse(json).attempts[0].id;
  await page.goto(`${base}/t/#/desk/attempt/${encodeURIComponent(id)}`);
  await page.getByRole("heading", { name: "逐题回顾" }).waitFor();
  await page.locator("ol.reviews > li").first().waitFor();
  const review = await page.locator("main").innerText();
  return { rowText, regradeText, review };
}

let json, pictures, total;

test("a trainee's finished attempt shows as several QR codes (交给老师)", async () => {
  const page = await open(`${base}/t/`);
  await setTrainee(page);
  await startExam(page, "basic.md");
  await answerBasicCorrectly(page);
  await page.locator(".reply textarea").fill(LONG_REPLY);
  await submit(page);
  // 交给老师 shows the codes one at a time: each one screenshotted, then 下一张 (which also
  // stops the automatic cycle).
  await page.getByRole("link", { name: "交给老师" }).first().click();
  const code = page.locator("svg.handover-code");
  await code.waitFor();
  total = Number(await code.getAttribute("data-total"));
  assert.ok(total >= 2, `the long reply needs several frames, got ${total}`);
  const shots_ = [];
  for (let i = 0; i < total; i++) {
    await page.locator(`svg.handover-code[data-frame="${i + 1}"]`).waitFor();
    assert.match(await code.getAttribute("data-text"), /^KF:[0-9A-Z $%*+\-./:]+$/);
    shots_.push(await code.screenshot());
    await page.getByRole("button", { name: "下一张" }).click();
  }

  // Shuffled, and the first frame also shown blurred (a phone moving), before its sharp copy.
  const order = [...Array(total).keys()].reverse();
  pictures = [];
  pictures.push(await rgbaOf(page, shots_[0], { blur: 6 }));
  for (const i of order) pictures.push(await rgbaOf(page, shots_[i]));
  fs.writeFileSync(path.join(tmp, "codes.y4m"), y4m(pictures));

  await page.goto(`${base}/t/#/history`);
  json = (await readDownload(page, "导出全部（JSON）")).text;
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the desk's camera reads the codes, adds the trainee once, and shows what the JSON import shows", async () => {
  camBrowser = await launch([
    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-video-capture=${path.join(tmp, "codes.y4m")}`,
  ]);
  const ctx = await camBrowser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
  // Keeps the streams the page opens, to check that stopping or leaving turns the camera off.
  await ctx.addInitScript(() => {
    const md = navigator.mediaDevices;
    const get = md.getUserMedia.bind(md);
    window.streams = [];
    md.getUserMedia = async (c) => { const s = await get(c); window.streams.push(s); return s; };
  });
  const page = await ctx.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  const cameraOn = () => page.evaluate(() => window.streams.some((s) => s.getTracks().some((t) => t.readyState === "live")));
  await page.goto(`${base}/t/#/desk/`);
  await page.getByRole("link", { name: "扫码收集" }).first().click();
  await page.getByRole("heading", { name: "扫码收集" }).waitFor();
  assert.ok(page.url().endsWith("#/desk/scan"));
  await page.getByRole("button", { name: "打开摄像头" }).click();
  await page.getByRole("button", { name: "停止摄像头" }).waitFor();

  // Progress first, then the trainee added; the video loops, so the codes come again.
  const list = page.locator(".scan-list");
  await list.getByText(/已读 \d+ \/ \d+ 张|已加入班级/).first().waitFor({ timeout: 30_000 });
  await list.getByText(`${TRAINEE} A007：${total} / ${total} 张，已加入班级`).waitFor({ timeout: 30_000 });
  await page.getByText("已收集 1 名学员的 1 条记录").waitFor();
  await page.getByText("本次扫码加入 1 名学员").waitFor();
  await page.getByRole("status").getByText(`${TRAINEE} A007 的成绩已经收集，不会重复添加`).waitFor({ timeout: 30_000 });
  assert.ok(await page.getByText("已收集 1 名学员的 1 条记录").isVisible(), "not added twice");
  const ms = Number(await page.locator(".scan-view").getAttribute("data-decode-ms"));
  console.log(`reading one ${W}×${H} picture in wasm: ${ms} ms`);

  // The flash of the trainee's completion passes.
  await page.locator(".scan-view:not(.flash)").waitFor({ timeout: 5_000 });
  for (const [w, h] of [[375, 667], [1280, 800]]) {
    await page.setViewportSize({ width: w, height: h });
    await noHorizontalOverflow(page, `scan at ${w}px`);
    await page.screenshot({ path: path.join(shots, `desk-scan-${w}.png`), fullPage: true });
  }
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => ["critical", "serious", "moderate"].includes(v.impact));
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), []);

  assert.ok(await cameraOn());
  await page.getByRole("button", { name: "停止摄像头" }).click();
  await page.getByRole("button", { name: "打开摄像头" }).waitFor();
  assert.equal(await cameraOn(), false, "停止摄像头 turns the camera off");
  // Leaving the tab with the camera on turns it off too.
  await page.getByRole("button", { name: "打开摄像头" }).click();
  await page.waitForFunction(() => window.streams.some((s) => s.getTracks().some((t) => t.readyState === "live")));
  await page.getByRole("link", { name: "成绩表", exact: true }).click();
  await page.locator("table.cohort").waitFor();
  assert.equal(await cameraOn(), false, "leaving 扫码收集 turns the camera off");
  const scanned = await deskView(page);
  assert.deepEqual(page.errors, []);

  // The same attempt through the file import, on a desk of its own.
  const filed = await open(`${base}/t/#/desk/`);
  await filed.locator('.desk-collect input[type="file"]').setInputFiles([
    { name: "结果.json", mimeType: "application/json", buffer: Buffer.from(json) },
  ]);
  await filed.getByText("已收集 1 名学员的 1 条记录").waitFor();
  const imported = await deskView(filed);
  assert.match(imported.rowText, /%/);
  assert.equal(scanned.rowText, imported.rowText, "the cohort table's row");
  assert.equal(scanned.regradeText, imported.regradeText, "the re-grade dry run");
  assert.equal(scanned.review, imported.review, "the attempt's review at the desk");
  assert.deepEqual(filed.errors, []);
});

test("without a camera the desk says so and keeps working", async () => {
  // The harness's browser has no fake camera and no permission prompt answered for it.
  const page = await open(`${base}/t/#/desk/scan`, { init: () => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("no camera", "NotFoundError"));
  } });
  await page.getByRole("button", { name: "打开摄像头" }).click();
  await page.getByRole("alert").getByText(/没有找到摄像头/).waitFor();
  await page.getByRole("button", { name: "打开摄像头" }).waitFor();
  const denied = await open(`${base}/t/#/desk/scan`, { init: () => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
  } });
  await denied.getByRole("button", { name: "打开摄像头" }).click();
  await denied.getByRole("alert").getByText(/没有得到使用摄像头的许可/).waitFor();
  assert.deepEqual([...page.errors, ...denied.errors], []);
});
