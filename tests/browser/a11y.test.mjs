// Accessibility of every screen, checked by axe-core in the release build: home, start, exam,
// practice, result, history, wrong-answer book, typing test and trainer desk, each at zero
// serious and zero moderate findings (minor ones are listed, not failed on). A finding names
// the rule, its impact and the elements, so a failure says what to fix.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { base, open, setTrainee, startExam, answerBasicCorrectly, submit } from "./harness.mjs";

/** The axe findings of the page as it is, serious and moderate ones as readable lines. */
async function findings(page, screen) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical" || v.impact === "moderate");
  for (const v of violations.filter((v) => !bad.includes(v))) {
    console.log(`${screen}: (${v.impact}) ${v.id}: ${v.help}`);
  }
  return bad.map((v) => `${screen}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(", ")}`);
}

describe("accessibility (axe-core)", () => {
  test("every screen a trainee and a trainer see has no serious or moderate finding", async () => {
    const page = await open(`${base}/t/`);
    const problems = [];
    await page.getByRole("heading", { name: "浏览器测试课程" }).waitFor();
    problems.push(...(await findings(page, "home")));
    await setTrainee(page);

    await page.goto(`${base}/t/#/start/${encodeURIComponent("exams/basic.md")}`);
    await page.getByRole("button", { name: "开始考试" }).waitFor();
    problems.push(...(await findings(page, "start")));

    await startExam(page, "basic.md");
    problems.push(...(await findings(page, "exam")));
    await answerBasicCorrectly(page);
    await submit(page);
    await page.locator(".result").waitFor();
    problems.push(...(await findings(page, "result")));

    await page.goto(`${base}/t/#/start/${encodeURIComponent("exams/basic.md")}`);
    await page.getByRole("button", { name: /练习模式/ }).click();
    await page.locator(".question").waitFor();
    await page.locator(".tf-options .option, .options .option").first().click();
    await page.getByRole("button", { name: "检查答案" }).click();
    await page.locator(".practice-feedback").waitFor();
    problems.push(...(await findings(page, "practice")));

    await page.goto(`${base}/t/#/history`);
    await page.locator("main h1, main h2").first().waitFor();
    problems.push(...(await findings(page, "history")));

    await page.goto(`${base}/t/#/wrong`);
    await page.locator("main h1, main h2").first().waitFor();
    problems.push(...(await findings(page, "wrong-answer book")));

    await page.goto(`${base}/t/#/typing/${encodeURIComponent("exams/typing.md")}`);
    await page.locator("#typing-input, main h1").first().waitFor();
    problems.push(...(await findings(page, "typing")));

    await page.goto(`${base}/t/#/desk/`);
    await page.locator("main h1, main h2").first().waitFor();
    problems.push(...(await findings(page, "desk")));

    assert.deepEqual(problems, []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
