import path from "node:path";
import { trainLearnedModel } from "./learned-model";
import { fmt, fmtLag, table } from "./markdown";
import { loadMediaSet, trainingClips } from "./media-set";
import { scoreOutput } from "./score-output";
import type { SyncScores } from "./sync-measures";

function row(label: string, s: SyncScores): string[] {
  return [label, fmt(s.learnedR), `${fmtLag(s.learnedLag)}: ${fmt(s.learnedBestR)}`, fmt(s.loudnessR), `${fmtLag(s.loudnessLag)}: ${fmt(s.loudnessBestR)}`, fmt(s.stillness)];
}

/** Scores one existing output against its input video and the audio it was given. */
export async function runSingle(a: { video: string; audio: string; output: string }): Promise<string> {
  const set = await loadMediaSet();
  const notes: string[] = [];
  let model = null;
  if (set) {
    // Leave the input's own clip out if it is one of the reference clips.
    const training = trainingClips(set, path.basename(a.video));
    model = training.length ? trainLearnedModel(training) : null;
    notes.push(`sync_learned model trained on ${training.map((c) => c.name).join(", ") || "nothing"}.`);
  } else {
    notes.push("sync_learned needs the real reference clips in ../shared/media (or LIPSYNC_MEDIA_DIR) to train on: not available, so it shows n/a.");
  }
  const s = await scoreOutput(a, model);
  const f = s.fidelity;
  return [
    table(["video", "sync_learned r", "best lag: r", "sync_loudness r", "best lag: r", "stillness"], [
      row(`output ${path.basename(a.output)}`, s.sync),
      row(`input ${path.basename(a.video)} unchanged (floor)`, s.floor),
    ]),
    "",
    `Fidelity (luma PSNR against the input): outside the lower face ${fmt(f.outside, 1)} dB, inside ${fmt(f.inside, 1)} dB, ` +
      `over ${f.framesCompared} frames (output ${f.outputFrames}, input ${f.inputFrames} frames${f.rescaled ? "; output rescaled to the input size" : ""}). ` +
      `Face found in ${s.faceFrames} output frames. Input leak r (output vs input lip opening) ${fmt(s.inputLeak)}; ` +
        `the engine's own target for this audio against the input ${fmt(s.targetLeak)}; beyond the target (partial r) ${fmt(s.excessLeak)}.`,
    "",
    ...notes,
  ].join("\n");
}
