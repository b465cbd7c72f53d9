import type { GoalVerdict } from "./goals";

export interface ReportInput {
  machine: string[];
  command: string;
  sources: string;
  runs: number;
  warmRuns: number;
  /** The kept-loaded engine's table (empty without warm runs). */
  warmTable: string;
  /** Other work took a large share of the CPU during the run. */
  noisy: boolean;
  /** The engine's last commit. */
  engine: string;
  table: string;
  goals: GoalVerdict[];
  /** The engine's own closing line for each clip it finished, with its stage start times. */
  summaries: string[];
}

/** docs/benchmarks.md: the machine, the command, the measurements and the goals. */
export function renderReport(input: ReportInput): string {
  const goals = input.goals.map((g) => `| ${g.goal} | ${g.measured} | **${g.verdict}** |`);
  return `# Benchmarks

Written by \`${input.command}\`; rerun it to refresh this page.

## Machine

${input.machine.join("\n")}

## Method

Engine: lib/lipsync at commit ${input.engine}.

Each clip is made from ${input.sources} with ffmpeg: the face video is looped to the clip's length
and scaled to fit the frame over a blurred copy of itself, 30 fps, H.264 yuv420p. For each clip, in
the same run${input.runs > 1 ? `, each command run ${input.runs} times, keeping the fastest run's times and the highest memory figures of all runs` : ""}:

- **transcode s**: the baseline, a plain ffmpeg decode and re-encode of the clip with the speech as
  its audio, at the engine's output settings (libx264 veryfast, CRF 18, yuv420p, AAC 160k, faststart).
- **engine s**: \`node --import tsx lib/lipsync/cli.ts --video <clip> --audio <speech> --out <out>\`
  as a child process, wall time from spawn to exit (Node start-up and TypeScript loading included).
- **CPU s**: user + system CPU seconds of the process and every descendant (face trackers, ffmpeg),
  read from /proc/<pid>/stat once they are all waited for; on 2 cores up to twice the wall time. It moves much less than wall time when
  other work shares the machine (see "other work" above).
- **engine fps**: clip frames / engine seconds. **ratio**: engine s / transcode s.
  **real-time factor**: clip duration / engine s (1x or more is real time).
- **warm engine** (second table): \`lib/tools/bench/warm-engine.ts\` as a child process starts one
  engine with \`startLipsyncEngine\` (as a worker process does) and runs the clip ${input.warmRuns} times in a row. **first run s**: from
  starting the engine (its tracking processes load their face models) to the end of the first run;
  **warm run s**: the fastest of the later runs, which find the trackers and models loaded; **warm CPU s**:
  that run's CPU seconds (the process, its face trackers and every ffmpeg). Ratios against the
  transcode of the same clip in the same run; the **warm CPU ratio** (CPU seconds against the
  transcode's) moves much less than wall time when other work shares the machine.
- **peak RSS (tree)**: the largest sum of VmRSS over the engine process and all its descendants
  (face trackers and ffmpeg included), sampled from /proc every 100 ms. Pages shared between processes are
  counted in each of them, so this errs high. **node VmHWM**: the engine's main Node process's own
  high-water mark (since 2026-12-07 the face trackers are separate processes, not counted in it).

Clips and outputs are written to tmp/bench/ and never committed.

## Results
${input.noisy ? "\n> **Unreliable run**: other processes took a large share of the CPU while it ran (see \"other work\" above):\n> the wall times below may be slower than on an idle machine and the verdicts may be wrong. CPU s and memory are less affected.\n" : ""}
${input.table}
${input.warmTable ? `\n### Warm engine (as in the worker)\n\n${input.warmTable}\n` : ""}
## Goals

| goal | measured | verdict |
| --- | --- | --- |
${goals.join("\n")}
${input.summaries.length ? `\n## Engine summaries\n\nThe engine's closing line, and when each stage first showed in its progress log (one line a second).\n\n${input.summaries.map((s) => `- ${s}`).join("\n")}\n` : ""}`;
}
