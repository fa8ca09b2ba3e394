// What every browser run of the built app shares: Debian's Chromium and the
// flags it runs with (as root in a container; the network flags keep it from
// trying to reach the closed internet), and the static server of
// `tests/e2e/serve.mjs` started on a port of the caller's and waited for.
// Playwright's configs, the kill test and the benchmarks take them from here.
import { spawn } from 'node:child_process';

/** Debian's Chromium: no browser can be downloaded on these machines. */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags every Chromium run gets (Playwright adds --headless itself). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Serves `dir` on `port` and waits until `path` answers; refuses a port already served (another
 * run's build must never be the one measured or tested). Returns a function that stops it. */
export async function startServer(dir, port, path = '/') {
  const url = `http://127.0.0.1:${port}${path}`;
  if (await fetch(url).then(() => true, () => false)) {
    throw new Error(`port ${port} is already served by another process: choose another`);
  }
  const proc = spawn('node', ['tests/e2e/serve.mjs', dir, String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`the server for ${dir} on port ${port} exited: is the port taken?`);
    if (await fetch(url).then((r) => r.ok, () => false)) {
      return async () => {
        proc.kill();
        await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error(`${url} does not answer: is ${dir} built?`);
}
