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
