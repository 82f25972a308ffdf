import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { gql, startStack, type Stack } from './stack';

// The dashboard (examples/dashboard), built by Vite and driven in Debian's headless Chromium
// against the gateway and its emulators.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.join(__dirname, '..');
const ROWS = '[data-testid=person-row]';

let stack: Stack;
let browser: Browser;
let page: Page;
let site: http.Server;
let siteUrl: string;
let built: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  stack = await startStack();
  built = mkdtempSync(path.join(os.tmpdir(), 'dashboard-'));
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', path.join(ROOT, 'examples/dashboard'), '--outDir', built, '--emptyOutDir', '--logLevel', 'error']);

  // What Vite's dev proxy does: the page and /graphql on one origin.
  const app = express();
  app.use(express.static(built));
  app.post('/graphql', express.raw({ type: '*/*' }), async (req, res) => {
    const answer = await fetch(stack.url, { method: 'POST', headers: { 'content-type': req.get('content-type') ?? '' }, body: req.body });
    res.status(answer.status).type(answer.headers.get('content-type') ?? 'application/json').send(Buffer.from(await answer.arrayBuffer()));
  });
  site = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => site.once('listening', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;

  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.goto(siteUrl);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await stack?.close();
  if (built) rmSync(built, { recursive: true, force: true });
});

const rowCount = (n: number) => page.waitForFunction(([selector, expected]) => document.querySelectorAll(selector).length === expected, [ROWS, n] as const);
const emailsIn = async (query: string) => ((await gql(stack.url, query)).body.data!.users as { email: string }[]).map((u) => u.email);

it('loads the people table merged across the sources', async () => {
  const everyone = await emailsIn('{ users { email } }');
  await rowCount(everyone.length);
  const shown = await page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email')));
  expect(shown).toEqual(everyone);
  const first = page.locator(`${ROWS}[data-email="${stack.seed.qaSphere.users[0].email}"]`);
  expect(await first.locator('td').nth(5).textContent()).toBe('QUALIFI, HUMAN_API, QA_SPHERE');
});

it('filters by team and by role', async () => {
  const team = stack.seed.qualifi.teams[1];
  await page.getByLabel('Team filter').selectOption(team.id);
  await rowCount((await emailsIn(`{ users(teamId: "${team.id}") { email } }`)).length);
  await page.getByLabel('Team filter').selectOption('');
  await page.getByLabel('Role filter').selectOption('TEST_RUNNER');
  const testRunners = await emailsIn('{ users(role: TEST_RUNNER) { email } }');
  await rowCount(testRunners.length);
  expect(await page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email')))).toEqual(testRunners);
  await page.getByLabel('Role filter').selectOption('');
});

it('shows a validation error beside the field, sending nothing to Qualifi', async () => {
  stack.qualifi.clearLog();
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('Kelly');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Team', { exact: true }).selectOption(stack.seed.qualifi.teams[0].id);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('[data-field-error=email]').waitFor();
  expect(await page.locator('[data-field-error=email]').textContent()).toMatch(/email/i);

  await page.getByLabel('Email').fill('grace.kelly@acme.example');
  await page.getByLabel('Team', { exact: true }).selectOption('');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('[data-field-error=teamIds]').waitFor();
  expect(await page.locator('[data-field-error=teamIds]').textContent()).toMatch(/at least one team/);
  expect(stack.qualifi.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
});

it('creates an API user who then appears in the table', async () => {
  const before = await page.locator(ROWS).count();
  await page.getByLabel('Email').fill('grace.kelly@acme.example');
  await page.getByLabel('Team', { exact: true }).selectOption(stack.seed.qualifi.teams[0].id);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('.results li[data-status=CREATED]').waitFor();
  await page.locator(`${ROWS}[data-email="grace.kelly@acme.example"]`).waitFor();
  expect(await page.locator(ROWS).count()).toBe(before + 1);
  expect(stack.qualifi.state.users.filter((u) => u.email === 'grace.kelly@acme.example')).toHaveLength(1);
});

it('deletes a Human API user after a confirmation', async () => {
  const victim = stack.seed.humanApi.apps[0].users.find((u) => u.externalId.includes('@'))!;
  const chip = page.locator(`[data-human-id="${victim.humanId}"]`);
  await chip.getByRole('button', { name: 'Delete' }).click();
  expect(stack.humanApi.state.apps[0].users.some((u) => u.humanId === victim.humanId)).toBe(true); // not before confirming
  await chip.getByRole('button', { name: 'Confirm delete' }).click();
  await chip.waitFor({ state: 'detached' });
  expect(stack.humanApi.state.apps[0].users.some((u) => u.humanId === victim.humanId)).toBe(false);

  mkdirSync(path.join(ROOT, 'test/artifacts'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'test/artifacts/dashboard.png'), fullPage: true });
});
