import { Alert } from "@/components/ui/alert";
import { isLoopbackHost } from "@/lib/net/is-loopback-host";

/**
 * Says so when the links this server hands out (share links, API URLs, curl examples) name a
 * loopback host, so they work on this machine only; nothing otherwise.
 */
export function LoopbackNotice({ url, className }: { url: string; className?: string }) {
  let host: URL;
  try {
    host = new URL(url);
  } catch {
    return null;
  }
  if (!isLoopbackHost(host.hostname)) return null;
  return (
    <Alert title="These links work on this computer only" className={className}>
      They point at <code className="font-mono">{host.host}</code>, which other machines cannot reach, so a link sent to someone
      else will not open. Open the studio by this machine&apos;s network name or address (links follow the address you use), or
      set <code className="font-mono">PUBLIC_BASE_URL</code> to the address others reach it by and restart.
    </Alert>
  );
}
