/**
 * A per-test fetch stub for component tests: routes by "METHOD /path" to a handler; every call is recorded,
 * and an unrouted call fails the test loudly instead of hanging.
 */
export type StubReply = { status?: number; body?: unknown; headers?: Record<string, string> };
export type StubHandler = (req: {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}) => StubReply | Promise<StubReply>;

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

export interface ApiStub {
  fetch: typeof fetch;
  calls: RecordedCall[];
  on(route: string, handler: StubHandler | StubReply): ApiStub;
  count(route: string): number;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): StubReply {
  return { status, body, headers };
}

export function apiError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): StubReply {
  return { status, body: { error: { code, message, requestId: 'req_test', ...extra } }, headers };
}

export function createApiStub(): ApiStub {
  const routes = new Map<string, StubHandler>();
  const calls: RecordedCall[] = [];
  const stub: ApiStub = {
    calls,
    on(route, handler) {
      routes.set(route, typeof handler === 'function' ? handler : () => handler);
      return stub;
    },
    count(route) {
      return calls.filter((c) => `${c.method} ${c.path}` === route).length;
    },
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://app.test');
      const method = (init?.method ?? 'GET').toUpperCase();
      const headers = new Headers(init?.headers);
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, path: url.pathname, body, authorization: headers.get('authorization') });
      const handler = routes.get(`${method} ${url.pathname}`);
      if (!handler) throw new Error(`unstubbed API call: ${method} ${url.pathname}`);
      const reply = await handler({ method, path: url.pathname, body, headers });
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status ?? 200,
        headers: { 'content-type': 'application/json', ...reply.headers },
      });
    },
  };
  return stub;
}
