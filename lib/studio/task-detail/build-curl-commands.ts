/** Quotes a value for a POSIX shell (single quotes; embedded ones closed and escaped). */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The API calls equivalent to this task, ready to paste: submit the same inputs under the same
 * account, then read the task (the token stays in $LIPSYNC_TOKEN, never on the page).
 */
export function buildCurlCommands(task: { id: number; videoUrl: string; audioUrl: string; account: string }, baseUrl: string): string {
  const body = JSON.stringify({ video: task.videoUrl, audio: task.audioUrl, email: task.account }, null, 2).replace(/\n/g, "\n  ");
  return [
    `curl -X POST ${shellQuote(`${baseUrl}/v1/kling/videos/lipsync`)} \\`,
    `  -H "Authorization: Bearer $LIPSYNC_TOKEN" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuote(body)}`,
    "",
    `curl ${shellQuote(`${baseUrl}/v1/kling/tasks/${task.id}`)} \\`,
    `  -H "Authorization: Bearer $LIPSYNC_TOKEN"`,
  ].join("\n");
}
