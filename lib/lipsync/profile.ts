import { treeCpuSeconds } from "./process-cpu";

/** Milliseconds a run spent per step, summed over frames and threads (`npm run bench -- --profile`). */
export type EngineProfile = Record<string, number>;

/** Adds `ms` to one step of the profile, when there is one. */
export function addTime(profile: EngineProfile | undefined, step: string, ms: number): void {
  if (profile) profile[step] = (profile[step] ?? 0) + ms;
}

/** A stopwatch whose laps are added to the profile: `lap(step)` books the time since the last lap. */
export function stopwatch(profile: EngineProfile | undefined): (step: string) => void {
  let mark = performance.now();
  return (step) => {
    const now = performance.now();
    addTime(profile, step, now - mark);
    mark = now;
  };
}

/**
 * Like stopwatch, for stages: books wall time and CPU time (this process's threads, its face
 * trackers and every ffmpeg, from /proc on Linux) as "<step> (wall)" and "<step> (CPU)". CPU time
 * hardly moves with other work on the machine, wall time does.
 */
export function stageWatch(profile: EngineProfile | undefined): (step: string) => void {
  let wall = performance.now();
  let cpu = profile ? processCpuMs() : 0;
  return (step) => {
    if (!profile) return;
    const [wallNow, cpuNow] = [performance.now(), processCpuMs()];
    addTime(profile, `${step} (wall)`, wallNow - wall);
    addTime(profile, `${step} (CPU)`, cpuNow - cpu);
    [wall, cpu] = [wallNow, cpuNow];
  };
}

/** CPU milliseconds of this process and its descendants, live or waited for. */
function processCpuMs(): number {
  const seconds = treeCpuSeconds(process.pid);
  if (seconds > 0) return seconds * 1000;
  // No /proc (not Linux): this process alone.
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
