// The trainer desk (培训老师), end to end on the release build: three trainees take the basic
// exam in the app and export their results; one file gets a raised score, one attempt was taken
// before the true/false question's key was corrected (that trainee's browser is served the
// earlier version, tests/browser/site/basic-old.md, as exams/basic.md). The trainer drops the
// three files and a non-export file together, then checks the table and its flags, marks a
// reply, commits a re-grade, looks at the item analysis and downloads the cohort CSV; the
// trainee imports the trainer's comments and sees them on their result page.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  here, shots, base, browser, startExam, answerBasicCorrectly, submit, noHorizontalOverflow, readDownload,
} from "./harness.mjs";

async function context({ width = 1280, height = 800, oldBank = false } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, serviceWorkers: "block" });
  if (oldBank) {
    const old = fs.readFileSync(path.join(here, "site", "basic-old.md"));
    await ctx.route("**/t/exams/basic.md", (route) =>
      route.fulfill({ status: 200, contentType: "text/markdown; charset=utf-8", body: old }));
  }
  const page = await ctx.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

/** A trainee takes basic.md (answering with `reply`) and exports every result as JSON. */
async function takeAndExport(page, name, no, reply) {
  await page.goto(`${base}/t/`);
  await page.locator("#trainee-name").fill(name);
  await page.locator("#trainee-no").fill(no);
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByText(`学员：${name}`).waitFor();
  await startExam(page, "basic.md");
  await answerBasicCorrectly(page);
  await page.locator(".reply textarea").fill(reply);
  await submit(page);
  await page.goto(`${base}/t/#/history`);
  const file = await readDownload(page, "导出全部（JSON）");
  return JSON.parse(file.text);
}

const files = {};
let trainee; // 张三's page, kept open to import the trainer's comments at the end

test("three trainees take the exam and export their results", async () => {
  trainee = await context();
  files.zhang = await takeAndExport(trainee, "张三", "A001", "不好意思亲，这已经是活动优惠价了");

  const li = await context();
  files.li = await takeAndExport(li, "李四", "A002", "好的，收到");
  // 李四 raises the reply's score, and the totals with it, in the file before sending it.
  const res = files.li.attempts[0].result;
  const reply = res.questions.find((q) => q.key.endsWith("#reply"));
  assert.equal(reply.score, 0);
  reply.score = reply.max;
  res.score = res.max;
  res.percent = 100;
  res.passed = true;
  await li.context().close();

  // 王五 took the exam before the true/false key was corrected from 错 to 对.
  const wang = await context({ oldBank: true });
  files.wang = await takeAndExport(wang, "王五", "A003", "不好意思，这是优惠价");
  const wangRes = files.wang.attempts[0].result;
  assert.equal(wangRes.questions.find((q) => q.key.endsWith("#tf")).score, 0, "answered 对 on the old key");
  await wang.context().close();
});

