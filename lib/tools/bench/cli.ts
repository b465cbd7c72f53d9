import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { apiBench, burstBench } from "./api";
import { CLIPS } from "./clips";
import { ENGINE_CLI } from "./commands";
import { engineVersion } from "./engine-version";
import { judgeGoals } from "./goals";
import { describeMachine } from "./machine";
import { startOtherLoadMeter } from "./other-load";
import { renderReport } from "./report";
import type { ClipResult } from "./result";
import { runClip } from "./run-clip";
import { findSources, type BenchSources } from "./sources";
import { renderTable } from "./table";
import { renderWarmTable } from "./warm-table";
import { profileEngine } from "./profile-engine";
import { mergeProfileSection, renderProfileSection } from "./profile-section";
import { keepMarkedSections } from "./marked-section";
import { makeClip } from "./make-clip";
import { fitSpeech } from "./fit-speech";

const USAGE = `Usage: npm run bench -- [--only 720p,1080p] [--skip-60s] [--runs N] [--warm N] [--write] [--api-only | --skip-api | --burst]

Times the lip-sync engine against a plain ffmpeg transcode on test clips made in tmp/bench/.
  --only NAMES   run only these clips (comma-separated or repeated): ${CLIPS.map((c) => c.name).join(", ")}
  --skip-60s     leave out the 60 s 1080p clip (the peak-memory goal)
  --runs N       time each command N times and keep the fastest (default 1; the machine may be shared)
  --warm N       also run each clip N times through one engine kept loaded, as the worker does
                 (default 3: the first run starts the engine, the others find it warm; 0: skip)
  --write        write the results to docs/benchmarks.md
  --profile      only the profile: where one frame's milliseconds go in a warm engine (default clips
                 720p, 1080p and hevc-portrait; --write refreshes its section of docs/benchmarks.md)
  --api-only     only the API latency run (autocannon, 50 connections against submit and GET task)
  --skip-api     leave the API latency run out
  --burst        only the reliability load run: 200 submits from 50 clients, GET task latency meanwhile,
                 every task to a final state (--write: docs/reliability.md)
  --help         show this help`;

const clipName = z.string().refine((name) => CLIPS.some((c) => c.name === name), {
  error: (issue) => `unknown clip "${String(issue.input)}"; known: ${CLIPS.map((c) => c.name).join(", ")}`,
});

const argsSchema = z.object({
  only: z.array(z.string()).default([]).transform((list) => list.flatMap((s) => s.split(",")).filter(Boolean)).pipe(z.array(clipName)),
  "skip-60s": z.boolean().default(false),
  runs: z.coerce.number().int().min(1).max(10).default(1),
  warm: z.coerce.number().int().min(0).max(10).default(3),
  write: z.boolean().default(false),
  "api-only": z.boolean().default(false),
  "skip-api": z.boolean().default(false),
  burst: z.boolean().default(false),
  profile: z.boolean().default(false),
  help: z.boolean().default(false),
});

