import { expect, test } from "@playwright/test";
import { OWNER_STATE, expectVideoPlays, readRunState, screenshotBothSchemes } from "./support";

test.use({ storageState: OWNER_STATE });

test("a share link plays without a session, and is 404 once revoked", async ({ page, browser }) => {
  const { taskId } = readRunState();
  expect(taskId, "02-lipsync made a task").toBeTruthy();
  await page.goto(`/tasks/${taskId}`);
  await page.getByRole("button", { name: "Create share link" }).click();
  const shareInput = page.getByLabel("Share link", { exact: true });
  await expect(shareInput).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
  const shareUrl = await shareInput.inputValue();
  const slug = shareUrl.split("/").pop()!;
  await screenshotBothSchemes(page, "task-shared");

  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  const response = await publicPage.goto(`/s/${slug}`);
  expect(response?.status()).toBe(200);
  await expectVideoPlays(publicPage, "Result video");
  await expect(publicPage.getByLabel("Original video", { exact: true })).toHaveCount(0);
  await expect(publicPage.locator('meta[property="og:video"]')).toHaveAttribute("content", /^http.*\/s\/.+/);
  await expect(publicPage.locator('meta[property="og:image"]')).toHaveAttribute("content", /^http/);
  await screenshotBothSchemes(publicPage, "share");

  // The owner chooses to show the original too.
  const actionSent = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await page.getByRole("checkbox", { name: "Show the original on the share page" }).check();
  const originalShown = async () => {
    await publicPage.reload();
    return publicPage.getByLabel("Original video", { exact: true }).count();
  };
  await expect.poll(originalShown).toBe(1);

  // The same server action replayed by another site (the owner's cookies, a foreign Origin) is refused.
  const action = await actionSent;
  expect(action.postData()).toContain("true");
  const forged = await page.request.post(action.url(), {
    headers: { ...action.headers(), origin: "https://evil.example" },
    data: action.postData()!.replace("true", "false"),
  });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(await originalShown()).toBe(1);
  // Control: the very same request from our own origin goes through.
  const genuine = await page.request.post(action.url(), { headers: action.headers(), data: action.postData()!.replace("true", "false") });
  expect(genuine.status()).toBe(200);
  await expect.poll(originalShown).toBe(0);

  await page.getByRole("button", { name: "Revoke link" }).click();
  await page.getByRole("dialog", { name: "Revoke the share link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByRole("button", { name: "Create share link" })).toBeVisible();
  expect((await publicPage.goto(`/s/${slug}`))?.status()).toBe(404);
  expect((await visitor.request.get(`/s/${slug}/video`)).status()).toBe(404);
  await visitor.close();
});

test("renewing a link makes a new one and ends the old one", async ({ page, browser }) => {
  const { taskId } = readRunState();
  await page.goto(`/tasks/${taskId}`);
  await page.getByRole("button", { name: "Create share link" }).click();
  const shareInput = page.getByLabel("Share link", { exact: true });
  await expect(shareInput).toHaveValue(/\/s\/.{22}$/);
  const first = (await shareInput.inputValue()).split("/").pop()!;
  await page.getByRole("button", { name: "Renew link" }).click();
  await expect(shareInput).not.toHaveValue(new RegExp(`${first}$`));
  const second = (await shareInput.inputValue()).split("/").pop()!;
  const visitor = await browser.newContext();
  expect((await visitor.request.get(`/s/${first}`)).status()).toBe(404);
  expect((await visitor.request.get(`/s/${second}`)).status()).toBe(200);
  await visitor.close();
});
