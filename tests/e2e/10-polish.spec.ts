/**
 * Issue 12's studio items: previews of videos the browser cannot play (HEVC), face-centred
 * thumbnails, both files uploaded at once after the links were checked, the sign-in that returns
 * to a deep link, the revoke confirmation, the Uploads page, one name for Max jobs, failure advice
 * said once, player-style durations, and the dark-mode switch.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Page, type Route, expect, test } from "@playwright/test";
import { OWNER, OWNER_STATE, SCREENSHOTS, SPEECH, VIDEO, expectVideoPlays, fillLink, makeMedia } from "./support";

test.use({ storageState: OWNER_STATE });
test.describe.configure({ mode: "serial" });

/** The astronaut at the top of a 9:16 HEVC frame, black below: a portrait shot Chromium cannot decode. */
const portraitHevc = () =>
  makeMedia("portrait-9x16-hevc.mp4", [
    "-i", VIDEO, "-vf", "pad=320:568:0:0:black", "-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1",
    "-x265-params", "log-level=error", "-c:a", "aac",
  ]);

let hevcTaskId = 0;

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

test("both files upload at once with one progress, and an HEVC original plays as the server's preview", async ({ page }) => {
  const hevc = portraitHevc();
  await page.goto("/new");
  await page.getByLabel("Video file").setInputFiles(hevc);
  // Chromium has no HEVC decoder here: the page says so instead of showing a black box.
  await expect(page.getByRole("note").filter({ hasText: "This browser cannot play this video’s format" })).toBeVisible();
  await page.getByLabel("Audio file").setInputFiles(SPEECH);
  await screenshot(page, "new-hevc-light");

  // Both uploads are held until both have started (sent one after the other, the second never
  // would) and the progress was seen: released earlier, small files finish before it is looked for.
  const held: Route[] = [];
  let releaseAll = () => {};
  const released = new Promise<void>((resolve) => (releaseAll = resolve));
  await page.route((url) => url.pathname === "/v1/kling/assets", async (route) => {
    held.push(route);
    await released;
    await route.continue();
  });
  await page.getByRole("button", { name: "Start lip sync" }).click();
  await expect.poll(() => held.length, { timeout: 15_000 }).toBe(2);
  await expect(page.getByRole("progressbar", { name: "Uploading video and audio" })).toBeVisible();
  releaseAll();

  await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
  hevcTaskId = Number(page.url().split("/").pop());
  const original = page.getByLabel("Original video", { exact: true });
  await expect(original).toHaveAttribute("src", /\/api\/studio\/assets\/[\w-]+\/preview$/, { timeout: 120_000 });
  await expect(page.getByText("Original (converted preview)")).toBeVisible();
  await expectVideoPlays(page, "Original video");
  expect(await original.evaluate((video: HTMLVideoElement) => [video.videoWidth, video.videoHeight])).toEqual([320, 568]);
  await screenshot(page, "task-hevc-preview-light");

  // The history's thumbnail is the poster centred on the face, not the middle of the tall frame.
  await page.goto("/tasks");
  const thumbnail = page.getByRole("link", { name: new RegExp(`Task ${hevcTaskId}\\b`) }).locator("img");
  await expect(thumbnail).toHaveAttribute("src", /\/poster$/);
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth / image.naturalHeight)).toBeCloseTo(16 / 9, 1);
  await screenshot(page, "history-poster-light");
});

test("a refused link is reported before the other file is uploaded", async ({ page }) => {
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/v1/kling/assets") uploads.push(request.url());
  });
  await page.goto("/new");
  // Cloud metadata addresses stay refused even with ALLOW_PRIVATE_URLS=1 (the test stack's setting).
  await fillLink(page, "Video", "http://169.254.169.254/latest/face.mp4");
  await page.getByLabel("Audio file").setInputFiles(SPEECH);
  await page.getByRole("button", { name: "Start lip sync" }).click();
  await expect(page.locator("#video-url-error")).toContainText(/refused/i);
  await expect(page).toHaveURL(/\/new$/);
  expect(uploads).toEqual([]);
});

test("the shared page plays the converted original; revoking asks first", async ({ page, browser }) => {
  await page.goto(`/tasks/${hevcTaskId}`);
  await expect(page.getByLabel("Result video", { exact: true })).toBeVisible({ timeout: 300_000 });
  await page.getByRole("button", { name: "Create share link" }).click();
  await page.getByRole("checkbox", { name: "Show the original on the share page" }).check();
  const url = await page.getByLabel("Share link").inputValue();
  await expect(page.getByRole("checkbox", { name: "Show the original on the share page" })).toBeChecked();

  const visitor = await browser.newContext();
  const shared = await visitor.newPage();
  await shared.goto(new URL(url).pathname);
  await expect(shared.getByLabel("Original video", { exact: true })).toHaveAttribute("src", /\/original-preview$/);
  await expectVideoPlays(shared, "Original video");
  await screenshot(shared, "share-hevc-light");

  await page.getByRole("button", { name: "Revoke link" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke the share link?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Share link")).toHaveValue(url);
  expect((await shared.goto(new URL(url).pathname))?.status()).toBe(200);

  await page.getByRole("button", { name: "Revoke link" }).click();
  await dialog.getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByRole("button", { name: "Create share link" })).toBeVisible();
  expect((await shared.goto(new URL(url).pathname))?.status()).toBe(404);
  await visitor.close();
});

test("signing in from a deep link lands on that page, never on another site", async ({ browser }) => {
  const context = await browser.newContext({ storageState: undefined });
  await context.clearCookies();
  const page = await context.newPage();
  await page.goto(`/tasks/${hevcTaskId}`);
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(`/tasks/${hevcTaskId}`)}`);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${hevcTaskId}$`));
  await expect(page.getByRole("heading", { name: `Task ${hevcTaskId}` })).toBeVisible();

  // Signed in, a crafted link to another site goes to the studio instead.
  for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await expect(page).toHaveURL(/\/new$/);
  }
  await context.close();
});

