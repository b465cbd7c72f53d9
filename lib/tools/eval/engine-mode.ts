import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measureFidelity } from "./fidelity";
import { trainLearnedModel, type LearnedModel } from "./learned-model";
import { fmt, fmtLag, table } from "./markdown";
import { loadMediaSet, trainingClips, type MediaSet } from "./media-set";
import { pairSeries } from "./pair-series";
import { perClipReport } from "./per-clip";
import { evalTmpDir } from "./paths";
import { createProgress } from "./progress";
import { reencodeBaseline } from "./reencode-baseline";
import { runEngine } from "./run-engine";
import { scoreOutput, type OutputScore } from "./score-output";
import { mean, std } from "./stats";
import { scoreSync, type SyncScores } from "./sync-measures";
import { measureTiming, timingReport, type TimingFigures } from "./timing-report";

export interface EngineModeOptions {
  /** Clip file names to use; all when empty. */
  clips: string[];
  /** Speech file names; the first `speechCount` (sorted) when empty. */
  speech: string[];
  speechCount: number;
  /** Score existing outputs in tmp/eval/outputs instead of running the engine again. */
  reuse: boolean;
}

interface Row {
  clip: string;
  audio: string;
  output: string;
  samples: Float32Array;
  model: LearnedModel;
  score?: OutputScore;
  /** PSNR outside the lower face of a plain re-encode of the input at the engine's CRF. */
  reencodeOutside?: number;
  engineSeconds?: number;
  error?: string;
}

function syncCells(s: SyncScores): string[] {
  return [`${fmt(s.learnedR)} (${fmtLag(s.learnedLag)}: ${fmt(s.learnedBestR)})`, `${fmt(s.loudnessR)} (${fmtLag(s.loudnessLag)}: ${fmt(s.loudnessBestR)})`, fmt(s.stillness)];
}

function meanStd(xs: number[]): string {
  return `${fmt(mean(xs))} ± ${fmt(std(xs))}`;
}

/** Reference rows: real clips with their own audio (the bar) and against other speech (the floor). */
function references(set: MediaSet): { real: SyncScores[]; mismatched: SyncScores[] } {
  const real: SyncScores[] = [], mismatched: SyncScores[] = [];
  for (const clip of set.clips.filter((c) => c.real && c.own)) {
    const model = trainLearnedModel(trainingClips(set, clip.name));
    real.push(scoreSync(clip.own!, model));
    for (const s of set.speech) mismatched.push(scoreSync(pairSeries(clip.track, s.samples), model));
  }
  return { real, mismatched };
}

/** Runs the engine on every chosen (clip, speech) pair of the shared media and scores the outputs. */
export async function runEngineMode(o: EngineModeOptions): Promise<string | null> {
  const set = await loadMediaSet();
  if (!set) return null;
  const clips = set.clips.filter((c) => !o.clips.length || o.clips.includes(c.name));
  const speech = o.speech.length ? set.speech.filter((s) => o.speech.includes(s.name)) : set.speech.slice(0, o.speechCount);
  const outDir = path.join(evalTmpDir, "outputs");
  mkdirSync(outDir, { recursive: true });
  const progress = createProgress();
  const rows: Row[] = [];
  const total = clips.length * speech.length;
  for (const clip of clips) {
    // Scored by a model that never saw this clip's speaker.
    const model = trainLearnedModel(trainingClips(set, clip.name));
    progress.update(`[eval] plain re-encode of ${clip.name}`);
    const reencodeOutside = (await measureFidelity(clip.file, await reencodeBaseline(clip.file), clip.track)).outside;
    for (const s of speech) {
      const output = path.join(outDir, `${path.parse(clip.name).name}__${path.parse(s.name).name}.mp4`);
      const row: Row = { clip: clip.name, audio: s.name, output, samples: s.samples, model, reencodeOutside };
      const tag = `[eval] ${rows.length + 1}/${total} ${clip.name} + ${s.name}`;
      try {
        const sidecar = `${output}.run.json`;
        if (o.reuse) {
          try {
            row.engineSeconds = (JSON.parse(readFileSync(sidecar, "utf8")) as { seconds: number }).seconds;
          } catch {
            // made by an older run, or by hand
          }
        } else {
          const run = await runEngine({ video: clip.file, audio: s.file, output }, (stage, f) =>
            progress.update(`${tag}: engine ${stage} ${Math.round(f * 100)}%`));
          row.engineSeconds = run.seconds;
          writeFileSync(sidecar, JSON.stringify(run));
        }
        progress.update(`${tag}: scoring`);
        row.score = await scoreOutput({ video: clip.file, audio: s.file, output, inputTrack: clip.track, samples: s.samples }, model);
        progress.done(`${tag}: learned r ${fmt(row.score.sync.learnedR)} (floor ${fmt(row.score.floor.learnedR)}), ` +
          `PSNR outside ${fmt(row.score.fidelity.outside, 1)} dB (re-encode ${fmt(reencodeOutside, 1)}), leak ${fmt(row.score.inputLeak)}, engine ${fmt(row.engineSeconds ?? NaN, 1)} s, scoring ${fmt(row.score.seconds, 1)} s`);
      } catch (e) {
        row.error = (e as Error).message;
        progress.done(`${tag}: ${row.error}`);
      }
      rows.push(row);
    }
  }
  progress.update("[eval] timing");
  const timing = await measureTiming(rows.flatMap((r) => (r.score ? [{ output: r.output, track: r.score.outputTrack, samples: r.samples, model: r.model }] : [])));
  progress.done();
  return report(rows, references(set), timing);
}

