import { DEFAULT_RESILIENCE } from '../src/config';
import { createSourcePool, type UpstreamRead } from '../src/http';
import { createLogger } from '../src/logger';
import { createPrefetch } from '../src/prefetch';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { gql, startStack, type Stack } from './stack';

// A request byte for byte like one answered just before sends that one's upstream reads as soon as
// the guards let it in, and its execution joins them (what that buys is in BENCHMARKS.md; the
// trace that shows it, in tracing.test.ts). Here: nothing is sent twice, nothing crosses
// credentials, and what is kept is kept briefly and used once.

const EVERYONE = 'query Everyone { users { email name teams { id } role { name } humanApi { humanId } } }';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

it('sends each read of an identical request once, and answers it as the first', async () => {
  const byVendor = () => [stack.qualifi.calls, stack.qaSphere.calls, stack.humanApi.calls].map((calls) => [...calls]);
  const first = await gql(stack.url, EVERYONE);
  const calls = byVendor();
  expect(calls.flat().filter((c) => c.startsWith('GET'))).toHaveLength(3);
  const again = await gql(stack.url, EVERYONE);
  expect(again.body).toEqual(first.body);
  expect(byVendor()).toEqual(calls.map((made) => [...made, ...made]));
});

it('never sends a read made under another credential', async () => {
  const viewer = `Bearer ${SANDBOX_CREDENTIALS.qaSphereViewerKey}`;
  await gql(stack.url, EVERYONE);
  const owners = stack.qaSphere.headers.map((h) => h.authorization);
  expect(owners).toHaveLength(1);
  await gql(stack.url, EVERYONE, undefined, { 'X-QASphere-Authorization': viewer });
  // The body is the same, the forwarded credential is not: the viewer's request sends only its own.
  expect(stack.qaSphere.headers.map((h) => h.authorization)).toEqual([...owners, viewer]);
});

describe('what it keeps', () => {
  const logger = createLogger('silent');
  const scope = () => ({ requestId: 'prefetch-test', deadline: Date.now() + 5000, logger });
  /** One Qualifi list read as a request makes it, recorded as it is sent. */
  async function recordedRead(): Promise<UpstreamRead[]> {
    const reads: UpstreamRead[] = [];
    const pool = createSourcePool('QUALIFI', { resilience: DEFAULT_RESILIENCE, logger });
    await pool.forRequest({ ...scope(), reads }).send(`${stack.qualifi.url}/qsi/gather/users?includeTeams=true`, { headers: { 'x-api-key': SANDBOX_CREDENTIALS.qualifiApiKey } });
    return reads;
  }
  /** Qualifi's calls once `expected` have arrived (or two seconds have passed: then fewer). */
  const sent = async (expected: number) => {
    for (let i = 0; i < 100 && stack.qualifi.calls.length < expected; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return stack.qualifi.calls.length;
  };

  it('sends what a request read, for the same door key only, and only once', async () => {
    const prefetch = createPrefetch();
    prefetch.remember('door key', await recordedRead());
    expect(await sent(1)).toBe(1);
    expect(prefetch.send('another door key', scope())).toBe(false);
    expect(prefetch.send('door key', scope())).toBe(true);
    expect(prefetch.send('door key', scope())).toBe(false);
    expect(await sent(2)).toBe(2);
  });

  it('keeps it for a second after its answer, and forgets it after an answer with errors', async () => {
    let now = 0;
    const prefetch = createPrefetch(() => now);
    const reads = await recordedRead();
    prefetch.remember('forgotten', reads);
    prefetch.remember('forgotten', undefined);
    expect(prefetch.send('forgotten', scope())).toBe(false);
    prefetch.remember('expired', reads);
    prefetch.remember('kept', reads);
    now = 999;
    prefetch.remember('kept', reads);
    now = 1000;
    expect(prefetch.send('expired', scope())).toBe(false);
    now = 1998;
    expect(prefetch.send('kept', scope())).toBe(true);
    expect(await sent(2)).toBe(2);
  });
});
