/**
 * Whether a hostname (as URL.hostname or DNS gives it) names this machine only: localhost,
 * *.localhost, 127.0.0.0/8, ::1 or an IPv4-mapped 127.x. No Node imports: the studio's pages use it too.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === "::1" ||
    /^::ffff:(?:7f[0-9a-f]{2}:[0-9a-f]{1,4}|127(?:\.\d{1,3}){3})$/.test(host)
  );
}
