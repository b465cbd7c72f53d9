/** A start-up failure of the embedded PostgreSQL: what went wrong, then what to do about it. */
export class EmbeddedPostgresError extends Error {
  constructor(problem: string, remedy: string, options?: { cause?: unknown }) {
    super(`The embedded PostgreSQL could not start: ${problem}\nWhat to do: ${remedy}`, options);
    this.name = "EmbeddedPostgresError";
  }
}