test("the trainer collects the files, sees the table and its flags, marks a reply and checks the analysis and the CSV", async () => {
  const page = await context();
  await page.goto(`${base}/t/`);
  await page.getByRole("link", { name: "培训老师" }).click();
  await page.getByRole("heading", { name: "培训老师" }).waitFor();
  const json = (name, data) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(data)) });
  await page.locator('.desk-collect input[type="file"]').setInputFiles([
    json("张三.json", files.zhang),
    json("李四.json", files.li),
    json("王五.json", files.wang),
    { name: "成绩表.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF姓名,工号\r\n张三,A001\r\n") },
    { name: "半截.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(files.zhang).slice(0, 300)) },
  ]);
  await page.getByText("已收集 3 名学员的 3 条记录").waitFor();
  // The reports show once every file is read, which can be after the count.
  await page.getByText("成绩表.csv：未导入，这是 CSV 表格，请导入学员导出的 JSON 结果文件").waitFor();
  assert.match(await page.locator(".desk-reports li", { hasText: "半截.json" }).innerText(), /半截\.json：未导入，文件不完整.*被截断/);
  assert.ok(await page.getByText("张三.json：导入 1 条记录").isVisible());
  // The same file again (e.g. sent twice) adds nothing.
  await page.locator('.desk-collect input[type="file"]').setInputFiles([json("张三-副本.json", files.zhang)]);
  await page.getByText("张三-副本.json：导入 0 条记录，1 条已存在（重复）").waitFor();
  assert.ok(await page.getByText("已收集 3 名学员的 3 条记录").isVisible());

  // The table: one row each, with the flags.
  const rows = page.locator("table.cohort tbody tr");
  await rows.nth(2).waitFor();
  assert.equal(await rows.count(), 3);
  const row = (name) => page.locator("table.cohort tbody tr", { hasText: name });
  assert.match(await row("张三").innerText(), /100% \/ 100%[\s\S]*已通过/);
  assert.match(await row("李四").innerText(), /⚠ 分数被改/);
  assert.match(await row("王五").innerText(), /题库已改/);
  assert.doesNotMatch(await row("张三").innerText(), /分数被改|题库已改/);
  // Filters: nobody has passed days 2–4 yet; on day 1 everyone's file claims a pass (李四's
  // stored 100% included, flagged above), so no one is left there.
  await page.getByLabel("只看未通过").check();
  assert.equal(await rows.count(), 3);
  await page.getByLabel("天：").selectOption({ label: "第 1 天：基础" });
  assert.equal(await rows.count(), 0);
  await page.getByLabel("只看未通过").uncheck();
  assert.equal(await rows.count(), 3);
  assert.equal(await page.locator("table.cohort thead th").count(), 3, "name, number and the one exam of day 1");
  await page.getByLabel("天：").selectOption({ label: "全部" });
  await page.screenshot({ path: path.join(shots, "desk-table-1280.png"), fullPage: true });

  // A trainee's attempts, and one attempt's review with the trainer's extras.
  await row("李四").getByRole("button", { name: "李四" }).click();
  await page.getByRole("heading", { name: "李四 A002 的考试记录" }).waitFor();
  assert.ok(await page.getByText("文件可能被改过").first().isVisible());
  await page.locator(".desk-trainee .history-main").first().click();
  await page.getByRole("heading", { name: /李四 A002 · 基础测验/ }).waitFor();
  assert.ok(await page.locator("dt", { hasText: "离开页面" }).isVisible());
  assert.equal(await page.locator(".review").count(), 8);
  assert.ok(await page.getByText(/作答于开始后 \d\d:\d\d（距上一次作答 \d\d:\d\d）/).first().isVisible());
  await page.screenshot({ path: path.join(shots, "desk-attempt-1280.png") });

  // The re-grade dry run: named reasons, the forgery warning; commit 王五's new score.
  await page.goto(`${base}/t/#/desk/regrade`);
  await page.locator(".desk-forgery").waitFor();
  assert.match(await page.locator(".desk-forgery").innerText(), /伪造/);
  const liRun = page.locator(".desk-run", { hasText: "李四" });
  assert.match(await liRun.innerText(), /记录 100%（及格） → 重新评分 77\.78%（不及格）/);
  assert.match(await liRun.innerText(), /文件可能被改过/);
  const wangRun = page.locator(".desk-run", { hasText: "王五" });
  assert.match(await wangRun.innerText(), /在考试之后被修改过/);
  assert.doesNotMatch(await wangRun.innerText(), /文件可能被改过/);
  await wangRun.getByRole("button", { name: "采用新分数" }).click();
  await wangRun.getByText("已采用新分数").waitFor();
  await page.screenshot({ path: path.join(shots, "desk-regrade-1280.png"), fullPage: true });

  // Marking: 张三's reply gets a trainer's score and comment.
  await page.goto(`${base}/t/#/desk/marking`);
  await page.getByRole("heading", { name: "回复：顾客要求便宜，请回复" }).waitFor();
  assert.ok(await page.getByText("3 份回复，已批改 0 份").isVisible());
  const zhang = page.locator(".mark-item", { hasText: "张三 A001" });
  assert.match(await zhang.innerText(), /自动评分 2 \/ 2 分：命中要点 2\/2/);
  await zhang.locator(".mark-score").fill("3");
  await zhang.getByRole("button", { name: "保存批改" }).click();
  await zhang.getByText("分数应在 0 到 2 分之间").waitFor();
  await zhang.locator(".mark-score").fill("1.5");
  await zhang.locator(".mark-comment").fill("要点都有，但语气生硬，先安抚顾客");
  await zhang.getByRole("button", { name: "保存批改" }).click();
  await zhang.getByText("已批改：1.5 分（自动 2 分），评语：要点都有，但语气生硬，先安抚顾客").waitFor();
  // The trainer scored lower than the grader: the rubric change that would agree, to copy.
  const advice = zhang.locator(".rubric-advice");
  await advice.waitFor();
  const adviceText = await advice.innerText();
  assert.match(adviceText, /让自动评分和你一致/);
  assert.match(adviceText, /自动评分比你高/);
  assert.match(adviceText, /错误做法：\s*- 这已经是活动优惠价了：/);
  assert.match(adviceText, /- 3\/4：不好意思亲，这已经是活动优惠价了/);
  await zhang.screenshot({ path: path.join(shots, "desk-marking-advice-1280.png") });
  assert.ok(await page.getByText("3 份回复，已批改 1 份").isVisible());

  // The table now shows the marked and the committed scores.
  await page.goto(`${base}/t/#/desk/`);
  await row("张三").waitFor();
  assert.match(await row("张三").innerText(), /94\.44% \/ 94\.44%[\s\S]*已批改/);
  assert.match(await row("王五").innerText(), /100% \/ 100%/);

  // Item analysis: the chart and the table of questions.
  await page.goto(`${base}/t/#/desk/stats`);
  await page.locator(".item-chart svg").waitFor();
  assert.ok(await page.locator(".item-chart svg").isVisible());
  assert.equal(await page.locator(".item-chart .item-dot").count(), 8);
  assert.equal(await page.locator(".item-table tbody tr").count(), 8);
  // 李四's edited file is left out of the statistics.
  assert.match(await page.locator(".facts").innerText(), /份数\s*2/);
  assert.ok(await page.getByText("有 1 份记录疑似被改过（见“重新评分”），没有计入题目分析。").isVisible());
  // Everyone picked the right single-choice option: flagged too easy; its picks are listed.
  const single = page.locator(".item-table tbody tr", { hasText: "单选" });
  assert.match(await single.innerText(), /太容易/);
  assert.match(await single.innerText(), /选项：.*✓ 2 人/);
  await page.screenshot({ path: path.join(shots, "desk-stats-1280.png"), fullPage: true });

  // Exports: the cohort CSV, checked for content.
  await page.goto(`${base}/t/#/desk/export`);
  const csv = await readDownload(page, "下载班级成绩表（CSV）");
  assert.match(csv.name, /^班级成绩表-.*\.csv$/);
  assert.ok(csv.text.startsWith("\uFEFF姓名,工号,天,考试"), csv.text.slice(0, 40));
  assert.ok(csv.text.includes("\r\n"));
  const lines = csv.text.trim().split("\r\n");
  const line = (name) => lines.find((l) => l.startsWith(`${name},`) && l.includes("基础测验")) || "";
  assert.match(line("张三"), /,1,94\.44%,94\.44%,已通过,.*,已批改,/);
  assert.match(line("李四"), /,1,100%,100%,已通过,.*文件可能被改过/);
  assert.match(line("王五"), /,1,100%,100%,已通过,.*在考试之后被修改过/);
  const marks = await readDownload(page, "导出批改意见（JSON，发给学员）");
  const marksFile = JSON.parse(marks.text);
  assert.equal(marksFile.format, "kefu-exam-cohort");
  assert.equal(marksFile.attempts.length, 0);
  assert.deepEqual(page.errors, []);

  // 375 px: the table scrolls inside its card, the page itself does not.
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto(`${base}/t/#/desk/`);
  await row("张三").waitFor();
  await noHorizontalOverflow(page, "desk table at 375px");
  await page.screenshot({ path: path.join(shots, "desk-table-375.png"), fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: path.join(shots, "desk-table-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.goto(`${base}/t/#/desk/regrade`);
  await page.locator(".desk-run").first().waitFor();
  await noHorizontalOverflow(page, "desk regrade at 375px");
  await page.screenshot({ path: path.join(shots, "desk-regrade-375.png"), fullPage: true });
  await page.goto(`${base}/t/#/desk/stats`);
  await page.locator(".item-chart svg").waitFor();
  await noHorizontalOverflow(page, "desk stats at 375px");
  await page.screenshot({ path: path.join(shots, "desk-stats-375.png"), fullPage: true });
  await page.goto(`${base}/t/#/desk/marking`);
  await page.locator(".mark-item").first().waitFor();
  await noHorizontalOverflow(page, "desk marking at 375px");
  await page.screenshot({ path: path.join(shots, "desk-marking-375.png"), fullPage: false });

  // The cohort survives a reload (kept in the trainer's storage).
  await page.reload();
  await page.getByText("已收集 3 名学员的 3 条记录").waitFor();
  await page.context().close();

  // 张三 imports the trainer's comments and sees them on the result page.
  await trainee.goto(`${base}/t/#/history`);
  await trainee.locator('input[type="file"]').setInputFiles({ name: marks.name, mimeType: "application/json", buffer: Buffer.from(marks.text) });
  await trainee.getByText("导入了培训老师的批改：1 条属于这台设备上的成绩").waitFor();
  await trainee.locator(".history-main").first().click();
  await trainee.getByRole("heading", { name: "培训老师的批改" }).waitFor();
  assert.match(await trainee.locator(".trainer-comments").innerText(), /第 8 题：老师给 1\.5 \/ 2 分（自动评分 2 分）[\s\S]*评语：要点都有，但语气生硬，先安抚顾客/);
  assert.deepEqual(trainee.errors, []);
  await trainee.context().close();
});