/** Above this share of the cores used by other processes, a run's wall times are flagged unreliable. */
const NOISY_SHARE = 0.1;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string", multiple: true },
      "skip-60s": { type: "boolean" },
      runs: { type: "string" },
      warm: { type: "string" },
      write: { type: "boolean" },
      "api-only": { type: "boolean" },
      "skip-api": { type: "boolean" },
      burst: { type: "boolean" },
      profile: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`${z.prettifyError(parsed.error)}\n\n${USAGE}`);
    return 2;
  }
  const args = parsed.data;
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const repoRoot = process.cwd();
  const command = argv.length ? `npm run bench -- ${argv.join(" ")}` : "npm run bench";
  if (args["api-only"]) return apiBench({ repoRoot, write: args.write, command });
  if (args.burst) return burstBench({ repoRoot, write: args.write, command });
  const sources = findSources(repoRoot);
  if (!sources) {
    console.log("bench skipped: no test media. It needs ../shared/media (video/retalking_face4.mp4, audio/musetalk_sun.wav) beside the repo, or tests/fixtures/astronaut*.mp4 and a .wav (npm run fixtures).");
    return 0;
  }
  if (args.profile) return profileClips(args.only.length ? args.only : PROFILE_CLIPS, sources, repoRoot, args.write, command);
  const clips = CLIPS.filter(
    (c) =>
      (args.only.length === 0 || args.only.includes(c.name)) && !(args["skip-60s"] && c.seconds === 60) && (!c.shared || sources.sharedDir),
  );
  if (!existsSync(path.join(repoRoot, ENGINE_CLI))) {
    console.error(`note: ${ENGINE_CLI} does not exist yet; measuring the transcode baseline only`);
  }
  const load = os.loadavg()[0];
  if (load > 0.5) console.error(`note: the load average is ${load.toFixed(2)}: other work on the machine slows the wall times`);
  const otherLoad = startOtherLoadMeter();
  mkdirSync(path.join(repoRoot, "tmp/bench"), { recursive: true });
  console.error(`bench: ${clips.length} clip(s) from ${sources.origin}`);

  const results: ClipResult[] = [];
  for (const [i, spec] of clips.entries()) {
    console.error(`[${i + 1}/${clips.length}] ${spec.name}`);
    results.push(await runClip(spec, sources, repoRoot, args.runs, args.warm));
  }

  const other = otherLoad();
  console.error(`other processes used ${(100 * other.share).toFixed(0)}% of the cores during the ${other.wallSeconds.toFixed(0)} s run`);
  const noisy = other.share > NOISY_SHARE;
  if (noisy) console.error("warning: that much other work makes the wall times and the verdicts unreliable: rerun on an idle machine");
  const table = renderTable(results);
  const warmTable = renderWarmTable(results);
  const goals = judgeGoals(results);
  console.log(`\n${table}\n`);
  if (warmTable) console.log(`Warm engine:\n\n${warmTable}\n`);
  for (const g of goals) console.log(`${g.verdict.toUpperCase()}: ${g.goal} (${g.measured})`);

  if (args.write) {
    const report = renderReport({
      machine: await describeMachine(other),
      noisy,
      engine: await engineVersion(repoRoot),
      command,
      sources: sources.origin,
      runs: args.runs,
      warmRuns: args.warm,
      table,
      warmTable,
      goals,
      summaries: results.flatMap(({ spec, engine }) =>
        engine.status === "ok"
          ? [`${spec.name}: ${engine.summary}${engine.stages ? `\n  - stages started at: ${engine.stages}` : ""}`]
          : [],
      ),
    });
    mkdirSync(path.join(repoRoot, "docs"), { recursive: true });
    const file = path.join(repoRoot, "docs/benchmarks.md");
    writeFileSync(file, keepMarkedSections(report, existsSync(file) ? readFileSync(file, "utf8") : ""));
    console.error("wrote docs/benchmarks.md");
  }
  const engineCode = results.some((r) => r.engine.status === "failed") ? 1 : 0;
  const apiCode = args["skip-api"] ? 0 : await apiBench({ repoRoot, write: args.write, command });
  return Math.max(engineCode, apiCode);
}

const PROFILE_CLIPS = ["720p", "1080p", "hevc-portrait"];

async function profileClips(names: string[], sources: BenchSources, repoRoot: string, write: boolean, command: string): Promise<number> {
  const dir = path.join(repoRoot, "tmp/bench");
  mkdirSync(dir, { recursive: true });
  const otherLoad = startOtherLoadMeter();
  const profiles = [];
  for (const spec of CLIPS.filter((c) => names.includes(c.name) && (!c.shared || sources.sharedDir))) {
    console.error(`profile: ${spec.name}`);
    const shared = spec.shared && { video: path.join(sources.sharedDir!, spec.shared.video), speech: path.join(sources.sharedDir!, spec.shared.speech) };
    const video = shared?.video ?? (await makeClip(sources.video, spec, dir));
    const speech = await fitSpeech(shared?.speech ?? sources.speech, spec.seconds, dir);
    profiles.push(await profileEngine({ ...spec, video, audio: speech }, path.join(dir, `${spec.name}.profile.mp4`)));
  }
  const section = renderProfileSection(profiles, { command, engine: await engineVersion(repoRoot), otherLoad: otherLoad() });
  console.log(section);
  if (write) {
    const file = path.join(repoRoot, "docs/benchmarks.md");
    writeFileSync(file, mergeProfileSection(existsSync(file) ? readFileSync(file, "utf8") : "", section));
    console.error("wrote the profile section of docs/benchmarks.md");
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
