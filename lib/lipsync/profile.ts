import { readFileSync } from "node:fs";

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
 * Like stopwatch, for stages: books wall time and CPU time (this process's threads and the ffmpeg
 * children it has reaped, from /proc on Linux) as "<step> (wall)" and "<step> (CPU)". CPU time
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

/** CPU milliseconds of this process (all threads) and its reaped children. */
function processCpuMs(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // utime, stime, cutime, cstime: fields 14 to 17, in ticks of 10 ms.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * 10;
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
}
