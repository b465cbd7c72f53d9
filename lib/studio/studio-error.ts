/** A refusal the person can act on; its message is shown as is. */
export class StudioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StudioError";
  }
}
