/**
 * An answer of useapi.net other than success, or no answer at all. `status` is the HTTP status
 * (0: no answer: connection refused or dropped, or `timedOut`); `text` is the upstream's own error
 * text (its `error`, else `message`, else the raw body), kept for the task's message.
 */
export class UseapiError extends Error {
  readonly status: number;
  readonly text: string;
  readonly timedOut: boolean;
  /** Seconds from a Retry-After header, when the upstream sent one. */
  readonly retryAfter?: number;

  constructor(status: number, text: string, options: { timedOut?: boolean; retryAfter?: number } = {}) {
    super(status ? `useapi.net answered ${status}: ${text}` : `useapi.net could not be reached: ${text}`);
    this.name = "UseapiError";
    this.status = status;
    this.text = text;
    this.timedOut = options.timedOut ?? false;
    this.retryAfter = options.retryAfter;
  }
}
