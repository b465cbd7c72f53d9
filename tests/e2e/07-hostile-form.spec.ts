import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OWNER_STATE, SPEECH, VIDEO, fillLink, makeMedia, serveFiles } from "./support";

test.use({ storageState: OWNER_STATE });

const RUN = path.resolve("test-results/e2e-run");

/** Chooses a file for the Video or Audio input and expects the form to refuse it with `message`. */
async function expectFileRefused(page: import("@playwright/test").Page, input: "Video file" | "Audio file", file: string | { name: string; mimeType: string; buffer: Buffer }, message: RegExp) {
  await page.goto("/new");
  await page.getByLabel(input).setInputFiles(file);
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start lip sync" })).toBeDisabled();
}

test.describe("the new lip sync form refuses broken and hostile input with a clear message", () => {
  test("a zero-byte video", async ({ page }) => {
    await expectFileRefused(page, "Video file", { name: "empty.mp4", mimeType: "video/mp4", buffer: Buffer.alloc(0) }, /empty|not a video/i);
  });

  test("random bytes named .mp4", async ({ page }) => {
    await expectFileRefused(page, "Video file", { name: "noise.mp4", mimeType: "video/mp4", buffer: randomBytes(64 * 1024) }, /not a video/i);
  });

  test("an audio file given as the video", async ({ page }) => {
    await expectFileRefused(page, "Video file", SPEECH, /speech\.wav” is not a video/i);
  });

  test("random bytes given as the audio", async ({ page }) => {
    await expectFileRefused(page, "Audio file", { name: "noise.wav", mimeType: "audio/wav", buffer: randomBytes(64 * 1024) }, /not audio/i);
  });

  for (const [name, url] of [
    ["file://", "file:///etc/passwd"],
    ["ftp://", "ftp://example.com/face.mp4"],
    ["javascript:", "javascript:alert(1)"],
    ["a 3000-character URL", `https://example.com/${"a".repeat(3000)}.mp4`],
  ] as const) {
    test(`a video link with ${name}`, async ({ page }) => {
      await page.goto("/new");
      await fillLink(page, "Video", url);
      await page.getByLabel("Video URL").blur();
      await expect(page.getByRole("alert").filter({ hasText: /http:\/\/ or https:\/\/|too long/ })).toBeVisible();
      await expect(page.getByRole("button", { name: "Start lip sync" })).toBeDisabled();
    });
  }

  test("a cut-off video fails its task with what to do", async ({ page }) => {
    // Its header is intact (the index is at the front), so only decoding finds the missing frames.
    const truncated = path.join(RUN, "truncated.mp4");
    writeFileSync(truncated, readFileSync(VIDEO).subarray(0, 40_000));
    await page.goto("/new");
    await page.getByLabel("Video file").setInputFiles(truncated);
    await page.getByLabel("Audio file").setInputFiles(SPEECH);
    await page.getByRole("button", { name: "Start lip sync" }).click();
    await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
    await expect(page.getByRole("alert").filter({ hasText: /cut short.*Upload the complete file again/ })).toBeVisible({ timeout: 120_000 });
  });

  test("a video link that answers 404 fails the task with the reason", async ({ page }) => {
    const server = await serveFiles({});
    try {
      await page.goto("/new");
      await fillLink(page, "Video", server.url("/missing.mp4"));
      await page.getByLabel("Audio file").setInputFiles(SPEECH);
      await page.getByRole("button", { name: "Start lip sync" }).click();
      await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
      await expect(page.getByRole("alert").filter({ hasText: /404/ })).toBeVisible({ timeout: 120_000 });
    } finally {
      server.close();
    }
  });

  test("path tricks in a file name are neutralised", async ({ page }) => {
    const video = readFileSync(makeMedia("face-copy.mp4", ["-i", VIDEO, "-c", "copy"]));
    await page.goto("/new");
    await page.getByLabel("Video file").setInputFiles({ name: "../../../etc/passwd.mp4", mimeType: "video/mp4", buffer: video });
    await page.getByLabel("Audio file").setInputFiles(SPEECH);
    await page.getByRole("button", { name: "Start lip sync" }).click();
    await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
    const taskId = page.url().split("/").pop();
    const detail = await page.request.get(`/api/studio/tasks/${taskId}`);
    const body = JSON.stringify(await detail.json());
    expect(body).not.toContain("../");
    expect(body).toContain("passwd.mp4");
  });
});
