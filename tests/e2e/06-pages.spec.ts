import { expect, test } from "@playwright/test";
import { OWNER_STATE, readRunState, screenshotBothSchemes } from "./support";

test.use({ storageState: OWNER_STATE });

test("screenshots of the remaining pages, light and dark, on desktop and phone", async ({ page }) => {
  const { taskId } = readRunState();
  await page.goto("/new");
  await screenshotBothSchemes(page, "new");
  await page.goto("/docs/api");
  await screenshotBothSchemes(page, "api-docs");
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, path] of [["phone-new", "/new"], ["phone-history", "/tasks"], ["phone-task", `/tasks/${taskId}`], ["phone-settings", "/settings"]]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await screenshotBothSchemes(page, name);
  }
});

test("the task page deletes a task after confirmation", async ({ page }) => {
  const { failedTaskId } = readRunState();
  expect(failedTaskId, "04-errors made a failed task").toBeTruthy();
  await page.goto(`/tasks/${failedTaskId}`);
  await page.getByRole("button", { name: "Delete task" }).click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  expect((await page.goto(`/tasks/${failedTaskId}`))?.status()).toBe(404);
});
