/** A CliIO that records what a command prints, for in-process `main([...])` calls. */
export function captureIO(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      isTTY: false,
      env,
      cwd: process.cwd(),
    },
  };
}
