// Scenario replies in the browser: a dismissed key point, a course-wide wrong action, a
// same-sounding slip and a reply in traditional characters, a platform-scoped red line,
// practice that respects show_answers: false, and the result review's teaching feedback. The course is
// tests/browser/site/reply-index.md, served in place of index.md for these tests only.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { base, here, shots, open, setTrainee, noHorizontalOverflow } from "./harness.mjs";

const course = fs.readFileSync(path.join(here, "site", "reply-index.md"), "utf8");

async function openCourse(opts) {
  const page = await open("about:blank", opts);
  await page.route("**/exams/index.md", (route) =>
    route.fulfill({ status: 200, contentType: "text/markdown; charset=utf-8", body: course }));
  await page.goto(`${base}/t/`);
  await setTrainee(page);
  return page;
}

async function practise(page, bank) {
  await page.goto(`${base}/t/#/start/${encodeURIComponent(`exams/${bank}`)}`);
  await page.getByRole("button", { name: /练习模式/ }).click();
  await page.locator(".question").waitFor();
}

async function replyAndCheck(page, text) {
  await page.locator(".reply textarea").fill(text);
  await page.getByRole("button", { name: "检查答案" }).click();
  await page.locator(".practice-feedback").waitFor();
  return page.locator(".practice-feedback").innerText();
}

describe("scenario replies", () => {
  test("a key point dismissed after it is said is not credited and the feedback says so (375 px)", async () => {
    const page = await openCourse({ width: 375, height: 667 });
    await practise(page, "reply-tb-bank.md");
    await page.locator(".nav-cell").nth(1).click();
    const fb = await replyAndCheck(page, "亲，退款原因和金额我记下了，核实就免了");
    assert.match(fb, /部分正确/);
    assert.match(fb, /2 \/ 3 分/);
    assert.match(fb, /命中要点 2\/3：原因；金额/);
    assert.match(fb, /“核实”被否定了（“核实就免了”）/);
    assert.match(fb, /缺少的要点：核实/);
    assert.match(fb, /范例回复/, "the model reply shows after answering");
    await noHorizontalOverflow(page, "practice feedback at 375 px");
    await page.locator(".practice-feedback").screenshot({ path: path.join(shots, "reply-feedback-375.png") });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a course-wide wrong action zeroes a reply that says every key point, and names its source", async () => {
    const page = await openCourse({ width: 375, height: 667 });
    await practise(page, "reply-tb-bank.md");
    await page.locator(".nav-cell").nth(1).click();
    const fb = await replyAndCheck(page, "亲，我先同意了，回头再核实一下退款原因和金额哈");
    assert.match(fb, /错误做法：回复中“我先同意了,回头再核实一下退款原因和金额哈”，本题记 0 分（先同意退款、回头再核实（000_84ed276d6acfb15f.txt））/);
    assert.ok(await page.locator(".practice-feedback.bad").isVisible(), fb);
    await page.locator(".practice-feedback").screenshot({ path: path.join(shots, "reply-wrong-action-375.png") });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a same-sounding slip and a reply in traditional characters count, through the course's concept", async () => {
    const page = await openCourse();
    await practise(page, "reply-tb-bank.md");
    await page.locator(".nav-cell").nth(1).click();
    let fb = await replyAndCheck(page, "亲，我先核时一下退款原因和金额");
    assert.ok(await page.locator(".practice-feedback.ok").isVisible(), fb);
    assert.match(fb, /命中要点 3\/3：核实；原因；金额/);
    assert.match(fb, /“核时”按读音算作“核实”/);
    await page.locator(".practice-feedback").screenshot({ path: path.join(shots, "reply-homophone-1280.png") });

    await practise(page, "reply-tb-bank.md");
    await page.locator(".nav-cell").nth(1).click();
    fb = await replyAndCheck(page, "親，我先幫您查一下退款原因和金額，確認後馬上處理");
    assert.ok(await page.locator(".practice-feedback.ok").isVisible(), fb);
    assert.match(fb, /命中要点 3\/3：核实；原因；金额/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("支付宝 zeroes a reply in the JD bank and not in the Taobao bank", async () => {
    const page = await openCourse();
    await practise(page, "reply-jd-bank.md");
    let fb = await replyAndCheck(page, "亲，可以用支付宝付款哦");
    assert.match(fb, /触碰红线：回复中出现了禁用词“支付宝”，本题记 0 分（京东平台的敏感词）/);
    assert.ok(await page.locator(".practice-feedback.bad").isVisible());

    await practise(page, "reply-tb-bank.md");
    fb = await replyAndCheck(page, "亲，可以用支付宝付款哦");
    assert.ok(await page.locator(".practice-feedback.ok").isVisible(), fb);
    assert.doesNotMatch(fb, /触碰红线/);
    // The course-wide list still applies to Taobao replies.
    await page.locator(".nav-cell").nth(1).click();
    fb = await replyAndCheck(page, "亲，不还价，原因金额我核实过了");
    assert.match(fb, /触碰红线：回复中出现了禁用词“不还价”/);
    await page.locator(".attempt").screenshot({ path: path.join(shots, "reply-redline-1280.png") });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("practice in a bank with show_answers: false shows what was found but not the answer", async () => {
    const page = await openCourse();
    await practise(page, "reply-hidden.md");
    const fb = await replyAndCheck(page, "亲，我先核实一下退款原因");
    assert.match(fb, /部分正确/);
    assert.match(fb, /命中要点 2\/3：核实；原因/);
    assert.doesNotMatch(fb, /缺少的要点|正确答案|范例回复|解析/);
    await page.goto(`${base}/t/#/wrong`);
    await page.getByText("目前没有错题").waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("the result review teaches: found and missing points, the zeroing phrase, the model reply", async () => {
    const page = await openCourse({ width: 375, height: 667 });
    await page.goto(`${base}/t/#/start/${encodeURIComponent("exams/reply-tb-bank.md")}`);
    await page.getByRole("button", { name: "开始考试" }).click();
    await page.locator(".question").waitFor();
    await page.locator(".reply textarea").fill("亲，可以用支付宝付款");
    await page.getByRole("button", { name: "下一题 →" }).click();
    await page.locator(".reply textarea").fill("亲，原因和金额都确认过了，马上同意");
    await page.locator(".attempt-bar").getByRole("button", { name: "交卷" }).click();
    await page.getByRole("button", { name: "确定交卷" }).click();
    await page.locator(".result").waitFor();
    const reviews = page.locator(".review");
    const wrong = reviews.filter({ hasText: "退款原因我随便选" });
    await wrong.locator(".fb-capped").waitFor();
    const text = await wrong.innerText();
    assert.match(text, /命中要点 3\/3/);
    assert.match(text, /错误做法：回复中“马上同意”，本题记 0 分（要先核实原因和金额）/);
    assert.match(text, /范例回复：亲，我先帮您核实一下退款原因/);
    assert.match(await reviews.filter({ hasText: "能用支付宝" }).innerText(), /2 \/ 2 分/);
    await noHorizontalOverflow(page, "result review at 375 px");
    await wrong.screenshot({ path: path.join(shots, "reply-review-375.png") });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
