import { spawn } from 'node:child_process';
import path from 'node:path';
import { startSandbox } from '../src/sandbox';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';

// `npm start` as an operator meets it: the process, its environment, its first log lines.

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const READY = /ready at (http:\/\/\S+\/graphql)/;

/** Runs src/main.ts with only `env` (and PATH) until `until` matches its output or it exits. */
function runMain(env: Record<string, string>, until?: RegExp) {
  const child = spawn(TSX, ['src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH!, PORT: '0', ...env } });
  let output = '';
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    const collect = (chunk: Buffer) => {
      output += String(chunk);
      if (until?.test(output)) resolve({ code: null, output });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, output }));
  });
  return { child, done };
}

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(() => sandbox.close());

it('starts over Qualifi and QA Sphere alone, says which sources it has, and reports the third as not configured', async () => {
  const { child, done } = runMain({
    QUALIFI_BASE_URL: sandbox.urls.qualifi, QUALIFI_API_KEY: SANDBOX_CREDENTIALS.qualifiApiKey,
    QASPHERE_BASE_URL: sandbox.urls.qaSphere, QASPHERE_API_KEY: SANDBOX_CREDENTIALS.qaSphereApiKey,
  }, READY);
  try {
    const { output } = await done;
    const started = output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg: string; sources?: unknown });
    const mode = started.find((line) => line.sources);
    expect(mode?.msg).toBe('upstream mode over QUALIFI, QA_SPHERE');
    expect(mode?.sources).toEqual({ QUALIFI: sandbox.urls.qualifi, HUMAN_API: 'not-configured', QA_SPHERE: sandbox.urls.qaSphere });

    const url = READY.exec(output)![1];
    const readyz = await (await fetch(new URL('/readyz', url))).json();
    expect(readyz.sources).toEqual({ QUALIFI: 'closed', HUMAN_API: 'not-configured', QA_SPHERE: 'closed' });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ users { sources } }' }) });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.users.length).toBeGreaterThan(0);
    expect(sandbox.emulators.humanApi.calls).toEqual([]);
  } finally {
    child.kill('SIGTERM');
  }
}, 30_000);

it.each([
  [{ HUMANAPI_APP_KEY: 'ak' }, 'HUMANAPI_APP_KEY is set but HUMANAPI_APP_ID is not'],
  [{ QUALIFI_API_KEY: 'k', QASPHERE_API_KEY: 'acme.1.x' }, 'QASPHERE_API_KEY is set but QASPHERE_BASE_URL is not'],
])('refuses to start half-configured, naming what is missing (%#)', async (env, message) => {
  const { code, output } = await runMain(env).done;
  expect(code).toBe(1);
  expect(output).toContain(`user-graph: ${message}`);
}, 30_000);
