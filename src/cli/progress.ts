/** A small progress reporter: a bar on a TTY, periodic lines otherwise (CI logs stay readable). */
export function progress(label: string, total: number, write: (s: string) => void, isTTY: boolean) {
  let done = 0;
  let lastLine = 0;
  const render = () => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (isTTY) {
      const width = 24;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${pct}%`);
    } else if (done === total || Date.now() - lastLine > 1000) {
      lastLine = Date.now();
      write(`${label}: ${done}/${total} (${pct}%)`);
    }
  };
  return {
    tick(n = 1) {
      done += n;
      render();
    },
    finish() {
      done = total;
      render();
      if (isTTY) process.stderr.write('\n');
    },
  };
}
