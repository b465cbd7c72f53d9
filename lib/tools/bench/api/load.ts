import autocannon from "autocannon";
import { type CpuShare, startCpuMeter } from "./cpu-meter";

export type LoadOptions = {
  /** Short name for the progress line and the table, e.g. "submit". */
  name: string;
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Called with each 2xx answer's body (the submit run keeps the task ids). */
  onOkBody?: (body: string) => void;
};

export type LoadResult = {
  name: string;
  method: string;
  /** The path measured, with the token left out. */
  path: string;
  connections: number;
  seconds: number;
  /** Responses received (any status). */
  responses: number;
  /** Requests sent, answered or not (those in flight at the stop are sent but not answered). */
  sent: number;
  requestsPerSecond: number;
  /** Latency in milliseconds, over every response received. */
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  ok: number;
  non2xx: number;
  /** Count per non-2xx status, e.g. { "429": 3 }. */
  non2xxByStatus: Record<string, number>;
  /** Connection errors and timeouts (no HTTP answer). */
  errors: number;
  timeouts: number;
  /** Share of all cores busy during the run, and the share other processes took. */
  cpu: CpuShare;
};

/**
 * One autocannon run: `connections` clients each sending the same request back to back for
 * `seconds`, with a progress line on stderr (redrawn each second on a terminal, every 5 s otherwise).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const cpu = startCpuMeter();
  let answered = 0;
  let ok = 0;
  const tty = process.stderr.isTTY;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [
          {
            method: options.method,
            headers: options.headers,
            body: options.body,
            onResponse: (status: number, body: string) => {
              if (status >= 200 && status < 300) options.onOkBody?.(body);
            },
          },
        ],
      },
      (error: unknown, res: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    let elapsed = 0;
    instance.on("response", (_client, statusCode) => {
      answered++;
      if (statusCode >= 200 && statusCode < 300) ok++;
    });
    instance.on("tick", () => {
      elapsed++;
      const line = `    ${options.name}: ${elapsed}/${options.seconds} s, ${answered} responses (${answered - ok} non-2xx), ${(answered / elapsed).toFixed(0)} req/s`;
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      else if (elapsed % 5 === 0) process.stderr.write(`${line}\n`);
    });
  });
  if (tty) process.stderr.write("\r\x1b[K");

  const non2xxByStatus: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) {
    if (!status.startsWith("2") && stat.count) non2xxByStatus[status] = stat.count;
  }
  return {
    name: options.name,
    method: options.method,
    path: new URL(options.url).pathname,
    connections: options.connections,
    seconds: result.duration,
    responses: result.requests.total,
    sent: result.requests.sent,
    requestsPerSecond: result.requests.total / result.duration,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    ok: result["2xx"],
    non2xx: result.non2xx,
    non2xxByStatus,
    errors: result.errors,
    timeouts: result.timeouts,
    cpu: cpu(),
  };
}
