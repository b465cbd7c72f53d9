import type { LibraryMouth } from "./mouth-library";

/** How much of the neighbouring library mouth is blended in on each side of a change. */
const FADE_WEIGHT = 1 / 3;

export interface LibraryFade {
  mouth: LibraryMouth;
  weight: number;
}

/**
 * Where the chosen library mouth changes between two frames, each of the two frames blends in a
 * third of the other one's mouth, so the lips go 1, 2/3, 1/3, 0 from the old mouth to the new one
 * over the change instead of cutting: a cut showed as a jump of the lip outline and texture about
 * every 7-11 frames. Two frames only: a longer blend of two mouths would show doubled lips.
 */
export function fadeLibraryMouths(chosen: (LibraryMouth | undefined)[]): (LibraryFade | undefined)[] {
  return chosen.map((mouth, f) => {
    if (!mouth) return undefined;
    const [before, after] = [chosen[f - 1], chosen[f + 1]];
    if (after && after !== mouth) return { mouth: after, weight: FADE_WEIGHT };
    if (before && before !== mouth) return { mouth: before, weight: FADE_WEIGHT };
    return undefined;
  });
}
