/** Whether the production build of the web app (.next) is missing or older than its sources. */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const nextBin = path.join(projectRoot, "node_modules/next/dist/bin/next");
/** Node arguments of the web server process (lib/cli/web.ts). */
export const webServerArgs = ["--import", "tsx", path.join(projectRoot, "lib/cli/web.ts")];
const buildId = path.join(projectRoot, ".next/BUILD_ID");
/** What a production build depends on. */
const buildInputs = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

export function needsBuild(): boolean {
  const builtAt = statSync(buildId, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) return true;
  return buildInputs.some((input) => changedSince(path.join(projectRoot, input), builtAt));
}

function changedSince(target: string, time: number): boolean {
  if (!existsSync(target)) return false;
  const entries = statSync(target).isDirectory() ? readdirSync(target, { recursive: true, encoding: "utf8" }) : [];
  return [target, ...entries.map((entry) => path.join(target, entry))].some(
    (file) => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > time,
  );
}
