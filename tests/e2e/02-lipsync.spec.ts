import { expect, test } from "@playwright/test";
import { OWNER_STATE, SPEECH, VIDEO, expectVideoPlays, fillLink, saveRunState, screenshotBothSchemes, serveFiles } from "./support";

test.use({ storageState: OWNER_STATE });

test("upload a video and an audio, watch the progress reach the result, and see it live in the history", async ({ page, context }) => {
  // The history is open in another tab before the task exists: it must show up there by itself.
  const history = await context.newPage();
  await history.goto("/tasks");
  await expect(history.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(history.getByText("No lip syncs yet")).toBeVisible();
  await screenshotBothSchemes(history, "history-empty");

  await page.goto("/new");
  await page.getByLabel("Video file").setInputFiles(VIDEO);
  await page.getByLabel("Audio file").setInputFiles(SPEECH);
  await expect(page.getByText("astronaut.mp4")).toBeVisible();
  await expect(page.getByText("speech.wav")).toBeVisible();
  await screenshotBothSchemes(page, "new-filled");
  await page.getByRole("button", { name: "Start lip sync" }).click();

  await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
  const taskId = Number(page.url().split("/").pop());
  saveRunState({ taskId });
  await expect(page.getByRole("heading", { name: `Task ${taskId}` })).toBeVisible();

  // Live progress while the worker runs: the bar moves without a reload.
  const progress = page.getByRole("progressbar", { name: "Task progress" });
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        // A short timeout: the bar goes away when the task finishes, and getAttribute would wait for it.
        const value = await progress.getAttribute("aria-valuenow", { timeout: 500 }).catch(() => null);
        if (value !== null) seen.add(value);
        return page.getByLabel("Result video", { exact: true }).isVisible();
      },
      { timeout: 300_000, intervals: [250] },
    )
    .toBe(true);
  expect(seen.size, `progress values seen: ${[...seen].join(", ")}`).toBeGreaterThan(1);

  await expectVideoPlays(page, "Result video");
  await expect(page.getByRole("link", { name: "Download" })).toBeVisible();
  await screenshotBothSchemes(page, "task-done");

  const row = history.getByRole("link", { name: new RegExp(`Task ${taskId}\\b.*astronaut\\.mp4`) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByText("Done")).toBeVisible({ timeout: 30_000 });
  await screenshotBothSchemes(history, "history");
});

test("the URL input path: links to a video and an audio", async ({ page }) => {
  const server = await serveFiles({ "/clip.mp4": VIDEO, "/voice.wav": SPEECH });
  try {
    await page.goto("/new");
    await fillLink(page, "Video", server.url("/clip.mp4"));
    await fillLink(page, "Audio", server.url("/voice.wav"));
    await page.getByRole("button", { name: "Start lip sync" }).click();
    await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
    await expect(page.getByLabel("Result video", { exact: true })).toBeVisible({ timeout: 300_000 });
    await expectVideoPlays(page, "Result video");
  } finally {
    server.close();
  }
});
