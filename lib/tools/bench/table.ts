import { megabytes } from "./format";
import { realTimeFactor, type ClipResult } from "./result";

const HEADER = [
  "clip", "resolution", "frames", "transcode s", "transcode CPU s", "engine s", "engine CPU s", "engine fps", "ratio",
  "real-time factor", "peak RSS (tree)", "node VmHWM", "notes",
];

function engineCells(result: ClipResult): string[] {
  const { engine } = result;
  if (engine.status === "absent") return ["—", "—", "—", "—", "—", "—", "—", "engine CLI not present"];
  const run = engine.run;
  const cells = [
    run.seconds.toFixed(2),
    run.cpuSeconds.toFixed(1),
    (result.frames / run.seconds).toFixed(1),
    `${(run.seconds / result.transcode.seconds).toFixed(2)}x`,
    `${realTimeFactor(result, run).toFixed(2)}x`,
    megabytes(run.peakTreeRss),
    megabytes(run.rootHwm),
  ];
  if (engine.status === "failed") return [...cells, `failed (exit ${engine.run.exitCode}): ${engine.message}`];
  const mismatch = engine.outputFrames !== result.frames ? `output has ${engine.outputFrames} frames` : "";
  return [...cells, mismatch];
}

/** The results as a markdown table, one row per clip. */
export function renderTable(results: ClipResult[]): string {
  const rows = results.map((r) => [
    r.spec.name,
    `${r.spec.width}x${r.spec.height}`,
    String(r.frames),
    r.transcode.seconds.toFixed(2),
    r.transcode.cpuSeconds.toFixed(1),
    ...engineCells(r),
  ]);
  return [HEADER, HEADER.map(() => "---"), ...rows]
    .map((cells) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`)
    .join("\n");
}
