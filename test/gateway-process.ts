import { spawn } from 'node:child_process';
import path from 'node:path';
import type { AllUpstreams } from '../src/config';

// `npm start` as an operator meets it: src/main.ts as a process, given only its environment.

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
export const READY = /ready at (http:\/\/\S+\/graphql)/;

/** Runs src/main.ts with only `env` (and PATH) until `until` matches its output or it exits. */
export function runMain(env: Record<string, string>, until?: RegExp) {
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
  return { child, done, output: () => output };
}

/** The variables that configure every source to be the given ones. */
export const sourceVariables = ({ qualifi, humanApi, qaSphere }: AllUpstreams): Record<string, string> => ({
  QUALIFI_BASE_URL: qualifi.baseUrl, QUALIFI_API_KEY: qualifi.apiKey!,
  HUMANAPI_BASE_URL: humanApi.baseUrl, HUMANAPI_APP_ID: humanApi.appId, HUMANAPI_APP_KEY: humanApi.appKey!,
  QASPHERE_BASE_URL: qaSphere.baseUrl, QASPHERE_API_KEY: qaSphere.apiKey!,
});

/** A gateway process that has said it is ready: its URL, and its log lines as they come. */
export async function startGatewayProcess(env: Record<string, string>) {
  const run = runMain(env, READY);
  const { code, output } = await run.done;
  if (code !== null) throw new Error(`the gateway exited with ${code}: ${output}`);
  return {
    url: READY.exec(output)![1],
    logLines: () => run.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => new Promise<void>((resolve) => {
      if (run.child.exitCode !== null) { resolve(); return; }
      run.child.once('exit', () => resolve());
      run.child.kill('SIGTERM');
    }),
  };
}