test("the Uploads page lists the files with the tasks using them, and deletes one after asking", async ({ page }) => {
  // An upload no task uses (the studio's own session may write with its origin).
  const spare = await page.request.post("/v1/kling/assets?fileName=spare.wav", {
    headers: { "Content-Type": "audio/wav", Origin: new URL(test.info().project.use.baseURL!).origin },
    data: await readFile(SPEECH),
  });
  expect(spare.status(), await spare.text()).toBe(200);
  const { url: spareUrl } = (await spare.json()) as { url: string };

  await page.goto(`/tasks/${hevcTaskId}`);
  await page.getByRole("button", { name: "Delete task" }).click();
  await expect(page.getByRole("dialog").getByRole("link", { name: "Uploads" })).toHaveAttribute("href", "/uploads");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  await page.goto("/uploads");
  const list = page.getByRole("list", { name: "Your uploads" });
  const hevcRow = list.getByRole("listitem").filter({ hasText: "portrait-9x16-hevc.mp4" });
  await expect(hevcRow).toContainText(`task ${hevcTaskId}`);
  await expect(hevcRow.locator("img")).toHaveAttribute("src", /\/poster$/);
  const spareRow = list.getByRole("listitem").filter({ hasText: "spare.wav" });
  await expect(spareRow).toContainText("No task uses it.");
  await screenshot(page, "uploads-light");

  await spareRow.getByRole("button", { name: "Delete spare.wav" }).click();
  await page.getByRole("dialog", { name: "Delete spare.wav?" }).getByRole("button", { name: "Delete file" }).click();
  await expect(spareRow).toHaveCount(0);
  expect((await page.request.get(new URL(spareUrl).pathname)).status()).toBe(404);
  await expect(hevcRow).toBeVisible();
});

test("small things: Max jobs is one name, failure advice is said once, durations read like the player", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByText("An account is a queue of your tasks")).toBeVisible();
  await expect(page.getByText("Runs at once")).toHaveCount(0);
  await expect(page.getByLabel(new RegExp(`^Max jobs for ${OWNER.email.replace(".", "\\.")}$`))).toBeVisible();

  // 7.5 s of sound: the player says 0:07, and so does the form.
  const sound = makeMedia("tone-7.5s.wav", ["-f", "lavfi", "-i", "sine=frequency=220:duration=7.5"]);
  await page.goto("/new");
  await page.getByLabel("Audio file").setInputFiles(sound);
  await expect(page.getByText(/ · 0:07$/)).toBeVisible();
  expect(await page.locator("audio").evaluate((audio: HTMLAudioElement) => audio.duration)).toBeCloseTo(7.5, 1);

  const noFace = makeMedia("no-face.mp4", ["-f", "lavfi", "-i", "testsrc=s=320x240:r=25:d=3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
  await page.getByLabel("Video file").setInputFiles(noFace);
  await page.getByRole("button", { name: "Start lip sync" }).click();
  await expect(page).toHaveURL(/\/tasks\/\d+$/, { timeout: 60_000 });
  const alert = page.getByRole("alert").filter({ hasText: "NO_FACE_FOUND" });
  await expect(alert).toBeVisible({ timeout: 300_000 });
  expect((await alert.innerText()).match(/Use a video/g)).toHaveLength(1);
});

test("the theme switch: system, light or dark, remembered, applied before the first paint", async ({ page }) => {
  const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto("/new");
  const theme = page.getByRole("radiogroup", { name: "Theme" });
  await expect(theme.getByRole("radio", { name: "System theme" })).toBeChecked();
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(isDark).toBe(true);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(isDark).toBe(false);
  const lightBackground = await background();

  await theme.getByRole("radio", { name: "Dark theme" }).check();
  await expect.poll(isDark).toBe(true);
  expect(await background()).not.toBe(lightBackground);

  // Reloaded with the system in light: dark from the start, before <body> exists (no light flash).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      (window as unknown as { darkAtBody: boolean }).darkAtBody = document.documentElement.classList.contains("dark");
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { darkAtBody?: boolean }).darkAtBody)).toBe(true);
  await expect(theme.getByRole("radio", { name: "Dark theme" })).toBeChecked();
  await screenshot(page, "new-dark-chosen");

  // The choice holds on every page, the public ones included.
  await page.goto("/uploads");
  await expect.poll(isDark).toBe(true);

  await theme.getByRole("radio", { name: "Light theme" }).check();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { darkAtBody?: boolean }).darkAtBody)).toBe(false);
  await theme.getByRole("radio", { name: "System theme" }).check();
  await expect.poll(isDark).toBe(true);
  await page.emulateMedia({ colorScheme: "light" });
});
