import { spawnSync } from "node:child_process";
import type { RunAs } from "./postgres-user";

/**
 * Whether the user PostgreSQL runs as can execute (a file) or enter (a folder) `target`, every
 * folder above it included: test(1) run as that user answers, so ACLs and mounts count too.
 */
export function postgresCanReach(runAs: RunAs, target: string): boolean {
  if (!("uid" in runAs)) return true;
  return spawnSync("test", ["-x", target], { uid: runAs.uid, gid: runAs.gid, stdio: "ignore" }).status === 0;
}
