import { existsSync } from "node:fs";
import path from "node:path";
import type { ClipSpec } from "./clips";
import { readFileSync } from "node:fs";
import { engineCommand, ENGINE_CLI, transcodeCommand, warmEngineCommand, type Command } from "./commands";
import { fitSpeech } from "./fit-speech";
import { megabytes } from "./format";
import { lastLine } from "./last-line";
import { makeClip } from "./make-clip";
import { measure, type Measurement } from "./measure";
import { probeVideo } from "./probe";
import { liveLine } from "./progress";
import type { ClipResult, EngineOutcome, WarmOutcome } from "./result";
import type { BenchSources } from "./sources";
import { stageStarts } from "./stage-starts";
import type { WarmRunLine } from "./warm-engine";

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/**
 * Runs a command `runs` times (stopping at the first failure) and keeps the fastest run, with the
 * highest memory figures of all runs. Each run logs to `<logBase>.<n>.log`.
 */
async function fastest(label: string, { command, args }: Command, runs: number, cwd: string, logBase: string) {
  let best: { run: Measurement; logFile: string } | undefined;
  let peakTreeRss = 0;
  let rootHwm = 0;
  for (let n = 1; n <= runs; n++) {
    const name = runs > 1 ? `${label} ${n}/${runs}` : label;
    const logFile = `${logBase}.${n}.log`;
    const line = liveLine(name);
    const run = await measure(command, args, { cwd, logFile, onSample: line.update });
    line.clear();
    log(`    ${name}  ${run.seconds.toFixed(2)} s, peak ${megabytes(run.peakTreeRss)}, exit ${run.exitCode}`);
    peakTreeRss = Math.max(peakTreeRss, run.peakTreeRss);
    rootHwm = Math.max(rootHwm, run.rootHwm);
    if (run.exitCode !== 0) return { run, logFile };
    if (!best || run.seconds < best.run.seconds) best = { run, logFile };
  }
  return { run: { ...best!.run, peakTreeRss, rootHwm }, logFile: best!.logFile };
}

/**
 * Makes one clip, then times the transcode baseline and the engine's CLI on it, fastest of `runs`
 * each, and, with `warmRuns`, one kept-loaded engine running it `warmRuns` times.
 */
export async function runClip(spec: ClipSpec, sources: BenchSources, repoRoot: string, runs: number, warmRuns: number): Promise<ClipResult> {
  const dir = path.join(repoRoot, "tmp/bench");
  const out = (suffix: string) => path.join(dir, `${spec.name}.${suffix}`);
  log(`  ${spec.name}: ${spec.shared ? `${spec.shared.video} as it is` : `making the ${spec.width}x${spec.height} ${spec.seconds} s clip`}`);
  const shared = spec.shared && sources.sharedDir ? { video: path.join(sources.sharedDir, spec.shared.video), speech: path.join(sources.sharedDir, spec.shared.speech) } : undefined;
  const clip = shared?.video ?? (await makeClip(sources.video, spec, dir));
  const speech = await fitSpeech(shared?.speech ?? sources.speech, spec.seconds, dir);
  const { frames, duration } = await probeVideo(clip);

  const transcode = await fastest("transcode", transcodeCommand(clip, speech, spec.seconds, out("transcode.mp4")), runs, repoRoot, out("transcode"));
  if (transcode.run.exitCode !== 0) throw new Error(`baseline transcode failed: ${lastLine(transcode.logFile)}`);

  let engine: EngineOutcome = { status: "absent" };
  if (existsSync(path.join(repoRoot, ENGINE_CLI))) {
    const { run, logFile } = await fastest("engine", engineCommand(clip, speech, out("engine.mp4")), runs, repoRoot, out("engine"));
    const message = lastLine(logFile).replaceAll(`${repoRoot}${path.sep}`, "");
    engine =
      run.exitCode === 0
        ? { status: "ok", run, outputFrames: (await probeVideo(out("engine.mp4"))).frames, summary: message, stages: stageStarts(logFile) }
        : { status: "failed", run, message };
    log(`    engine: ${message}`);
    if (engine.status === "ok" && engine.stages) log(`    stages started at: ${engine.stages}`);
  }
  const warm = engine.status === "ok" && warmRuns > 0 ? await runWarm(clip, speech, out("warm.mp4"), warmRuns, repoRoot, out("warm.log")) : undefined;
  return { spec, frames, duration, transcode: transcode.run, engine, warm };
}

async function runWarm(clip: string, speech: string, output: string, runs: number, cwd: string, logFile: string): Promise<WarmOutcome> {
  const { command, args } = warmEngineCommand(clip, speech, output, runs);
  const line = liveLine(`warm engine x${runs}`);
  const run = await measure(command, args, { cwd, logFile, onSample: line.update });
  line.clear();
  const lines = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as WarmRunLine);
  log(`    warm engine: ${lines.map((l) => `${l.seconds.toFixed(2)} s`).join(", ")}, peak ${megabytes(run.peakTreeRss)}, exit ${run.exitCode}`);
  if (run.exitCode !== 0 || lines.length !== runs) return { status: "failed", run, message: lastLine(logFile) };
  return { status: "ok", run, first: lines[0], later: lines.slice(1) };
}
