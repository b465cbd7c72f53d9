export { runLipsync, type RunLipsyncInput } from "./run-lipsync";
export { LipsyncError, isLipsyncError, LIPSYNC_ERROR_CODES, type LipsyncErrorCode } from "./errors";
export { lipsyncOptionsSchema, type LipsyncOptions, type LipsyncOptionsInput } from "./options";
export type { LipsyncProgress, LipsyncResult, LipsyncStage } from "./types";
export { startLipsyncEngine, type LipsyncEngine } from "./start-lipsync-engine";
