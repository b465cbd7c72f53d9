import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { startStack } from "@/tests/integration/harness";
const stack = await startStack({ workers: 0, env: { API_RATE_LIMIT_PER_MINUTE: "1000000" } });
const { token } = await stack.createUser("p@example.com");
const auth = { Authorization: `Bearer ${token}` };
const up = async (file: string, name: string) => { const f = new FormData(); f.append("file", new Blob([readFileSync(file)]), name); return (await fetch(`${stack.baseUrl}/v1/kling/assets`, { method: "POST", headers: auth, body: f })).json(); };
const v = await up("tests/fixtures/astronaut.mp4", "a.mp4"); const a = await up("tests/fixtures/speech.wav", "s.wav");
const sub = await (await fetch(`${stack.baseUrl}/v1/kling/videos/lipsync`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ video: v.url, audio: a.url }) })).json();
const child = spawn(process.execPath, ["--import", "tsx", "tmp-fast-server.ts"], { env: { ...process.env, NODE_ENV: "production", FAST_PORT: "39999", API_RATE_LIMIT_PER_MINUTE: "1000000", PUBLIC_BASE_URL: stack.baseUrl, DATA_DIR: stack.dataDir }, stdio: "inherit" });
await new Promise((r) => setTimeout(r, 4000));
const url = `http://127.0.0.1:39999/v1/kling/tasks/${sub.task.id}`;
const body = await (await fetch(url, { headers: auth })).text();
const slow = await (await fetch(`${stack.baseUrl}/v1/kling/tasks/${sub.task.id}`, { headers: auth })).text();
console.log("same body:", body === slow, body.length);
for (let i = 0; i < 200; i++) await fetch(url, { headers: auth });
for (let k = 0; k < 2; k++) {
  const r = await autocannon({ url, connections: 50, duration: 10, headers: auth });
  console.log("fast", r.requests.average, r.latency.p50, r.latency.p99, r.non2xx);
}
child.kill();
await stack.stop();
process.exit(0);
