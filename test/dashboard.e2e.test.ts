import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../src/server';
import { codes, gql, startStack, type Stack } from './stack';

// The dashboard (examples/dashboard), built by Vite and driven in Debian's headless Chromium
// against the gateway and its emulators. The gateway runs the dashboard's trusted documents only
// (the manifest codegen wrote), as production would: the production build sends ids, never text.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.join(__dirname, '..');
const ROWS = '[data-testid=person-row]';
const MANIFEST = path.join(ROOT, 'examples/dashboard/src/__generated__/persisted-documents.json');

interface SentBody { operationName?: string; query?: unknown; variables?: Record<string, unknown>; extensions?: { persistedQuery?: { version: number; sha256Hash: string } } }

let stack: Stack;
/** A replica over the same vendors that takes text: the test's own questions, for expected values. */
let reader: RunningServer;
/** Every body the page sent to /graphql, as the proxy received it. */
const sent: SentBody[] = [];
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
let browser: Browser;
let page: Page;
let site: http.Server;
let siteUrl: string;
let built: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  stack = await startStack({ trustedDocuments: { documents: manifest, only: true } });
  reader = await startServer({ ...stack.serverOptions, port: 0, trustedDocuments: null });
  built = mkdtempSync(path.join(os.tmpdir(), 'dashboard-'));
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  // A production build (jest's NODE_ENV=test would make Vite build a development one).
  await promisify(execFile)(process.execPath, [vite, 'build', path.join(ROOT, 'examples/dashboard'), '--outDir', built, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, NODE_ENV: 'production' },
  });

  // What Vite's dev proxy does: the page and /graphql on one origin.
  const app = express();
  app.use(express.static(built));
  app.post('/graphql', express.raw({ type: '*/*' }), async (req, res) => {
    sent.push(JSON.parse(String(req.body)) as SentBody);
    const headers = Object.fromEntries(['content-type', 'idempotency-key'].flatMap((name) => (req.get(name) === undefined ? [] : [[name, req.get(name)!]])));
    const answer = await fetch(stack.url, { method: 'POST', headers, body: req.body });
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
  await reader?.close();
  await stack?.close();
  if (built) rmSync(built, { recursive: true, force: true });
});

const rowCount = (n: number) => page.waitForFunction(([selector, expected]) => document.querySelectorAll(selector).length === expected, [ROWS, n] as const);
const emailsShown = () => page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-email')));
const emailsIn = async (query: string) => ((await gql(reader.url, query)).body.data!.users as { email: string }[]).map((u) => u.email);
const pageStatus = () => page.getByTestId('page-status').textContent();

async function fillUser(email: string, teamId: string) {
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('Kelly');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Team', { exact: true }).selectOption(teamId);
}

interface Shown { email: string; name: string | null; teams: { displayName: string }[]; role: { title: string } | null; twoFactorEnabled: boolean | null; sources: string[] }

it('loads the people table merged across the sources', async () => {
  const { body } = await gql(reader.url, '{ users { email name teams { displayName } role { title } twoFactorEnabled sources } }');
  const everyone = body.data!.users as Shown[];
  await rowCount(everyone.length);
  // Each row as a user reads it: email, name, teams, role, 2FA, sources ('—' where a source says nothing).
  const cells = await page.locator(ROWS).evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).slice(0, 6).map((td) => td.textContent)));
  expect(cells).toEqual(everyone.map((p) => [
    p.email, p.name ?? '—', p.teams.map((t) => t.displayName).join(', ') || '—', p.role?.title ?? '—',
    p.twoFactorEnabled === null ? '—' : p.twoFactorEnabled ? 'on' : 'off', p.sources.join(', '),
  ]));
  expect(new Set(everyone.flatMap((p) => p.sources)).size).toBe(3); // the seed really merges three sources
  // Everyone fits the first page of 50, which says how many there are.
  expect(everyone.length).toBeLessThanOrEqual(50);
  expect(await pageStatus()).toBe(`1–${everyone.length} of ${everyone.length}`);
});

