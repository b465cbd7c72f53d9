/** Shared by the end-to-end specs: who signs in, state handed from one spec to the next, media fixtures. */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import path from "node:path";
import { type Page, expect } from "@playwright/test";
import { ffmpegPath } from "../../lib/lipsync/media/binaries";

export const OWNER = { email: "owner@example.com", password: "correct horse battery staple" };
export const MEMBER = { email: "member@example.com", password: "another long passphrase" };

export const FIXTURES = path.resolve("tests/fixtures");
export const VIDEO = path.join(FIXTURES, "astronaut.mp4");
export const SPEECH = path.join(FIXTURES, "speech.wav");

const RUN_DIR = path.resolve("test-results/e2e-run");
export const OWNER_STATE = path.join(RUN_DIR, "owner-state.json");
export const SCREENSHOTS = path.resolve("test-results/screenshots");

type RunState = { taskId?: number; failedTaskId?: number };

export function readRunState(): RunState {
  const file = path.join(RUN_DIR, "state.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RunState) : {};
}

export function saveRunState(update: RunState): void {
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(path.join(RUN_DIR, "state.json"), JSON.stringify({ ...readRunState(), ...update }));
}

/** A media file made with the real ffmpeg into test-results (cached across specs). */
export function makeMedia(name: string, args: string[]): string {
  mkdirSync(RUN_DIR, { recursive: true });
  const file = path.join(RUN_DIR, name);
  if (!existsSync(file)) execFileSync(ffmpegPath(), ["-v", "error", "-y", ...args, file]);
  return file;
}

/** Full-page screenshots in light and dark, named `${name}-light.png` / `${name}-dark.png`. */
export async function screenshotBothSchemes(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    // Colour transitions (150 ms) would otherwise be caught half-way.
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** The <video> with this accessible name plays: its currentTime advances. */
export async function expectVideoPlays(page: Page, label: string): Promise<void> {
  const video = page.getByLabel(label, { exact: true });
  await expect(video).toBeVisible();
  await video.evaluate(async (element: HTMLVideoElement) => {
    element.muted = true;
    await element.play();
  });
  const start = await video.evaluate((element: HTMLVideoElement) => element.currentTime);
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 10_000 }).toBeGreaterThan(start + 0.3);
}

export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/new$/);
}

/** A loopback HTTP server for the URL inputs: `files` maps paths to fixture files; anything else is 404. */
export async function serveFiles(files: Record<string, string>): Promise<{ url: (path: string) => string; close: () => void }> {
  const server: Server = createServer((req, res) => {
    const file = files[req.url ?? ""];
    if (!file) return void res.writeHead(404).end("not here");
    res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: (path) => `http://127.0.0.1:${port}${path}`, close: () => server.close() };
}

/** Switches the Video or Audio input of the new-task form to a link and types `url`. */
export async function fillLink(page: Page, input: "Video" | "Audio", url: string): Promise<void> {
  await page.getByRole("group", { name: input }).getByRole("radio", { name: "Link" }).check();
  await page.getByLabel(`${input} URL`).fill(url);
}
