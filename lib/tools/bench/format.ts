/** Bytes as decimal megabytes, e.g. "812 MB". */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1e6)} MB`;
}
