import { spawn } from "node:child_process";
import { LipsyncError } from "../errors";
import { ffmpegPath } from "./binaries";

/** Encodes one yuv420p frame as a JPEG cover image. */
export function writeCover(frame: Buffer, width: number, height: number, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      ffmpegPath(),
      ["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", `${width}x${height}`, "-i", "pipe:0", "-frames:v", "1", "-q:v", "3", file],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on("error", () => undefined);
    child.on("error", (error) => reject(new LipsyncError("ENGINE_FAILURE", `Could not write the cover: ${error.message}`)));
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new LipsyncError("ENGINE_FAILURE", `Could not write the cover: ${stderr.trim().slice(-300)}`)),
    );
    child.stdin.end(frame);
  });
}