function report(rows: Row[], ref: { real: SyncScores[]; mismatched: SyncScores[] }, timing: TimingFigures): string {
  const ok = rows.filter((r) => r.score);
  const detail = table(
    ["clip", "audio", "sync_learned r (best lag: r)", "floor r", "sync_loudness r (best lag: r)", "stillness", "input leak r (target's own; beyond it)",
      "PSNR outside: engine / plain re-encode (dB)", "PSNR inside (dB)", "frames out/in", "engine s"],
    rows.map((r) => {
      if (!r.score) return [r.clip, r.audio, `failed: ${r.error ?? "?"}`, "", "", "", "", "", "", "", ""];
      const f = r.score.fidelity;
      return [r.clip, r.audio, ...syncCells(r.score.sync).slice(0, 1), fmt(r.score.floor.learnedR), ...syncCells(r.score.sync).slice(1),
        `${fmt(r.score.inputLeak)} (${fmt(r.score.targetLeak)}; ${fmt(r.score.excessLeak)})`,
        `${fmt(f.outside, 1)} / ${fmt(r.reencodeOutside ?? NaN, 1)}${f.rescaled ? " (rescaled)" : ""}`, fmt(f.inside, 1),
        `${f.outputFrames}/${f.inputFrames}`, fmt(r.engineSeconds ?? NaN, 1)];
    }),
  );
  const pick = (xs: SyncScores[], k: keyof SyncScores) => xs.map((s) => s[k]);
  const engine = ok.map((r) => r.score!.sync);
  const floor = ok.map((r) => r.score!.floor);
  const summaryRow = (label: string, xs: SyncScores[], extra = ["", "", ""]) =>
    [label, String(xs.length), meanStd(pick(xs, "learnedR")), meanStd(pick(xs, "learnedBestR")), meanStd(pick(xs, "loudnessR")), meanStd(pick(xs, "stillness")), ...extra];
  const summary = table(
    ["rows", "n", "sync_learned r", "sync_learned best-lag r", "sync_loudness r", "stillness", "input leak r", "PSNR outside", "PSNR inside"],
    [
      summaryRow("engine outputs", engine, [meanStd(ok.map((r) => r.score!.inputLeak)),
        meanStd(ok.map((r) => r.score!.fidelity.outside)), meanStd(ok.map((r) => r.score!.fidelity.inside))]),
      ["plain re-encode of the same inputs", String(ok.length), "", "", "", "", "", meanStd(ok.map((r) => r.reencodeOutside ?? NaN)), ""],
      summaryRow("same inputs unchanged, with the new audio (floor)", floor),
      summaryRow("reference: real clips, own audio (the bar)", ref.real),
      summaryRow("reference: real clips, other speech (mismatched)", ref.mismatched),
    ],
  );
  const beats = ok.filter((r) => r.score!.sync.learnedR > r.score!.floor.learnedR).length;
  const failed = rows.length - ok.length;
  const leaky = ok.filter((r) => r.score!.inputLeak > 0.3);
  const leakyByChance = leaky.filter((r) => r.score!.targetLeak > 0.3).length;
  const excess = ok.map((r) => r.score!.excessLeak);
  const worstLoss = Math.max(...ok.map((r) => (r.reencodeOutside ?? NaN) - r.score!.fidelity.outside));
  const learned = ok.map((r) => r.score!.sync.learnedR);
  return [
    summary,
    "",
    `Engine output beats its own floor (same clip unchanged, same audio) on sync_learned r in ${beats} of ${ok.length} pairs.` +
      (failed ? ` ${failed} run(s) failed.` : ""),
    `Weakest pair's sync_learned r ${fmt(Math.min(...learned))} against the mean ${fmt(mean(learned))}. ` +
      `Input leak above 0.3 in ${leaky.length} of ${ok.length} pairs` +
      ` (in ${leakyByChance} of them the engine's target alone correlates above 0.3 with the input's lips);` +
      ` beyond the target (partial r) ${meanStd(excess)}, largest ${fmt(Math.max(...excess))}. Largest PSNR loss outside the lower face against the plain re-encode: ${fmt(worstLoss, 1)} dB.`,
    "",
    perClipReport(ok.map((r) => ({ clip: r.clip, learnedR: r.score!.sync.learnedR, inputLeak: r.score!.inputLeak }))),
    "",
    timingReport(timing),
    "",
    detail,
  ].join("\n");
}
