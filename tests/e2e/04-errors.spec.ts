import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OWNER_STATE, SPEECH, makeMedia, saveRunState, screenshotBothSchemes } from "./support";

test.use({ storageState: OWNER_STATE });

test("a file that is not media is refused in the browser with a clear message", async ({ page }) => {
  const notMedia = path.resolve("test-results/e2e-run/notes.mp4");
  writeFileSync(notMedia, "These are meeting notes, not a video.\n".repeat(50));
  await page.goto("/new");
  await page.getByLabel("Video file").setInputFiles(notMedia);
  await expect(page.getByRole("alert").filter({ hasText: /not a video/i })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start lip sync" })).toBeDisabled();
  await screenshotBothSchemes(page, "new-error");
});

test("an over-long video is refused in the browser before any upload", async ({ page }) => {
  const longVideo = makeMedia("long-61s.mp4", ["-f", "lavfi", "-i", "color=c=gray:s=64x64:r=5:d=61", "-c:v", "libx264", "-preset", "ultrafast"]);
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/v1/kling/assets")) uploads.push(request.url());
  });
  await page.goto("/new");
  await page.getByLabel("Video file").setInputFiles(longVideo);
  await expect(page.getByRole("alert").filter({ hasText: /60 s/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start lip sync" })).toBeDisabled();
  expect(uploads).toEqual([]);
});

test("a failed task says what went wrong and how to fix it", async ({ page }) => {
  // A real video without a face: the engine fails the task with NO_FACE_FOUND.
  const noFace = makeMedia("no-face.mp4", ["-f", "lavfi", "-i", "testsrc=s=320x240:r=25:d=3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
  await page.goto("/new");
  await page.getByLabel("Video file").setInputFiles(noFace);
  await page.getByLabel("Audio file").setInputFiles(SPEECH);
  await page.getByRole("button", { name: "Start lip sync" }).click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
  saveRunState({ failedTaskId: Number(page.url().split("/").pop()) });
  const alert = page.getByRole("alert").filter({ hasText: /face/i });
  await expect(alert).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText("Failed", { exact: true }).first()).toBeVisible();
  await screenshotBothSchemes(page, "task-failed");
});