it('filters by team and by role', async () => {
  const everyone = await emailsIn('{ users { email } }');
  const team = stack.seed.qualifi.teams[1];
  const inTeam = await emailsIn(`{ users(teamId: "${team.id}") { email } }`);
  await page.getByLabel('Team filter').selectOption(team.id);
  await rowCount(inTeam.length);
  expect(await emailsShown()).toEqual(inTeam);

  await page.getByLabel('Team filter').selectOption('');
  await page.getByLabel('Role filter').selectOption('TEST_RUNNER');
  const testRunners = await emailsIn('{ users(role: TEST_RUNNER) { email } }');
  await rowCount(testRunners.length);
  expect(await emailsShown()).toEqual(testRunners);
  for (const subset of [inTeam, testRunners]) { // each filter really narrows the table
    expect(subset.length).toBeGreaterThan(0);
    expect(subset.length).toBeLessThan(everyone.length);
  }

  await page.getByLabel('Role filter').selectOption('');
  await rowCount(everyone.length);
});

interface PagerView { emails: (string | null)[]; status: string | null; previousDisabled: boolean; nextDisabled: boolean }
const pagerView = () => page.evaluate((rows): PagerView => ({
  emails: Array.from(document.querySelectorAll(rows)).map((r) => r.getAttribute('data-email')),
  status: document.querySelector('[data-testid=page-status]')?.textContent ?? null,
  previousDisabled: Boolean(document.querySelector<HTMLButtonElement>('.pager button:first-child')?.disabled),
  nextDisabled: Boolean(document.querySelector<HTMLButtonElement>('.pager button:last-child')?.disabled),
}), ROWS);
/** Waits (up to 5 s) for the table and its pager to show `expected`, then compares, for a readable failure. */
async function expectPager(expected: PagerView) {
  let actual = await pagerView();
  for (const deadline = Date.now() + 5000; JSON.stringify(actual) !== JSON.stringify(expected) && Date.now() < deadline; actual = await pagerView()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(actual).toEqual(expected);
}

it('pages forward to the end by cursor and back to the start, five rows a page', async () => {
  const size = 5;
  const everyone = await emailsIn('{ users { email } }');
  const { body } = await gql(reader.url, 'query ($n: Int) { usersConnection(first: $n) { edges { cursor } } }', { n: everyone.length });
  const cursors = (body.data!.usersConnection.edges as { cursor: string }[]).map((e) => e.cursor);
  const pages = Math.ceil(everyone.length / size);
  expect(pages).toBeGreaterThan(2); // the seed really needs several pages, and a short last one
  expect(everyone.length % size).not.toBe(0);
  const shows = (n: number) => expectPager({
    emails: everyone.slice(n * size, (n + 1) * size),
    status: `${n * size + 1}–${Math.min((n + 1) * size, everyone.length)} of ${everyone.length}`,
    previousDisabled: n === 0,
    nextDisabled: n === pages - 1,
  });

  // A fresh page (and cache) opened at 5 rows a page, so that each page is fetched by cursor.
  const before = sent.length;
  await page.goto(`${siteUrl}?rows=${size}`);
  expect(await page.getByLabel('Rows per page').inputValue()).toBe(String(size));
  await shows(0);
  for (let n = 1; n < pages; n++) {
    await page.getByRole('button', { name: 'Next' }).click();
    await shows(n);
  }
  for (let n = pages - 2; n >= 0; n--) {
    await page.getByRole('button', { name: 'Previous' }).click();
    await shows(n);
  }
  // Forward: the first page, then each after the last cursor of the one before. Back: the cache.
  const asked = sent.slice(before).filter((b) => b.operationName === 'People').map((b) => b.variables);
  expect(asked).toEqual([
    { first: size, teamId: null, role: null },
    ...Array.from({ length: pages - 1 }, (_, n) => ({ first: size, after: cursors[(n + 1) * size - 1], teamId: null, role: null })),
  ]);


  // A write on the third page: the refetch brings back the first page only, and the table fills
  // the window it shows again (someone who sorts first moves everyone down a row).
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await shows(2);
  await fillUser('aaron.first@acme.example', stack.seed.qualifi.teams[0].id);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('.results li[data-status=CREATED]').waitFor();
  const after = await emailsIn('{ users { email } }');
  expect(after).toEqual(['aaron.first@acme.example', ...everyone]);
  await expectPager({ emails: after.slice(2 * size, 3 * size), status: `${2 * size + 1}–${3 * size} of ${after.length}`, previousDisabled: false, nextDisabled: false });

  await page.goto(siteUrl); // 50 a page again, for the tests below
  await rowCount(after.length);
});

it('shows a validation error beside the field, sending nothing to Qualifi', async () => {
  stack.qualifi.clearLog();
  // A value the EmailAddress scalar refuses: BAD_USER_INPUT naming the variable's path.
  await fillUser('not-an-email', stack.seed.qualifi.teams[0].id);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('[data-field-error=email]').waitFor();
  expect(await page.locator('[data-field-error=email]').textContent()).toMatch(/email/i);

  // A rule the gateway checks itself: BAD_USER_INPUT with extensions.fields.
  await fillUser('grace.kelly@acme.example', '');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('[data-field-error=teamIds]').waitFor();
  expect(await page.locator('[data-field-error=teamIds]').textContent()).toMatch(/at least one team/);
  expect(await page.locator('[data-field-error=email]').count()).toBe(0);
  expect(stack.qualifi.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
});

it('creates an API user who then appears in the table, and says so when they already exist', async () => {
  const before = await page.locator(ROWS).count();
  const team = stack.seed.qualifi.teams[0];
  await fillUser('grace.kelly@acme.example', team.id);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('.results li[data-status=CREATED]').waitFor();
  const row = page.locator(`${ROWS}[data-email="grace.kelly@acme.example"]`);
  await row.waitFor();
  expect(await row.locator('td').nth(2).textContent()).toBe(team.displayName);
  expect(await page.locator(ROWS).count()).toBe(before + 1);
  expect(stack.qualifi.state.users.filter((u) => u.email === 'grace.kelly@acme.example')).toHaveLength(1);

  await fillUser('grace.kelly@acme.example', team.id);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('.results li[data-status=ALREADY_EXISTED]').waitFor();
  expect(await page.locator(ROWS).count()).toBe(before + 1);
  expect(stack.qualifi.state.users.filter((u) => u.email === 'grace.kelly@acme.example')).toHaveLength(1);
});

it('retries a create whose answer was lost as a replay: CREATED once, one user', async () => {
  const team = stack.seed.qualifi.teams[0];
  // The gateway creates the user, but its answer never reaches the browser.
  await page.route('**/graphql', async (route) => {
    if ((route.request().postDataJSON() as SentBody | null)?.operationName !== 'CreateApiUsers') return route.fallback();
    await route.fetch();
    return route.abort('connectionreset');
  }, { times: 1 });
  await fillUser('lost.answer@acme.example', team.id);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('.form [role=alert]').waitFor();
  expect(stack.qualifi.state.users.filter((u) => u.email === 'lost.answer@acme.example')).toHaveLength(1);

  // The same form sent again: the first answer, not ALREADY_EXISTED, and nothing sent twice.
  const posts = stack.qualifi.calls.filter((c) => c.startsWith('POST')).length;
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('.results li[data-status=CREATED]').waitFor();
  expect(stack.qualifi.calls.filter((c) => c.startsWith('POST')).length).toBe(posts);
  expect(stack.qualifi.state.users.filter((u) => u.email === 'lost.answer@acme.example')).toHaveLength(1);
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

it('sent the gateway ids of trusted documents only, never a document', async () => {
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((b) => 'query' in b)).toEqual([]);
  // Each id is a manifest entry, and every operation of the dashboard was used above.
  const ids = sent.map((b) => b.extensions?.persistedQuery);
  expect(ids.filter((id) => id?.version !== 1 || !Object.hasOwn(manifest, id.sha256Hash))).toEqual([]);
  expect(new Set(ids.map((id) => id!.sha256Hash))).toEqual(new Set(Object.keys(manifest)));
  // And the gateway would have refused the text.
  const { status, body } = await gql(stack.url, '{ users { email } }');
  expect(status).toBe(400);
  expect(codes(body)).toEqual(['PERSISTED_QUERY_REQUIRED']);
});
