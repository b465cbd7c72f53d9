import { closeSync, constants, openSync } from "node:fs";
import { Socket } from "node:net";
import type { FramePool } from "./frame-pool";

const READ_AHEAD_FRAMES = 3;

/**
 * Reads fixed-size frames from a named pipe straight into frame buffers (net.Socket's `onread`).
 * A few frames are read ahead; beyond that the pipe is left full, which pauses its writer. Read
 * from ffmpeg's stdout instead, every 64 KB chunk was a new buffer, and collecting them cost Node
 * more than the reading itself (docs/benchmarks.md, 2026-12-07).
 */
export class FifoFrames {
  private readonly ready: Buffer[] = [];
  private readonly reader: Socket;
  private current: Buffer;
  private filled = 0;
  private ended = false;
  private wake?: () => void;

  /** Opens `fifo` without waiting for a writer, so the writer's own open succeeds at once. */
  constructor(
    private readonly fifo: string,
    private readonly frameBytes: number,
    private readonly pool?: FramePool,
  ) {
    if (pool && pool.frameBytes !== frameBytes) throw new Error(`The frame pool holds ${pool.frameBytes}-byte frames, not ${frameBytes}.`);
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    this.current = this.newFrame();
    // The socket owns the descriptor from here on: closing it too would close a number reused since.
    this.reader = new Socket({
      fd,
      readable: true,
      writable: false,
      onread: {
        buffer: () => this.current.subarray(this.filled),
        callback: (bytes) => {
          this.filled += bytes;
          if (this.filled < this.frameBytes) return true;
          this.ready.push(this.current);
          this.current = this.newFrame();
          this.filled = 0;
          this.wake?.();
          return this.ready.length < READ_AHEAD_FRAMES;
        },
      },
    });
    const finish = () => {
      this.ended = true;
      this.wake?.();
    };
    this.reader.on("end", finish);
    this.reader.on("error", finish);
  }

  /** The next whole frame, or undefined once the writer has closed the pipe. */
  async next(): Promise<Buffer | undefined> {
    for (;;) {
      const frame = this.ready.shift();
      if (frame) {
        if (this.ready.length < READ_AHEAD_FRAMES) this.reader.resume();
        return frame;
      }
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  /** After the writer exited: a writer that never opened the pipe never ends it, so a writer's open and close does. */
  writerExited(): void {
    if (this.ended) return;
    try {
      closeSync(openSync(this.fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader left to wake (ENXIO).
      this.ended = true;
      this.wake?.();
    }
  }

  close(): void {
    this.reader.destroy();
  }

  private newFrame(): Buffer {
    return this.pool?.take() ?? Buffer.allocUnsafe(this.frameBytes);
  }
}
