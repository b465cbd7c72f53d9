/** Which input a file or link is for. */
export type MediaKind = "video" | "audio";
