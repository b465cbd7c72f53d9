import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { OWNER_STATE, expectVideoPlays, readRunState, screenshotBothSchemes } from "./support";

// studio.lan is this server by another name, as a colleague's machine would reach it.
const LAN_HOST = "studio.lan";
test.use({
  storageState: OWNER_STATE,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`,
    ],
  },
});

/** The studio's origin under the LAN name (same port). */
function lanOrigin(baseURL: string | undefined): string {
  return `http://${LAN_HOST}:${new URL(baseURL!).port}`;
}

async function ensureShareLink(page: import("@playwright/test").Page): Promise<void> {
  const create = page.getByRole("button", { name: "Create share link" });
  if (await create.isVisible()) await create.click();
  await expect(page.getByLabel("Share link", { exact: true })).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
}

test("on the server's own address, share links and Settings say the links work on this computer only", async ({ page, baseURL }) => {
  const { taskId } = readRunState();
  expect(taskId, "02-lipsync made a task").toBeTruthy();
  await page.goto(`/tasks/${taskId}`);
  await ensureShareLink(page);
  await expect(page.getByLabel("Share link", { exact: true })).toHaveValue(new RegExp(`^${baseURL}/s/`));
  const notice = page.getByRole("status").filter({ hasText: "These links work on this computer only" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("PUBLIC_BASE_URL");
  await screenshotBothSchemes(page, "task-share-loopback");

  await page.goto("/settings");
  await expect(page.getByRole("status").filter({ hasText: "These links work on this computer only" })).toBeVisible();
});

test("opened by another name, links follow that host, the notice is gone, and a colleague's browser plays the share", async ({ browser, baseURL }) => {
  const { taskId } = readRunState();
  const origin = lanOrigin(baseURL);
  // The owner's session, for the other name too.
  const state = JSON.parse(readFileSync(OWNER_STATE, "utf8")) as { cookies: Array<{ domain: string }> };
  const owner = await browser.newContext({ storageState: { ...state, cookies: state.cookies.map((cookie) => ({ ...cookie, domain: LAN_HOST })) } as never });
  const page = await owner.newPage();
  await page.goto(`${origin}/tasks/${taskId}`);
  const shareInput = page.getByLabel("Share link", { exact: true });
  await expect(shareInput).toHaveValue(new RegExp(`^${origin}/s/[A-Za-z0-9_-]{22}$`));
  await expect(page.getByText("These links work on this computer only")).toHaveCount(0);
  await expect(page.getByText(`${origin}/v1/kling/tasks/${taskId}`).first()).toBeVisible();
  const shareUrl = await shareInput.inputValue();

  await page.goto(`${origin}/settings`);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByText("These links work on this computer only")).toHaveCount(0);
  await owner.close();

  const colleague = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const share = await colleague.newPage();
  expect((await share.goto(shareUrl))?.status()).toBe(200);
  await expectVideoPlays(share, "Result video");
  await expect(share.locator('meta[property="og:video"]')).toHaveAttribute("content", new RegExp(`^${origin}/s/`));
  await colleague.close();
});

test("the webhook guide is a page, linked from Settings and the new-task form", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("link", { name: "How to verify webhooks" }).click();
  await expect(page).toHaveURL(/\/docs\/webhooks$/);
  await expect(page.getByRole("heading", { name: "Verifying the signature" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Delivery, retries and limits" })).toBeVisible();
  await expect(page.getByText("def verify_lipsync_signature")).toBeVisible();
  await expect(page.getByText("function verifyLipsyncSignature")).toBeVisible();
  await screenshotBothSchemes(page, "docs-webhooks");

  await page.goto("/new");
  await expect(page.getByRole("link", { name: "How to verify the signature" })).toHaveAttribute("href", "/docs/webhooks");
  await page.goto("/docs/api#webhooks");
  await expect(page.getByRole("link", { name: "the webhook guide" })).toHaveAttribute("href", "/docs/webhooks");
});
