/** POST helper shared by the HTTP sinks: bounded by a timeout, any non-2xx is a failure (so it is retried). */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  // Drain the body so the connection is released.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`alert sink answered ${res.status}`);
}
