/** A browser-style sign-up through Better Auth's HTTP endpoint: the session cookie for later requests. */
export async function signUp(
  baseUrl: string,
  { email, password = "a long enough password", name = "Test User" }: { email: string; password?: string; name?: string },
): Promise<{ cookie: string; userId: number; status: number }> {
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify({ email, password, name }),
  });
  const body = (await response.json().catch(() => ({}))) as { user?: { id: string } };
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  return { cookie, userId: Number(body.user?.id ?? NaN), status: response.status };
}
