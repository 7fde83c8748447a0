// Retries rotate through the pool: three attempts drawing 2 of 6 questions show all six,
// because the start page passes the trainee's earlier attempts to the draw. (Three independent
// random draws would show all six only about 3% of the time.)

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { open, setTrainee, submit, next, base } from "./harness.mjs";

const BANK = [
  "---", "title: 轮换小测", "draw: 2", "attempts: 3", "shuffle_options: false", "---", "",
  ...[1, 2, 3, 4, 5, 6].flatMap((i) => [`## 第 ${i} 号说法是对的。 {#s${i}}`, "", "答案：对", "", "> 测试。", ""]),
].join("\n");

describe("rotation", () => {
  test("three attempts drawing 2 of 6 questions show every question", async () => {
    const page = await open(`${base}/t/`);
    await setTrainee(page);
    await page.locator('.dropzone input[type="file"]').setInputFiles({
      name: "轮换.md", mimeType: "text/markdown", buffer: Buffer.from(BANK),
    });
    await page.getByRole("heading", { name: "轮换小测" }).waitFor();
    const start = page.url();
    const seen = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.getByRole("button", { name: "开始考试" }).click();
      await page.locator(".question").waitFor();
      const first = await page.locator(".q-title").innerText();
      await next(page);
      await page.getByText("第 2 / 2 题").waitFor();
      const second = await page.locator(".q-title").innerText();
      seen.push(first, second);
      await submit(page);
      await page.goto(start);
      await page.getByRole("heading", { name: "轮换小测" }).waitFor();
    }
    assert.equal(new Set(seen).size, 6, `seen: ${seen.join(" / ")}`);
    // All three attempts are used up.
    assert.ok(await page.getByText("考试次数已用完").isVisible());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
