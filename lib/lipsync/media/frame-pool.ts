/** Free buffers kept beyond this many are left to the garbage collector. */
const MAX_FREE = 8;

/**
 * Recycles the buffers of one frame size. A new multi-megabyte buffer per decoded frame counts
 * as external memory to V8, which then runs a full garbage collection every few frames (a 1080p
 * render spent more time in them than in drawing the mouth).
 */
export class FramePool {
  private readonly free: Buffer[] = [];

  constructor(readonly frameBytes: number) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafe(this.frameBytes);
  }

  /** Hands a buffer back once nothing reads or writes it any more. */
  give(buffer: Buffer): void {
    if (buffer.length === this.frameBytes && this.free.length < MAX_FREE) this.free.push(buffer);
  }
}
