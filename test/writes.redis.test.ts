import { createClient } from '@redis/client';
import { createCreateLocks } from '../src/createlocks';
import { createLogger } from '../src/logger';
import { startServer, type RunningServer } from '../src/server';
import { codes, gql, removeOurKeys, startStack, type Stack } from './stack';

// Creates sent at the same moment, on one replica and across three sharing the Redis on
// 127.0.0.1:6379 (a database of these tests' own), against a Qualifi that accepts a second user
// with an email it already has (its document is silent on duplicates) and answers in 40 ms, so
// every create's "who already exists" check runs before any create has landed.

const DB = 7;
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/${DB}`;

const CREATE = `mutation ($input: CreateApiUsersInput!) {
  createApiUsers(input: $input) { results { email status code } users { email } }
}`;

let stack: Stack;
let replicas: RunningServer[];
beforeAll(async () => {
  stack = await startStack({ redisUrl: REDIS_URL });
  replicas = [stack.server, await startServer(stack.serverOptions), await startServer(stack.serverOptions)];
});
beforeEach(async () => {
  await stack.reset();
  stack.qualifi.duplicateEmails = 'accept';
  stack.qualifi.latencyMs = 40;
});
afterAll(async () => {
  await Promise.all(replicas.slice(1).map((r) => r.close()));
  await stack.close();
  await removeOurKeys(REDIS_URL); // a database of these tests' own
});

const newUser = (email: string) => ({ firstName: 'Xia', lastName: 'Li', email, teamIds: [stack.seed.qualifi.teams[0].id] });
const create = (url: string, emails: string[]) => gql(url, CREATE, { input: { users: emails.map(newUser) } });
const posts = () => stack.qualifi.calls.filter((c) => c.startsWith('POST')).length;
const usersWith = (email: string) => stack.qualifi.state.users.filter((u) => u.email.toLowerCase() === email.toLowerCase()).length;
const statuses = (answers: Awaited<ReturnType<typeof create>>[]) => answers.flatMap((a) => a.body.data!.createApiUsers.results.map((r: { status: string }) => r.status)).sort();

it('makes one user of five identical creates sent at once to one replica', async () => {
  const answers = await Promise.all(Array.from({ length: 5 }, () => create(stack.url, ['xia@acme.example'])));
  expect(answers.flatMap((a) => codes(a.body))).toEqual([]);
  expect(posts()).toBe(1);
  expect(usersWith('xia@acme.example')).toBe(1);
  // The one that sent it says CREATED; the others saw it land.
  expect(statuses(answers)).toEqual(['ALREADY_EXISTED', 'ALREADY_EXISTED', 'ALREADY_EXISTED', 'ALREADY_EXISTED', 'CREATED']);
});

it('makes one user of six identical creates spread over three replicas sharing Redis', async () => {
  const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => create(replicas[i % 3].url, ['Yan@acme.example'])));
  expect(answers.flatMap((a) => codes(a.body))).toEqual([]);
  expect(posts()).toBe(1);
  expect(usersWith('yan@acme.example')).toBe(1);
  expect(statuses(answers).filter((s) => s === 'CREATED')).toHaveLength(1);
});

it('creates a user named by two overlapping batches once, whatever their order', async () => {
  const [a, b] = await Promise.all([
    create(replicas[1].url, ['xia@acme.example', 'yan@acme.example']),
    create(replicas[2].url, ['zed@acme.example', 'yan@acme.example']),
  ]);
  expect([...codes(a.body), ...codes(b.body)]).toEqual([]);
  for (const email of ['xia@acme.example', 'yan@acme.example', 'zed@acme.example']) expect(usersWith(email)).toBe(1);
  expect(statuses([a, b])).toEqual(['ALREADY_EXISTED', 'CREATED', 'CREATED', 'CREATED']);
});

it('still makes one user per email within a replica when Redis is unreachable, and says so once', async () => {
  const alone = await startStack({ redisUrl: 'redis://127.0.0.1:1' });
  try {
    alone.qualifi.duplicateEmails = 'accept';
    alone.qualifi.latencyMs = 40;
    const createOn = (emails: string[]) => gql(alone.url, CREATE, { input: { users: emails.map(newUser) } });
    const answers = await Promise.all(Array.from({ length: 4 }, () => createOn(['xia@acme.example'])));
    await Promise.all(Array.from({ length: 3 }, () => createOn(['zed@acme.example'])));
    expect(answers.flatMap((a) => codes(a.body))).toEqual([]);
    expect(alone.qualifi.state.users.filter((u) => u.email === 'xia@acme.example')).toHaveLength(1);
    expect(alone.qualifi.state.users.filter((u) => u.email === 'zed@acme.example')).toHaveLength(1);
    expect(alone.logLines.filter((l) => l.includes('creates are not serialized across replicas until Redis is back'))).toHaveLength(1);
  } finally {
    await alone.close();
  }
});

describe('a lock held by a replica that died', () => {
  const logger = createLogger('silent');
  const connect = () => createClient({ url: REDIS_URL }).connect();
  let redis: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => { redis = await connect(); });
  afterAll(() => { redis.destroy(); });
  // Two replicas' lock managers; the first takes a lock and never finishes (it "died").
  const replica = (lockTtlMs: number) => createCreateLocks({ redis: redis as never, lockTtlMs, qualifiBaseUrl: 'https://qualifi.test', logger });

  it('expires after its TTL, and the next create goes ahead', async () => {
    void replica(300).hold('key', ['dead@acme.example'], Date.now() + 10_000, () => new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await expect(replica(300).hold('key', ['DEAD@acme.example'], Date.now() + 5_000, async () => 'ran')).resolves.toBe('ran');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('makes a create that cannot get it before its deadline fail with UPSTREAM_TIMEOUT, running nothing', async () => {
    void replica(5_000).hold('key', ['stuck@acme.example'], Date.now() + 10_000, () => new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const write = jest.fn(async () => 'ran');
    await expect(replica(5_000).hold('key', ['stuck@acme.example'], Date.now() + 200, write)).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_TIMEOUT', source: 'QUALIFI' } });
    expect(write).not.toHaveBeenCalled();
  });

  it('writes neither the credential nor the email to Redis, only hashes', async () => {
    let seen: string[] = [];
    await replica(5_000).hold('qualifi-secret-key', ['Private.Person@acme.example'], Date.now() + 1_000, async () => {
      for await (const keys of redis.scanIterator({ MATCH: '*user-graph:*' })) seen.push(...keys, ...(await Promise.all(keys.map((k) => redis.get(k)))).map(String));
    });
    seen = seen.filter(Boolean);
    expect(seen.some((s) => s.startsWith('mutex:user-graph:create:'))).toBe(true);
    expect(seen.join('\n')).not.toMatch(/qualifi-secret-key|private\.person/i);
  });

  it('never stops another credential from creating the same email', async () => {
    void replica(5_000).hold('key-a', ['shared@acme.example'], Date.now() + 10_000, () => new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(replica(5_000).hold('key-b', ['shared@acme.example'], Date.now() + 200, async () => 'ran')).resolves.toBe('ran');
  });
});
