import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (this file lives in lib/tools/eval). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const evalTmpDir = path.join(repoRoot, "tmp", "eval");

/** Third-party test media; absent in a fresh clone. */
export function sharedMediaDir(): string | null {
  const dir = process.env.LIPSYNC_MEDIA_DIR || path.resolve(repoRoot, "..", "shared", "media");
  return existsSync(path.join(dir, "video")) && existsSync(path.join(dir, "audio")) ? dir : null;
}
