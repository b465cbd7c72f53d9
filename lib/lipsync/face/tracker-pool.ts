import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { LipsyncError, type LipsyncErrorCode } from "../errors";
import { cancelledError } from "../media/run-process";
import { addTime, type EngineProfile } from "../profile";
import { startTsWorker } from "../workers/start-ts-worker";
import { MESH_POINTS } from "./landmarks";
import type { TrackRange } from "./track-faces";
import type { TrackJob, TrackWorkerMessage, TrackWorkerRequest } from "./track-worker";

const MAX_FAILED_STARTS = 3;

/** A cancelled job's thread that has not stopped after this long is replaced. */
const CANCEL_GRACE_MS = 5_000;

type JobResult = { packed: Float32Array; found: Uint8Array; profile: EngineProfile } | { size: number };

interface PendingJob {
  request: TrackJob;
  onFrames?: (frames: number) => void;
  resolve: (result: JobResult) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
}

interface TrackerThread {
  worker: Worker;
  /** The job the thread runs, or undefined when idle. */
  job?: PendingJob;
  /** Its face model has loaded. */
  ready?: boolean;
  /** A cancelled job the thread is still winding down: it takes no new one until then. */
  cancelling?: { job: number; timer: NodeJS.Timeout };
}

/**
 * Face-tracking threads, each with its own face model, started once and reused by every run:
 * a long-lived process (the worker) pays for loading the models only once. Jobs queue until a
 * thread is free. A cancelled job stops its thread's work (the thread is replaced if it does not
 * stop within a few seconds); a thread that crashes fails its job and is replaced.
 */
export class TrackerPool {
  readonly size: number;
  private readonly threads: TrackerThread[] = [];
  private readonly queue: PendingJob[] = [];
  private nextJob = 1;
  private closed = false;
  private triangulationValue: Promise<number[]>;
  private resolveTriangulation!: (value: number[]) => void;
  /** Threads started to replace crashed or stuck ones, for diagnosis and tests. */
  replacedThreads = 0;
  /** Threads in a row that died before their model loaded: past a few, the pool gives up. */
  private failedStarts = 0;

  constructor(size = availableParallelism()) {
    this.size = Math.max(1, size);
    this.triangulationValue = new Promise((resolve) => (this.resolveTriangulation = resolve));
    for (let i = 0; i < this.size; i++) this.threads.push(this.startThread());
  }

  /** The face mesh's triangles (vertex index triples), sent by the first thread that loaded its model. */
  triangulation(): Promise<number[]> {
    return this.triangulationValue;
  }

  /** Tracks one range of frames on a free thread: one entry per decoded frame, the mesh or null. */
  async track(range: TrackRange, onFrames: (frames: number) => void, signal?: AbortSignal, profile?: EngineProfile): Promise<(Float32Array | null)[]> {
    const result = (await this.run({ type: "track", job: 0, range }, signal, onFrames)) as Extract<JobResult, { packed: Float32Array }>;
    for (const [step, ms] of Object.entries(result.profile)) addTime(profile, step, ms);
    const size = MESH_POINTS * 2;
    return Array.from(result.found, (hasFace, i) => (hasFace ? result.packed.subarray(i * size, (i + 1) * size) : null));
  }

  /** The tracking size for a video (see chooseTrackingSize), worked out on a free thread. */
  async trackingSize(video: string, width: number, height: number, signal?: AbortSignal): Promise<number> {
    return ((await this.run({ type: "size", job: 0, video, width, height }, signal)) as { size: number }).size;
  }

  /** Stops every thread; jobs still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new LipsyncError("CANCELLED", "The lip-sync engine was shut down."));
    await Promise.all(
      this.threads.map((thread) => {
        if (thread.cancelling) clearTimeout(thread.cancelling.timer);
        return thread.worker.terminate();
      }),
    );
  }

  private run(request: TrackJob, signal?: AbortSignal, onFrames?: (frames: number) => void): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(cancelledError());
      if (this.closed) return reject(new LipsyncError("ENGINE_FAILURE", "The lip-sync engine was shut down."));
      const job: PendingJob = { request: { ...request, job: this.nextJob++ }, onFrames, signal, resolve: () => undefined, reject: () => undefined };
      const onAbort = () => this.cancel(job);
      signal?.addEventListener("abort", onAbort, { once: true });
      job.resolve = (result) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(result);
      };
      job.reject = (error) => {
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      };
      this.queue.push(job);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (this.queue.length === 0) return;
      if (thread.job || thread.cancelling) continue;
      const job = this.queue.shift()!;
      thread.job = job;
      thread.worker.postMessage(job.request satisfies TrackWorkerRequest);
    }
  }

  private cancel(job: PendingJob): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const thread = this.threads.find((t) => t.job === job);
    if (thread) {
      thread.job = undefined;
      thread.worker.postMessage({ type: "cancel", job: job.request.job } satisfies TrackWorkerRequest);
      thread.cancelling = { job: job.request.job, timer: setTimeout(() => this.replace(thread), CANCEL_GRACE_MS) };
    }
    job.reject(cancelledError());
  }

  private startThread(): TrackerThread {
    const thread: TrackerThread = { worker: startTsWorker(new URL("./track-worker.ts", import.meta.url), null) };
    thread.worker.on("message", (message: TrackWorkerMessage) => this.onMessage(thread, message));
    thread.worker.on("error", (error: Error) => this.onExit(thread, `Face tracking failed: ${error.message}`));
    thread.worker.on("exit", () => this.onExit(thread, "Face tracking stopped unexpectedly."));
    return thread;
  }

  private onMessage(thread: TrackerThread, message: TrackWorkerMessage): void {
    if (message.type === "ready") {
      thread.ready = true;
      this.failedStarts = 0;
      return this.resolveTriangulation(message.triangulation);
    }
    if (thread.cancelling?.job === message.job) {
      if (message.type === "progress") return;
      clearTimeout(thread.cancelling.timer);
      thread.cancelling = undefined;
      return this.dispatch();
    }
    const job = thread.job;
    if (!job || job.request.job !== message.job) return;
    if (message.type === "progress") return job.onFrames?.(message.frames);
    thread.job = undefined;
    if (message.type === "error") job.reject(new LipsyncError((message.code as LipsyncErrorCode | undefined) ?? "ENGINE_FAILURE", message.message));
    else if (message.type === "tracked") {
      job.onFrames?.(message.found.length);
      job.resolve({ packed: message.packed, found: message.found, profile: message.profile });
    } else job.resolve({ size: message.size });
    this.dispatch();
  }

  private onExit(thread: TrackerThread, reason: string): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return; // already replaced
    const job = thread.job;
    thread.job = undefined;
    if (job) job.reject(job.signal?.aborted ? cancelledError() : new LipsyncError("ENGINE_FAILURE", reason));
    if (thread.cancelling) clearTimeout(thread.cancelling.timer);
    if (this.closed) return;
    if (!thread.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
      // The face model cannot load here (a broken install): fail what waits instead of looping.
      this.closed = true;
      for (const waiting of this.queue.splice(0)) waiting.reject(new LipsyncError("ENGINE_FAILURE", `The face model could not be loaded: ${reason}`));
      return;
    }
    this.threads[index] = this.startThread();
    this.replacedThreads++;
    this.dispatch();
  }

  private replace(thread: TrackerThread): void {
    void thread.worker.terminate(); // its exit event starts the replacement
  }
}
