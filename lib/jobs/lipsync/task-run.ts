import { logger } from "@/lib/log/logger";
import { PROGRESS_MILESTONES } from "@/lib/webhooks/record-delivery";
import { touchTask, touchTaskWithMilestone } from "./task-state";

/** Why a run was stopped before it ended on its own. */
export type StopReason = "lost" | "timeout" | "shutdown";

/** Longest silence between two heartbeats of a running task. */
export const HEARTBEAT_MS = 2_000;
/** Progress is written at most this often. */
export const PROGRESS_WRITE_MS = 500;

const activeRuns = new Set<TaskRun>();

/** Stops every run of this process (worker shutdown): each hands its task back to the queue. */
export function stopAllRuns(): number {
  for (const run of activeRuns) run.stop("shutdown");
  return activeRuns.size;
}

/**
 * One worker's ownership of one task attempt: an AbortSignal for the engine and the download
 * that fires when the time limit passes, when the worker shuts down, or when a heartbeat finds
 * the row no longer ours (the task was cancelled, or another worker took it over); progress
 * writes (throttled) double as heartbeats.
 */
export class TaskRun {
  readonly taskId: number;
  readonly attempt: number;
  private readonly controller = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  private reasonValue: StopReason | undefined;
  private latest: { progress: number; stage: string } = { progress: 0, stage: "download" };
  private lastWrite = 0;
  private writing: Promise<void> | null = null;
  private pending = false;
  private milestonesSeen = 0;

  constructor(taskId: number, attempt: number, timeLimitMs: number) {
    this.taskId = taskId;
    this.attempt = attempt;
    activeRuns.add(this);
    this.timers.push(setTimeout(() => this.stop("timeout"), timeLimitMs));
    this.timers.push(
      setInterval(() => {
        if (Date.now() - this.lastWrite >= HEARTBEAT_MS - 100) this.write(false);
      }, HEARTBEAT_MS),
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the run was stopped, or undefined while it runs (or ended on its own). */
  get reason(): StopReason | undefined {
    return this.reasonValue;
  }

  stop(reason: StopReason): void {
    if (this.reasonValue) return;
    this.reasonValue = reason;
    this.controller.abort(new Error(`task ${this.taskId}: ${reason}`));
  }

  /** Records progress (0..100) and stage; written at most every PROGRESS_WRITE_MS. */
  report(progress: number, stage: string): void {
    this.latest = { progress: Math.max(0, Math.min(100, progress)), stage };
    const milestone = PROGRESS_MILESTONES[this.milestonesSeen];
    const crossed = milestone !== undefined && this.latest.progress >= milestone;
    if (crossed || Date.now() - this.lastWrite >= PROGRESS_WRITE_MS) this.write(crossed);
  }

  /** Waits for the write in flight, if any. */
  async settle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Ends the run: timers cleared, no more writes. */
  async end(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    activeRuns.delete(this);
    await this.settle();
  }

  private write(milestone: boolean): void {
    if (this.reasonValue) return;
    if (this.writing) {
      this.pending = true;
      return;
    }
    this.lastWrite = Date.now();
    const report = { ...this.latest };
    if (milestone) this.milestonesSeen++;
    this.writing = (async () => {
      try {
        const owned = milestone
          ? await touchTaskWithMilestone(this.taskId, this.attempt, report)
          : await touchTask(this.taskId, this.attempt, report);
        if (!owned) this.stop("lost");
      } catch (error) {
        // A database hiccup: keep running; a long outage makes other workers take over.
        logger.warn({ taskId: this.taskId, attempt: this.attempt, err: error }, "progress write failed");
        if (milestone) this.milestonesSeen--;
      } finally {
        this.writing = null;
        if (this.pending) {
          this.pending = false;
          const next = PROGRESS_MILESTONES[this.milestonesSeen];
          this.write(next !== undefined && this.latest.progress >= next);
        }
      }
    })();
  }
}
