/**
 * `npm run bench`: runs every bench/<area>.bench.ts in turn, prints one table, writes JSON to bench/results/.
 * `--quick` shortens every measurement (used by the bench smoke test); `--only <area>` runs one module.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f === `${only}.bench.ts`)
  .sort();

const all: Array<BenchRow & { area: string }> = [];
for (const f of files) {
  const area = f.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench: ${area}…\n`);
  const started = Date.now();
  try {
    const mod = (await import(pathToFileURL(join(here, f)).href)) as BenchModule;
    const rows = await mod.run({ quick });
    for (const r of rows) all.push({ ...r, area });
  } catch (err) {
    all.push({ area, name: `${area}: FAILED (${(err as Error).message.split('\n')[0]})`, value: Number.NaN, unit: '' });
  }
  process.stderr.write(`bench: ${area} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const fmt = (n: number) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2)) : 'n/a');
const lines: string[] = [];
lines.push(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
lines.push('');
lines.push('| area | measurement | value | baseline (same run) | ratio | target | note |');
lines.push('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of all) {
  const base = r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)}` : '';
  const ratio = r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : '';
  const target = r.target ? `${r.target} ${r.met === undefined ? '' : r.met ? 'MET' : 'MISSED'}` : '';
  lines.push(`| ${r.area} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${base} | ${ratio} | ${target} | ${r.note ?? ''} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(join(here, 'results'), { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
writeFileSync(join(here, 'results', `bench-${stamp}.json`), JSON.stringify({ at: new Date().toISOString(), quick, rows: all }, null, 2));
writeFileSync(join(here, 'results', 'latest.md'), `${lines.join('\n')}\n`);

// README's results section is generated: the table between the bench markers is replaced by this run's
// (full runs only; --quick and --only runs would misreport).
const readme = join(here, '..', 'README.md');
if (!quick && !only && existsSync(readme)) {
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) {
    const body = `\n_Last full run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench\`._\n\n${lines.join('\n')}\n`;
    writeFileSync(readme, text.slice(0, a + start.length) + body + text.slice(b));
  }
}
