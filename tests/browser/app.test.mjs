// End-to-end tests of the trainee's side: exams, practice, results, banks, safety and layout.
// The server, browser and helpers are in harness.mjs.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import {
  here, root, dist, shots, TRAINEE, base, browser, open, setTrainee, startExam, next, qNumber, sortSteps,
  answerBasicCorrectly, submit, noHorizontalOverflow, readDownload,
} from "./harness.mjs";

describe("default course", () => {
  test("home shows the seven days and every exam's bank loads without errors", async () => {
    const page = await open(`${base}/`);
    await page.locator(".day").nth(6).waitFor();
    assert.equal(await page.locator(".day").count(), 7);
    assert.equal(await page.getByText("题库有错误").count(), 0);
    assert.equal(await page.getByText("题库缺失").count(), 0);
    assert.ok((await page.locator(".exam").count()) >= 7);
    assert.deepEqual(page.errors, []);
    await setTrainee(page);
    await page.screenshot({ path: path.join(shots, "home-1280.png") });
    await page.context().close();
  });

  test("served under a sub-path it loads, navigates and survives reloads on any screen", async () => {
    const page = await open(`${base}/training/`);
    await page.locator(".day").nth(6).waitFor();
    await page.getByRole("link", { name: "成绩记录" }).click();
    await page.getByRole("heading", { name: "成绩记录" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "成绩记录" }).waitFor();
    await page.goto(`${base}/training/#/start/${encodeURIComponent("exams/final-exam.md")}`);
    await page.reload();
    await page.getByRole("heading", { name: "结业考试" }).waitFor();
    assert.ok(await page.getByText("60 分钟").isVisible());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("exam", () => {
  test("a trainee takes and passes an exam and reviews every answer", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await startExam(page, "basic.md");
    await page.screenshot({ path: path.join(shots, "exam-1280.png") });
    await answerBasicCorrectly(page);
    await submit(page);
    assert.match(await page.locator(".score").innerText(), /100\s*%\s*及格/);
    assert.equal(await page.locator(".review.ok").count(), 8);
    assert.ok(await page.getByText("各部分得分").isVisible());
    await page.screenshot({ path: path.join(shots, "result-1280.png"), fullPage: false });

    // Home now shows the best score and one attempt used.
    await page.goto(`${base}/t/#/`);
    await page.getByText("最高 100%").waitFor();
    assert.ok(await page.getByText("已考 1/5 次").isVisible());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("reloading mid-exam loses no answer, flag or position", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await startExam(page, "basic.md");
    await page.locator(".option", { hasText: "正确选项" }).click();
    await next(page);
    await page.locator(".option", { hasText: "对一" }).click();
    await page.getByRole("button", { name: "☆ 标记" }).click();
    await next(page);
    await next(page);
    await next(page);
    await next(page);
    await next(page);
    await next(page);
    await page.locator(".reply textarea").fill("不好意思，已经优惠了");
    const before = await page.locator(".countdown-time").innerText();

    await page.reload();
    await page.locator(".question").waitFor();
    assert.match(await qNumber(page), /第 8 \/ 8 题/);
    assert.equal(await page.locator(".reply textarea").inputValue(), "不好意思，已经优惠了");
    const cells = page.locator(".nav-cell");
    assert.match(await cells.nth(0).getAttribute("class"), /answered/);
    assert.match(await cells.nth(1).getAttribute("class"), /flagged/);
    assert.doesNotMatch(await cells.nth(2).getAttribute("class"), /answered/);
    await cells.nth(0).click();
    assert.ok(await page.locator(".option.selected", { hasText: "正确选项" }).isVisible());
    // The countdown continues from the stored deadline rather than restarting.
    const after = await page.locator(".countdown-time").innerText();
    assert.ok(after <= before, `countdown restarted: ${before} → ${after}`);
    await submit(page);
    assert.ok(await page.getByText("未作答").first().isVisible());
    await page.context().close();
  });

  test("at the deadline the attempt is submitted automatically with the answers given", async () => {
    const page = await open(`${base}/t/`, { clock: true });
    await setTrainee(page);
    await startExam(page, "short.md");
    await page.locator(".option", { hasText: "甲" }).click();
    // The 5-second exam runs out on the page's clock, not on real seconds.
    await page.clock.runFor(6000);
    await page.locator(".result").waitFor();
    assert.ok(await page.getByText("时间到，系统已按时间截止前的答案自动交卷").isVisible());
    assert.match(await page.locator(".score").innerText(), /50\s*%\s*及格/);
    // The exam cannot be re-entered once its time ran out.
    await page.goBack();
    await page.locator(".result").waitFor();
    await page.context().close();
  });

  test("a deadline that passed while the page was closed submits on return", async () => {
    const page = await open(`${base}/t/`, { clock: true });
    await setTrainee(page);
    await startExam(page, "short.md");
    await page.locator(".option", { hasText: "甲" }).click();
    const url = page.url();
    await page.goto("about:blank");
    // Six seconds pass while the page is closed (the profile's clock, not real time).
    await page.clock.fastForward(6000);
    // Coming back to any screen submits it: history already shows the score.
    await page.goto(`${base}/t/#/history`);
    await page.locator(".history-score", { hasText: "50%" }).waitFor();
    assert.equal(await page.getByText("未交卷").count(), 0);
    await page.goto(url);
    await page.locator(".result").waitFor();
    assert.ok(await page.getByText("时间到").first().isVisible());
    await page.context().close();
  });
});

describe("banks", () => {
  test("a bank with errors shows each problem as file:line and cannot be started", async () => {
    const page = await open(`${base}/t/`);
    await page.getByText("有错误的测验").waitFor();
    assert.ok(await page.locator(".exam", { hasText: "有错误的测验" }).getByText("题库有错误").isVisible());
    await page.goto(`${base}/t/#/start/${encodeURIComponent("exams/broken.md")}`);
    await page.getByText("exams/broken.md:3:1").waitFor();
    assert.ok(await page.getByText("不认识的设置 \"pas\"").isVisible());
    assert.ok(await page.getByText("exams/broken.md:8:1").isVisible());
    assert.ok(await page.getByText("单选题没有正确选项").isVisible());
    assert.equal(await page.getByRole("button", { name: "开始考试" }).count(), 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a bank opened from a local file can be practised, and stays listed after a reload", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await page.locator('.dropzone input[type="file"]').setInputFiles({
      name: "我的题库.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("---\ntitle: 自学小测\n---\n\n## 一加一等于几？\n\n答案：2\n\n> 算术。\n"),
    });
    await page.getByRole("heading", { name: "自学小测" }).waitFor();
    await page.getByRole("button", { name: /练习模式/ }).click();
    await page.locator(".numeric input").fill("2");
    await page.getByRole("button", { name: "检查答案" }).click();
    await page.locator(".practice-feedback.ok").waitFor();
    await page.goto(`${base}/t/#/`);
    await page.reload();
    await page.getByText("我打开过的本地题库").waitFor();
    assert.ok(await page.getByText("自学小测").isVisible());
    await page.context().close();
  });
});

describe("practice", () => {
  test("practice explains each answer at once and wrong answers go to the wrong-answer book until answered right", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await page.goto(`${base}/t/#/start/${encodeURIComponent("exams/basic.md")}`);
    await page.getByRole("button", { name: /练习模式/ }).click();
    await page.locator(".question").waitFor();
    await page.locator(".option", { hasText: "错误甲" }).click();
    await page.getByRole("button", { name: "检查答案" }).click();
    await page.locator(".practice-feedback.bad").waitFor();
    assert.ok(await page.getByText("只有一个正确选项。").isVisible(), "the explanation shows right away");
    assert.ok(await page.locator(".option input").first().isDisabled(), "a checked answer is locked");
    // A scenario reply with a course-wide red-line word scores zero and names the word.
    await page.locator(".nav-cell").nth(7).click();
    await page.locator(".reply textarea").fill("不好意思，优惠价，可以用支付宝付款");
    await page.getByRole("button", { name: "检查答案" }).click();
    await page.getByText("触碰红线：回复中出现了禁用词“支付宝”").waitFor();
    await page.locator(".attempt-bar").getByRole("button", { name: "结束练习" }).click();
    await page.getByRole("button", { name: "结束并查看结果" }).click();
    await page.locator(".result").waitFor();

    await page.goto(`${base}/t/#/wrong`);
    await page.getByRole("heading", { name: "错题本（2 题）" }).waitFor();
    await page.getByRole("button", { name: "开始练习错题" }).click();
    await page.locator(".question").waitFor();
    for (let i = 0; i < 2; i++) {
      await page.locator(".nav-cell").nth(i).click();
      if (await page.locator(".reply textarea").count()) {
        await page.locator(".reply textarea").fill("不好意思，这是优惠价");
      } else {
        await page.locator(".option", { hasText: "正确选项" }).click();
      }
      await page.getByRole("button", { name: "检查答案" }).click();
      await page.locator(".practice-feedback.ok").waitFor();
    }
    await page.goto(`${base}/t/#/wrong`);
    await page.getByText("目前没有错题").waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("results", () => {
  test("JSON and CSV exports hold what a trainer needs, and importing does not duplicate", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await startExam(page, "basic.md");
    await answerBasicCorrectly(page);
    await submit(page);

    const json = await readDownload(page, "下载结果（JSON）");
    assert.match(json.name, /\.json$/);
    const exp = JSON.parse(json.text);
    assert.equal(exp.format, "kefu-exam-results");
    const a = exp.attempts[0];
    assert.equal(a.schema, 2);
    assert.equal(a.trainee.name, TRAINEE);
    assert.equal(a.trainee.employee_no, "A007");
    assert.equal(typeof a.seed, "number");
    assert.match(a.bank.hash, /^[0-9a-f]{16}$/);
    assert.equal(a.questions.length, 8);
    for (const q of a.questions) assert.match(q.hash, /^[0-9a-f]{16}$/);
    assert.equal(Object.keys(a.answers).length, 8);
    assert.equal(a.answers["exams/basic.md#fill"].blanks[0], "８：００");
    assert.ok(a.started_at > 0 && a.submitted_at >= a.started_at);
    assert.equal(a.result.passed, true);

    const csv = await readDownload(page, "下载表格（CSV）");
    assert.ok(csv.text.startsWith("\uFEFF"), "CSV starts with a UTF-8 BOM for Excel");
    const lines = csv.text.slice(1).split("\r\n");
    assert.match(lines[0], /^姓名,工号,考试/);
    assert.match(lines[1], new RegExp(`^${TRAINEE},A007,基础测验,`));
    assert.match(lines[1], /,100%,80%,及格,手动交卷,/);

    // Importing the same export again adds nothing; after clearing, it restores the attempt.
    const file = path.join(os.tmpdir(), `import-${Date.now()}.json`);
    fs.writeFileSync(file, json.text);
    await page.goto(`${base}/t/#/history`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByText("导入了 0 条记录，1 条已存在，未重复导入").waitFor();
    await page.getByRole("button", { name: "清空全部" }).click();
    await page.getByRole("button", { name: "确定删除" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.innerText), "确定删除");
    await page.getByRole("button", { name: "确定删除" }).click();
    await page.getByText("还没有记录").waitFor();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByText("导入了 1 条记录").waitFor();
    assert.equal(await page.locator(".history-row").count(), 1);
    assert.ok(await page.locator(".chart svg").isVisible());
    await page.context().close();
  });

  test("with storage full the exam still runs, the trainee is told, and the result is offered as a download", async () => {
    const full = () => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (String(k).startsWith("kefu-exam:attempt")) throw new DOMException("quota", "QuotaExceededError");
        return real.call(this, k, v);
      };
    };
    const page = await open(`${base}/t/`, { init: full });
    await setTrainee(page);
    await startExam(page, "short.md");
    await page.getByText("本机存储空间已满").waitFor();
    await page.locator(".option", { hasText: "甲" }).click();
    await next(page);
    await page.locator(".option", { hasText: "丙" }).click();
    await submit(page);
    assert.match(await page.locator(".score").innerText(), /100\s*%/);
    await page.getByText("这次成绩没能保存到本机浏览器").waitFor();
    const json = await readDownload(page, "下载结果（JSON）");
    const a = JSON.parse(json.text).attempts[0];
    assert.equal(Object.keys(a.answers).length, 2);
    assert.equal(a.result.percent, 100);
    await page.context().close();
  });

  test("a corrupt stored record is reported and skipped while the others still load", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await startExam(page, "short.md");
    await page.locator(".option", { hasText: "甲" }).click();
    await submit(page);
    await page.evaluate(() => localStorage.setItem("kefu-exam:attempt:broken-1", "{not json"));
    await page.goto(`${base}/t/#/`);
    await page.reload();
    await page.getByText("记录 broken-1 已损坏，已跳过").waitFor();
    await page.goto(`${base}/t/#/history`);
    await page.locator(".history-row").first().waitFor();
    assert.equal(await page.locator(".history-row").count(), 1);
    await page.context().close();
  });

  test("the print view of a result is a clean single page", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await startExam(page, "basic.md");
    await answerBasicCorrectly(page);
    await submit(page);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".topbar").isVisible(), false);
    assert.equal(await page.locator(".review-list").isVisible(), false);
    assert.equal(await page.getByRole("button", { name: "打印成绩单" }).isVisible(), false);
    assert.ok(await page.locator(".score").isVisible());
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, `the report prints on ${pages} pages`);
    await page.context().close();
  });

  test("with storage disabled entirely the app still works", async () => {
    const page = await open(`${base}/t/`, {
      init: () => Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } }),
    });
    await page.getByText("此浏览器不允许保存数据").waitFor();
    await setTrainee(page);
    await startExam(page, "short.md");
    await page.locator(".option", { hasText: "甲" }).click();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("safety and layout", () => {
  test("a <script> or onerror= in a bank is shown as text and never runs", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await startExam(page, "unsafe.md");
    // Every image has loaded or failed, so an onerror= would have run by now.
    await page.waitForFunction(() => [...document.images].every((i) => i.complete));
    await page.locator(".option").first().hover();
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    const text = await page.locator(".question").innerText();
    assert.ok(text.includes("<script>"), "the script tag is shown as text");
    assert.ok(text.includes("onerror="), "the onerror attribute is shown as text");
    assert.equal(await page.locator('.question a[href^="javascript"]').count(), 0);
    assert.equal(await page.locator(".question script, .question img[onerror]").count(), 0);
    await page.getByText("危险链接").click();
    await submit(page);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.ok((await page.locator(".explanation").first().innerText()).includes("<script>"));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  for (const width of [320, 375, 428]) {
    test(`at ${width}px wide no screen scrolls sideways`, async () => {
      const page = await open(`${base}/`, { width, height: 667 });
      await page.locator(".day").first().waitFor();
      await noHorizontalOverflow(page, "home");
      if (width === 375) await page.screenshot({ path: path.join(shots, "home-375.png") });
      await page.goto(`${base}/t/`);
      await setTrainee(page);
      await startExam(page, "basic.md");
      await noHorizontalOverflow(page, "exam");
      for (let i = 0; i < 5; i++) await next(page);
      await noHorizontalOverflow(page, "matching question");
      if (width === 375) {
        await page.goto(`${base}/t/#/`);
        await startExamOnPhoneScreenshot(page);
      }
      await submit(page);
      await noHorizontalOverflow(page, "result");
      if (width === 375) await page.screenshot({ path: path.join(shots, "result-375.png") });
      const small = await page.evaluate(() =>
        [...document.querySelectorAll("button, .btn, a.exam-link, .nav-cell, .option")]
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ t: el.innerText.slice(0, 20), h: el.getBoundingClientRect().height }))
          .filter((r) => r.h < 44));
      assert.deepEqual(small, [], "tap targets are at least 44px high");
      await page.context().close();
    });
  }
});

async function startExamOnPhoneScreenshot(page) {
  await page.getByText("你有一场未交卷的考试").waitFor();
  await page.getByRole("link", { name: "继续考试" }).click();
  await page.locator(".question").waitFor();
  await page.screenshot({ path: path.join(shots, "exam-375.png") });
}
