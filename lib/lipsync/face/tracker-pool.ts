import type { ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { LipsyncError, type LipsyncErrorCode } from "../errors";
import { cancelledError } from "../media/run-process";
import { addTime, type EngineProfile } from "../profile";
import { startTsProcess } from "../workers/start-ts-process";
import { MESH_POINTS } from "./landmarks";
import type { TrackedRange, TrackRange } from "./track-faces";
import type { TrackJob, TrackWorkerMessage, TrackWorkerRequest } from "./track-worker";

const MAX_FAILED_STARTS = 3;

/** A cancelled job's process that has not stopped after this long is replaced. */
const CANCEL_GRACE_MS = 5_000;

type JobResult = Omit<Extract<TrackWorkerMessage, { type: "tracked" }>, "type" | "job"> | { size: number };

interface PendingJob {
  request: TrackJob;
  onFrames?: (frames: number) => void;
  resolve: (result: JobResult) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
}

interface Tracker {
  process: ChildProcess;
  /** The job the process runs, or undefined when idle. */
  job?: PendingJob;
  /** Its face models have loaded. */
  ready?: boolean;
  /** A cancelled job the process is still winding down: it takes no new one until then. */
  cancelling?: { job: number; timer: NodeJS.Timeout };
}

/**
 * Face-tracking processes, one a core, each with its own face models, started once and reused by
 * every run: a long-lived process (the worker) pays for loading the models only once. Jobs queue
 * until a tracker is free. A cancelled job stops its tracker's work (the tracker is replaced if it
 * does not stop within a few seconds); a tracker that crashes fails its job and is replaced.
 * Trackers are child processes, not threads: ONNX Runtime's native code aborts the whole process
 * when a thread running it is stopped, and a crash in it would take the worker down with it.
 */
export class TrackerPool {
  readonly size: number;
  private readonly trackers: Tracker[] = [];
  private readonly queue: PendingJob[] = [];
  private nextJob = 1;
  private closed = false;
  private triangulationValue: Promise<number[]>;
  private resolveTriangulation!: (value: number[]) => void;
  /** Trackers started to replace crashed or stuck ones, for diagnosis and tests. */
  replacedTrackers = 0;
  /** Trackers in a row that died before their models loaded: past a few, the pool gives up. */
  private failedStarts = 0;

  constructor(size = availableParallelism()) {
    this.size = Math.max(1, size);
    this.triangulationValue = new Promise((resolve) => (this.resolveTriangulation = resolve));
    for (let i = 0; i < this.size; i++) this.trackers.push(this.startTracker());
  }

  /** The face mesh's triangles (vertex index triples), sent by the first tracker that loaded its models. */
  triangulation(): Promise<number[]> {
    return this.triangulationValue;
  }

  /** Tracks one range of frames on a free tracker (see trackFaces). */
  async track(range: TrackRange, onFrames: (frames: number) => void, signal?: AbortSignal, profile?: EngineProfile): Promise<TrackedRange> {
    const result = (await this.run({ type: "track", job: 0, range }, signal, onFrames)) as Extract<JobResult, { packed: Float32Array }>;
    for (const [step, ms] of Object.entries(result.profile)) addTime(profile, step, ms);
    const size = MESH_POINTS * 2;
    const meshes = Array.from(result.found, (hasFace, i) => (hasFace ? result.packed.subarray(i * size, (i + 1) * size) : null));
    return { meshes, candidates: result.candidates };
  }

  /** The tracking size for a video (see chooseTrackingSize), worked out on a free tracker. */
  async trackingSize(video: string, width: number, height: number, signal?: AbortSignal): Promise<number> {
    return ((await this.run({ type: "size", job: 0, video, width, height }, signal)) as { size: number }).size;
  }

  /** Stops every tracker; jobs still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new LipsyncError("CANCELLED", "The lip-sync engine was shut down."));
    await Promise.all(
      this.trackers.map((tracker) => {
        if (tracker.cancelling) clearTimeout(tracker.cancelling.timer);
        return stop(tracker.process);
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
    for (const tracker of this.trackers) {
      if (this.queue.length === 0) return;
      if (tracker.job || tracker.cancelling) continue;
      const job = this.queue.shift()!;
      tracker.job = job;
      send(tracker, job.request);
    }
  }

  private cancel(job: PendingJob): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    const tracker = this.trackers.find((t) => t.job === job);
    if (tracker) {
      tracker.job = undefined;
      send(tracker, { type: "cancel", job: job.request.job });
      tracker.cancelling = { job: job.request.job, timer: setTimeout(() => void stop(tracker.process), CANCEL_GRACE_MS) };
    }
    job.reject(cancelledError());
  }

  private startTracker(): Tracker {
    const tracker: Tracker = { process: startTsProcess(new URL("./track-worker.ts", import.meta.url)) };
    tracker.process.on("message", (message: TrackWorkerMessage) => this.onMessage(tracker, message));
    tracker.process.on("error", (error: Error) => this.onExit(tracker, `Face tracking failed: ${error.message}`));
    tracker.process.on("exit", () => this.onExit(tracker, "Face tracking stopped unexpectedly."));
    return tracker;
  }

  private onMessage(tracker: Tracker, message: TrackWorkerMessage): void {
    if (message.type === "ready") {
      tracker.ready = true;
      this.failedStarts = 0;
      return this.resolveTriangulation(message.triangulation);
    }
    if (tracker.cancelling?.job === message.job) {
      if (message.type === "progress") return;
      clearTimeout(tracker.cancelling.timer);
      tracker.cancelling = undefined;
      return this.dispatch();
    }
    const job = tracker.job;
    if (!job || job.request.job !== message.job) return;
    if (message.type === "progress") return job.onFrames?.(message.frames);
    tracker.job = undefined;
    if (message.type === "error") job.reject(new LipsyncError((message.code as LipsyncErrorCode | undefined) ?? "ENGINE_FAILURE", message.message));
    else if (message.type === "tracked") {
      job.onFrames?.(message.found.length);
      job.resolve({ packed: message.packed, found: message.found, candidates: message.candidates, profile: message.profile });
    } else job.resolve({ size: message.size });
    this.dispatch();
  }

  private onExit(tracker: Tracker, reason: string): void {
    const index = this.trackers.indexOf(tracker);
    if (index < 0) return; // already replaced
    const job = tracker.job;
    tracker.job = undefined;
    if (job) job.reject(job.signal?.aborted ? cancelledError() : new LipsyncError("ENGINE_FAILURE", reason));
    if (tracker.cancelling) clearTimeout(tracker.cancelling.timer);
    if (this.closed) return;
    if (!tracker.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
      // The face models cannot load here (a broken install): fail what waits instead of looping.
      this.closed = true;
      for (const waiting of this.queue.splice(0)) waiting.reject(new LipsyncError("ENGINE_FAILURE", `The face models could not be loaded: ${reason}`));
      return;
    }
    this.trackers[index] = this.startTracker();
    this.replacedTrackers++;
    this.dispatch();
  }

}

/** Sends a request to a tracker; one that has gone is left to its exit handler. */
function send(tracker: Tracker, request: TrackWorkerRequest): void {
  if (tracker.process.connected) tracker.process.send(request);
}

/** Kills a tracker process (safe at any moment: it holds nothing another process needs) and waits for it to go. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}
