// The loading state of index.html itself (issue 12): shown while the wasm downloads, gone once
// the app has mounted. The server, browser and helpers are in harness.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { base, browser, shots, noHorizontalOverflow } from "./harness.mjs";

test("while the wasm downloads the page shows a loading state, which goes once the app mounts", async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, serviceWorkers: "block" });
  const page = await context.newPage();
  // Hold the wasm back, as a slow phone network would.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${base}/`);
  const boot = page.locator("#boot");
  await boot.getByText("考试系统加载中").waitFor();
  assert.ok(await boot.getByText("客服上岗考试").isVisible(), "the loading state carries the app's name");
  await noHorizontalOverflow(page, "loading state at 375 px");
  await page.screenshot({ path: path.join(shots, "loading-375.png") });

  release();
  await page.locator(".topbar").waitFor();
  await page.locator(".day").first().waitFor();
  assert.equal(await boot.isVisible(), false, "the loading state is hidden once the app has mounted");
  assert.equal(await page.getByRole("status").filter({ hasText: "考试系统加载中" }).count(), 0);
  await context.close();
});
