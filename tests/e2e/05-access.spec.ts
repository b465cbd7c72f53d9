import { expect, test } from "@playwright/test";
import { MEMBER, OWNER_STATE, readRunState, screenshotBothSchemes, signIn } from "./support";

test("sign-up opens only when the owner allows it, and a second user cannot open the first user's task", async ({ browser }) => {
  const { taskId } = readRunState();
  expect(taskId, "02-lipsync made a task").toBeTruthy();

  const stranger = await browser.newContext();
  const signUp = await stranger.newPage();
  await signUp.goto("/sign-up");
  await expect(signUp.getByText(/Sign-up is closed/)).toBeVisible();

  const owner = await browser.newContext({ storageState: OWNER_STATE });
  const settings = await owner.newPage();
  await settings.goto("/settings");
  await expect(settings.getByRole("heading", { name: "Settings" })).toBeVisible();
  await screenshotBothSchemes(settings, "settings");
  await settings.getByRole("checkbox", { name: "Allow sign-up" }).check();
  await expect(settings.getByRole("checkbox", { name: "Allow sign-up" })).toBeChecked();

  await expect.poll(async () => {
    await signUp.reload();
    return signUp.getByLabel("Email").count();
  }).toBe(1);
  await signUp.getByLabel("Email").fill(MEMBER.email);
  await signUp.getByLabel("Password").fill(MEMBER.password);
  await signUp.getByRole("button", { name: "Sign up" }).click();
  await expect(signUp).toHaveURL(/\/new$/);

  // The member sees an empty history and a 404 for the owner's task, its files and its JSON.
  await signUp.goto("/tasks");
  await expect(signUp.getByText("No lip syncs yet")).toBeVisible();
  const response = await signUp.goto(`/tasks/${taskId}`);
  expect(response?.status()).toBe(404);
  expect((await stranger.request.get(`/api/studio/tasks/${taskId}`)).status()).toBe(404);

  // Members cannot change the sign-up setting.
  await signUp.goto("/settings");
  await expect(signUp.getByText("Only the owner can change this")).toBeVisible();

  await settings.getByRole("checkbox", { name: "Allow sign-up" }).uncheck();
  await expect(settings.getByRole("checkbox", { name: "Allow sign-up" })).not.toBeChecked();
  await owner.close();

  await signUp.getByRole("button", { name: "Sign out" }).click();
  await signIn(signUp, MEMBER);
  await stranger.close();
});

test("API tokens made in settings work against the API and stop working once revoked", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: OWNER_STATE });
  const page = await owner.newPage();
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New token").inputValue();
  expect(token).toMatch(/^lss_/);

  const api = await browser.newContext();
  const accounts = await api.request.get("/v1/kling/accounts", { headers: { Authorization: `Bearer ${token}` } });
  expect(accounts.status()).toBe(200);

  const row = page.getByRole("listitem").filter({ hasText: "e2e script" });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect.poll(async () => (await api.request.get("/v1/kling/accounts", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await api.close();
  await owner.close();
});
