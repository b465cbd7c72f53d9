import { prisma } from "@/lib/db";
import { getStorage } from "@/lib/storage";

export interface OrphanReport {
  /** Storage keys of files no Asset row points at (or previews of no asset), deleted. */
  files: string[];
  /** Partial writes of processes that died mid-write, deleted. */
  partials: number;
}

/**
 * Deletes stored files that no Asset row points at and abandoned partial writes, when older than
 * `minAgeSeconds`. A file is written before its row (uploads, results), so a process killed in
 * between (a worker after storing a result, a web server mid-request) leaves such files; younger
 * ones may still be waiting for their row and are kept.
 */
export async function cleanOrphanFiles(minAgeSeconds: number): Promise<OrphanReport> {
  const before = new Date(Date.now() - minAgeSeconds * 1000);
  const storage = getStorage();
  const old = (await storage.list("assets/")).filter((item) => item.modifiedAt < before).map((item) => item.key);
  const files: string[] = [];
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const rows = await prisma.asset.findMany({ where: { storageKey: { in: batch } }, select: { storageKey: true } });
    const known = new Set(rows.map((row) => row.storageKey));
    for (const key of batch.filter((key) => !known.has(key))) {
      await storage.delete(key);
      files.push(key);
    }
  }
  // A video's preview and poster are named after its asset id (lib/previews/preview-keys.ts).
  for (const { key } of (await storage.list("previews/")).filter((item) => item.modifiedAt < before)) {
    const assetId = /^previews\/([A-Za-z0-9_-]+)\.\w+$/.exec(key)?.[1];
    if (assetId && (await prisma.asset.count({ where: { id: assetId } })) > 0) continue;
    await storage.delete(key);
    files.push(key);
  }
  return { files, partials: await storage.removeStalePartials(before) };
}
