import { existsSync } from "node:fs";
import path from "node:path";
import type { ClipSpec } from "./clips";
import { engineCommand, ENGINE_CLI, transcodeCommand, type Command } from "./commands";
import { fitSpeech } from "./fit-speech";
import { megabytes } from "./format";
import { lastLine } from "./last-line";
import { makeClip } from "./make-clip";
import { measure } from "./measure";
import { probeVideo } from "./probe";
import { stageStarts } from "./stage-starts";
import { liveLine } from "./progress";
import type { ClipResult, EngineOutcome } from "./result";
import type { BenchSources } from "./sources";

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

async function timed(label: string, { command, args }: Command, cwd: string, logFile: string) {
  const line = liveLine(label);
  const run = await measure(command, args, { cwd, logFile, onSample: line.update });
  line.clear();
  log(`    ${label}  ${run.seconds.toFixed(2)} s, peak ${megabytes(run.peakTreeRss)}, exit ${run.exitCode}`);
  return run;
}

/** Makes one clip, then times the transcode baseline and the engine on it. */
export async function runClip(spec: ClipSpec, sources: BenchSources, repoRoot: string): Promise<ClipResult> {
  const dir = path.join(repoRoot, "tmp/bench");
  const out = (suffix: string) => path.join(dir, `${spec.name}.${suffix}`);
  log(`  ${spec.name}: making the ${spec.width}x${spec.height} ${spec.seconds} s clip`);
  const clip = await makeClip(sources.video, spec, dir);
  const speech = await fitSpeech(sources.speech, spec.seconds, dir);
  const { frames, duration } = await probeVideo(clip);

  const transcodeRun = await timed("transcode", transcodeCommand(clip, speech, spec.seconds, out("transcode.mp4")), repoRoot, out("transcode.log"));
  if (transcodeRun.exitCode !== 0) throw new Error(`baseline transcode failed: ${lastLine(out("transcode.log"))}`);

  let engine: EngineOutcome = { status: "absent" };
  if (existsSync(path.join(repoRoot, ENGINE_CLI))) {
    const run = await timed("engine", engineCommand(clip, speech, out("engine.mp4")), repoRoot, out("engine.log"));
    const message = lastLine(out("engine.log")).replaceAll(`${repoRoot}${path.sep}`, "");
    engine =
      run.exitCode === 0
        ? {
            status: "ok",
            run,
            outputFrames: (await probeVideo(out("engine.mp4"))).frames,
            summary: message,
            stages: stageStarts(out("engine.log")),
          }
        : { status: "failed", run, message };
    log(`    engine: ${message}`);
    if (engine.status === "ok" && engine.stages) log(`    stages started at: ${engine.stages}`);
  }
  return { spec, frames, duration, transcode: transcodeRun, engine };
}
