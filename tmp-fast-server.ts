import http from "node:http";
import { GET } from "@/app/v1/kling/tasks/[task_id]/route";
http.createServer(async (req, res) => {
  const m = /^\/v1\/kling\/tasks\/([^/?]+)/.exec(req.url!)!;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers });
  const response = await GET(request, { params: Promise.resolve({ task_id: m[1] }) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}).listen(Number(process.env.FAST_PORT), "127.0.0.1", () => console.log("fast up"));
