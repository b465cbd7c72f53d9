import { execText } from "./exec";

/** The last commit that touched lib/lipsync, with a mark when the work tree changes it; "unknown" outside git. */
export async function engineVersion(repoRoot: string): Promise<string> {
  try {
    const git = (args: string[]) => execText("git", ["-C", repoRoot, ...args]);
    const commit = (await git(["log", "-1", "--format=%h (%ci)", "--", "lib/lipsync"])).trim();
    const dirty = (await git(["status", "--porcelain", "--", "lib/lipsync"])).trim() !== "";
    return `${commit}${dirty ? " (plus uncommitted changes)" : ""}`;
  } catch {
    return "unknown";
  }
}
