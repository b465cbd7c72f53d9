import { expect, test } from "@playwright/test";
import { CONTRACT_KLING_EMAIL } from "../helpers/useapi-contract-server";
import { OWNER_STATE, SPEECH, VIDEO, expectVideoPlays, screenshotBothSchemes } from "./support";

test.use({ storageState: OWNER_STATE });

const ACCOUNT = "kling-studio@example.com";

test("add a Kling via useapi.net account in Settings and run a task on it, with its upstream id and status shown", async ({ page, context }) => {
  await page.goto("/settings");
  // A local account beside it, so New task offers the choice.
  await page.locator("#account-email").fill("local-08@example.com");
  await page.getByRole("button", { name: "Add account", exact: true }).click();
  await expect(page.getByRole("list", { name: "Your accounts" }).getByRole("paragraph").filter({ hasText: /^local-08@example\.com$/ })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a Kling via useapi.net account" });
  await expect(form.getByRole("link", { name: "How to set it up" })).toHaveAttribute("href", "/docs/providers");
  const guide = await context.newPage();
  await guide.goto("/docs/providers");
  await expect(guide.getByRole("heading", { name: "Setting up a useapi account" })).toBeVisible();
  await guide.close();
  await form.getByLabel("Account email").fill(ACCOUNT);
  await form.getByLabel("useapi.net API token").fill("user:1-wrong");
  await form.getByLabel("Kling email at useapi.net").fill(CONTRACT_KLING_EMAIL);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("alert")).toContainText("refused the token (401");

  // The contract server's "slow" token: the task stays processing upstream for a while.
  await form.getByLabel("useapi.net API token").fill("user:1-slow");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status")).toContainText(`Kling account ${CONTRACT_KLING_EMAIL} is configured`);
  await form.getByRole("button", { name: "Add useapi account" }).click();
  await expect(form.getByRole("status")).toContainText("Account added.");
  const accounts = page.getByRole("list", { name: "Your accounts" });
  await expect(accounts.getByText(`Kling via useapi.net (${CONTRACT_KLING_EMAIL}, token …slow)`)).toBeVisible();
  await expect(page.getByText("user:1-slow")).toHaveCount(0);
  await screenshotBothSchemes(page, "settings-useapi");

  const history = await context.newPage();
  await history.goto("/tasks");

  await page.goto("/new");
  const picker = page.getByLabel("Account", { exact: true });
  await expect(picker.locator("option", { hasText: `${ACCOUNT} (Kling via useapi.net)` })).toHaveCount(1);
  await picker.selectOption(ACCOUNT);
  await expect(page.getByText("Runs on Kling through useapi.net")).toBeVisible();
  await page.getByLabel("Video file").setInputFiles(VIDEO);
  await page.getByLabel("Audio file").setInputFiles(SPEECH);
  await page.getByRole("button", { name: "Start lip sync" }).click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
  const taskId = Number(page.url().split("/").pop());

  await expect(page.getByText("Kling via useapi.net").first()).toBeVisible();
  await expect(page.getByTestId("upstream-task")).toHaveText(/^\d+$/, { timeout: 60_000 });
  await expect(page.getByText(/· processing/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Running at Kling (useapi.net)", { exact: true })).toBeVisible();
  await screenshotBothSchemes(page, "task-useapi-running");

  await expect(page.getByLabel("Result video", { exact: true })).toBeVisible({ timeout: 180_000 });
  await expectVideoPlays(page, "Result video");
  await expect(page.getByText(/· succeed/)).toBeVisible();

  const row = history.getByRole("link", { name: new RegExp(`Task ${taskId}\\b`) });
  await expect(row.getByText(/Kling via useapi\.net · \d+/)).toBeVisible({ timeout: 30_000 });
  await expect(row.getByText("Done")).toBeVisible({ timeout: 30_000 });
});
