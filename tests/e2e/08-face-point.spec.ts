import { expect, test } from "@playwright/test";
import { OWNER_STATE, SPEECH, VIDEO, makeMedia, screenshotBothSchemes } from "./support";

test.use({ storageState: OWNER_STATE });

test("click the face to sync on the video preview, clear it, choose again: the task gets the point", async ({ page }) => {
  // Two faces side by side (the right one smaller), made from the fixture: 640x320.
  const twoFaces = makeMedia("two-faces.mp4", [
    "-i", VIDEO, "-t", "2", "-filter_complex", "[0:v]split[a][b];[b]scale=288:288,pad=320:320:16:16[c];[a][c]hstack",
    "-c:v", "libx264", "-pix_fmt", "yuv420p",
  ]);
  await page.goto("/new");
  const picture = page.getByRole("button", { name: "Choose the face to sync: click on it in the picture" });
  await expect(picture).toHaveCount(0);

  await page.getByLabel("Video file").setInputFiles(twoFaces);
  await page.getByLabel("Audio file").setInputFiles(SPEECH);
  await expect(picture).toBeVisible();
  await expect(page.getByText("No face chosen: the largest face is synced.")).toBeVisible();
  // Once the video's size is known the clickable box is exactly the picture (2:1).
  await expect.poll(async () => {
    const box = await picture.boundingBox();
    return box ? Math.round((box.width / box.height) * 100) / 100 : 0;
  }).toBe(2);
  const box = (await picture.boundingBox())!;

  const marker = page.getByTestId("face-point-marker");
  await picture.click({ position: { x: box.width * 0.25, y: box.height * 0.5 } });
  await expect(page.getByText("Face chosen at 25% across, 50% down.")).toBeVisible();
  await expect(marker).toBeVisible();
  await page.getByRole("button", { name: "Clear", exact: true }).click();
  await expect(marker).toHaveCount(0);
  await expect(page.getByText("No face chosen: the largest face is synced.")).toBeVisible();

  await picture.click({ position: { x: box.width * 0.73, y: box.height * 0.47 } });
  await expect(page.getByText("Face chosen at 73% across, 47% down.")).toBeVisible();
  // The marker sits where the click was (boxes read again: the click may have scrolled the page).
  const [mark, now] = [(await marker.boundingBox())!, (await picture.boundingBox())!];
  expect(Math.abs(mark.x + mark.width / 2 - (now.x + now.width * 0.73))).toBeLessThan(2);
  expect(Math.abs(mark.y + mark.height / 2 - (now.y + now.height * 0.47))).toBeLessThan(2);
  await screenshotBothSchemes(page, "new-face-point");

  await page.getByRole("button", { name: "Start lip sync" }).click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
  const taskId = Number(page.url().split("/").pop());
  // The studio's session reads the API: the task carries the point, as fractions of the picture.
  const task = await page.request.get(`/v1/kling/tasks/${taskId}`);
  expect(task.status()).toBe(200);
  const { facePoint } = ((await task.json()) as { task: { taskInfo: { extraArgs: { facePoint: { x: number; y: number } } } } }).task.taskInfo.extraArgs;
  expect(facePoint.x).toBeCloseTo(0.73, 2);
  expect(facePoint.y).toBeCloseTo(0.47, 2);
  await expect(page.getByLabel("Result video", { exact: true })).toBeVisible({ timeout: 300_000 });
});
