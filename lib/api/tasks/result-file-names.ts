/**
 * File names of a task's result video and cover, as they appear in their asset URLs. The asset
 * route finds files by id alone, so these names only make downloads readable.
 */
export function resultFileNames(taskId: number): { video: string; cover: string } {
  return { video: `lipsync-${taskId}.mp4`, cover: `lipsync-${taskId}.jpg` };
}
