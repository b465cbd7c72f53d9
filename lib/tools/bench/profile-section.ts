import { mergeSection } from "./marked-section";
import type { OtherLoad } from "./other-load";
import { type ClipProfile, renderProfile } from "./profile-engine";

const MARKERS = { start: "<!-- profile:start -->", end: "<!-- profile:end -->" };

/** The profile section of docs/benchmarks.md, written by `npm run bench -- --profile --write`. */
export function renderProfileSection(profiles: ClipProfile[], input: { command: string; engine: string; otherLoad: OtherLoad }): string {
  return `${MARKERS.start}
## Profile: where one frame's milliseconds go

Written by \`${input.command}\` (it refreshes only this section); engine at commit ${input.engine}, ${new Date().toISOString()}.
Other processes used ${Math.round(100 * input.otherLoad.share)}% of the cores during the profile: wall times stretch with that, CPU times much less.

Each clip runs once through an engine kept loaded (\`startLipsyncEngine\`, as in the worker) to
warm it, then once more with the engine's profile on (\`profile\` of \`runLipsync\`). Figures are
milliseconds per video frame.

- **stage … (wall)** and **(CPU)**: the stage's wall time, and the CPU time of the engine's process
  tree in that stage (its threads, its face-tracking processes and every ffmpeg); CPU barely moves
  with other work on the machine, wall time does. On 2 cores a stage can use up to twice its wall time in CPU.
- **track: …**: wall time inside the face-tracking processes, summed over them: running the face
  mesh (the 468-point mesh model from Human's package, on ONNX Runtime, on a crop that follows the
  face, and the BlazeFace detector where the mesh loses the face), waiting for the tracker's own ffmpeg to
  deliver the next frame (scaled-down RGB, and the full-size frame the mouth library's candidates are
  cut from), keeping those candidates; and the share of frames whose mesh was interpolated.
- **render: choose the library mouths**: before the render pass, choosing the library's mouths
  and the interior among the trackers' candidates, and planning which one each frame shows (wall time).
- **frame: …**: the render pass on the main thread: waiting for the next full-size yuv420p frame,
  re-drawing the mouth (JavaScript), handing the frame to the x264 encoder (waiting while its pipe is full).
- **alone, CPU**: the same clip decoded by ffmpeg as each pass does (read by Node, nothing else
  done), and the bench's plain transcode, each by itself: what the passes cannot go below.

${renderProfile(profiles)}
${MARKERS.end}
`;
}

/** The page with the new profile section in place of the old one. */
export function mergeProfileSection(page: string, section: string): string {
  return mergeSection(page, section, MARKERS);
}
