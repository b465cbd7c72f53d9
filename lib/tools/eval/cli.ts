import { execFileSync } from "node:child_process";
import { parseEvalArgs, type EvalArgs } from "./args";
import { runCalibration } from "./calibrate";
import { runEngineMode } from "./engine-mode";
import { writeSection } from "./markdown";
import { repoRoot } from "./paths";
import { runSingle } from "./single-mode";
import { runSpeechTargets } from "./speech-targets";
import { writeStrip } from "./strip";

const USAGE = `Lip-sync quality measures (face-api 68-point landmarks, independent of the engine's face mesh).

  npm run eval                                 run the engine on the shared clips x speech files and score the outputs
      [--clips a.mp4,b.mp4] [--speech x.wav,y.wav | --speech-count 3] [--reuse]
  npm run eval -- --calibrate                  real clips with own audio vs the same clips with other speech
  npm run eval -- --speech-targets             the engine's mouth target from each speech file vs the learned measure and real lips
  npm run eval -- --video in.mp4 --audio speech.wav --output out.mp4    score one existing output
  npm run eval -- --strip --video out.mp4 --at 1.2,2.4 --out tmp/strip.png   mouth crops side by side
  --write docs/quality.md                      also write the report into that markdown file's section

The shared clips live in ../shared/media (or LIPSYNC_MEDIA_DIR); without them the modes that need them skip.`;

const NO_MEDIA = "[eval] skipped: no shared test media (../shared/media/video and audio, or LIPSYNC_MEDIA_DIR); these clips are third-party and not part of the repository.";

/** The engine's commit, marked when lib/lipsync has uncommitted changes; empty outside a git checkout. */
function engineVersion(): string {
  try {
    const git = (...a: string[]) => execFileSync("git", a, { cwd: repoRoot, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    const dirty = git("status", "--porcelain", "--", "lib/lipsync") !== "";
    return ` at commit ${git("rev-parse", "--short", "HEAD")}${dirty ? " (lib/lipsync with uncommitted changes)" : ""}`;
  } catch {
    return "";
  }
}

function stamp(command: string, engineRun: boolean): string {
  return `Measured ${new Date().toISOString().slice(0, 10)}${engineRun ? `, engine${engineVersion()},` : ""} with \`${command}\`.`;
}

async function main(args: EvalArgs): Promise<void> {
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const started = Date.now();
  let report: string | null;
  let section: string;
  let command: string;
  if (args.strip) {
    const dest = await writeStrip(args.video!, args.at!, args.out!);
    console.log(`[eval] strip written to ${dest}`);
    return;
  } else if (args.video) {
    report = await runSingle({ video: args.video, audio: args.audio!, output: args.output! });
    section = "Scored output";
    command = `npm run eval -- --video ${args.video} --audio ${args.audio} --output ${args.output}`;
  } else if (args.calibrate) {
    report = await runCalibration();
    section = "Calibration";
    command = "npm run eval -- --calibrate";
  } else if (args.speechTargets) {
    report = await runSpeechTargets();
    section = "Speech targets";
    command = "npm run eval -- --speech-targets";
  } else {
    report = await runEngineMode({ clips: args.clips, speech: args.speech, speechCount: args.speechCount, reuse: args.reuse });
    section = "Engine results";
    const flags = [args.clips.length ? `--clips ${args.clips.join(",")}` : "", args.speech.length ? `--speech ${args.speech.join(",")}` : "",
      args.reuse ? "--reuse" : ""].filter(Boolean);
    command = `npm run eval${flags.length ? ` -- ${flags.join(" ")}` : ""}`;
  }
  if (report === null) {
    console.log(NO_MEDIA);
    return;
  }
  const body = `${stamp(command, section === "Engine results" && !args.reuse)}\n\n${report}`;
  console.log(body);
  if (args.write) {
    writeSection(args.write, section, body);
    console.error(`[eval] wrote section "${section}" of ${args.write}`);
  }
  console.error(`[eval] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

let args: EvalArgs;
try {
  args = parseEvalArgs(process.argv.slice(2));
} catch (e) {
  console.error(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
main(args).catch((e: unknown) => {
  console.error(`[eval] failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
