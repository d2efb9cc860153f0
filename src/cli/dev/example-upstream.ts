/**
 * A tiny example API behind the gate in `dev`, so a newcomer sees a monetized call turn from 402 into 200
 * after paying. It trusts `x-uigen-user-id` / `x-uigen-plan` only because it listens on 127.0.0.1 behind the gate.
 */
import { createServer, type Server } from 'node:http';

export async function startExampleUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const user = req.headers['x-uigen-user-id'] ?? null;
    const plan = req.headers['x-uigen-plan'] ?? 'free';
    const url = new URL(req.url ?? '/', 'http://upstream.local');
    let body: unknown;
    const report = /^\/reports\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === '/projects') {
      body = { projects: [{ id: 'p1', name: 'Website redesign' }, { id: 'p2', name: 'Mobile app' }] };
    } else if (req.method === 'GET' && report) {
      body = { id: report[1], title: `Revenue report ${report[1]}`, generatedFor: user, plan, rows: [
        { month: 'Sep', revenue: 12_400 }, { month: 'Oct', revenue: 15_150 }, { month: 'Nov', revenue: 17_980 },
      ] };
    } else if (req.method === 'POST' && url.pathname === '/exports') {
      body = { exportId: `exp_${Date.now()}`, status: 'queued', requestedBy: user };
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
