import { megabytes } from "./format";
import { fastestWarm, type ClipResult } from "./result";

const HEADER = [
  "clip", "resolution", "frames", "transcode s", "first run s", "warm run s", "warm CPU s", "warm fps", "warm ratio", "warm CPU ratio",
  "warm real-time factor", "peak RSS (tree)", "notes",
];

/** The kept-loaded engine's runs as a markdown table, one row per clip that ran them. */
export function renderWarmTable(results: ClipResult[]): string {
  const rows = results.flatMap((r) => {
    const { warm } = r;
    if (!warm) return [];
    const base = [r.spec.name, `${r.spec.width}x${r.spec.height}`, String(r.frames), r.transcode.seconds.toFixed(2)];
    if (warm.status === "failed") return [[...base, "—", "—", "—", "—", "—", "—", "—", megabytes(warm.run.peakTreeRss), `failed: ${warm.message}`]];
    const best = fastestWarm(warm);
    const cells = best
      ? [
          best.seconds.toFixed(2),
          best.cpuSeconds.toFixed(1),
          (r.frames / best.seconds).toFixed(1),
          `${(best.seconds / r.transcode.seconds).toFixed(2)}x`,
          `${(best.cpuSeconds / r.transcode.cpuSeconds).toFixed(2)}x`,
          `${(r.duration / best.seconds).toFixed(2)}x`,
        ]
      : ["—", "—", "—", "—", "—", "—"];
    const notes = best ? `later runs: ${warm.later.map((l) => l.seconds.toFixed(2)).join(", ")} s` : "one run only";
    return [[...base, warm.first.seconds.toFixed(2), ...cells, megabytes(warm.run.peakTreeRss), notes]];
  });
  if (rows.length === 0) return "";
  return [HEADER, HEADER.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
