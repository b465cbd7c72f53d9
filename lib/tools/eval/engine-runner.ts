// Runs the engine once in its own process (its tfjs/Human setup stays apart from face-api's)
// and reports progress and the result as JSON lines on stdout.
import { runLipsync } from "@/lib/lipsync";

async function main(): Promise<void> {
  const { video, audio, output } = JSON.parse(process.argv[2] ?? "{}") as { video: string; audio: string; output: string };
  const result = await runLipsync({
    video,
    audio,
    output,
    onProgress: (p) => process.stdout.write(`${JSON.stringify({ progress: p })}\n`),
  });
  process.stdout.write(`${JSON.stringify({ result })}\n`);
}

main().catch((error: unknown) => {
  const e = error as { message?: string; code?: string };
  process.stdout.write(`${JSON.stringify({ error: e.message ?? String(error), code: e.code })}\n`);
  process.exit(1);
});
