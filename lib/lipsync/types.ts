export type LipsyncStage = "probe" | "audio" | "track" | "render" | "finalize";

export interface LipsyncProgress {
  stage: LipsyncStage;
  /** 0..1 within the stage. */
  stageFraction: number;
  /** 0..1 over the whole run, weighted by the stages' typical cost. */
  fraction: number;
}

export interface LipsyncResult {
  output: string;
  cover: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** Seconds. */
  duration: number;
  /** Frames in which a face was tracked and the mouth re-synthesised. */
  facesFound: number;
  /** Wall-clock seconds the run took. */
  elapsed: number;
}
