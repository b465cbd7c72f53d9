/**
 * 72.4 → "1:12", 3725 → "1:02:05"; null (not known yet) → "–". Whole seconds are cut, not
 * rounded, as browsers' players show a duration: 7.5 s reads 0:07 next to a player saying 0:07.
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "–";
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
