import { createClient } from '@redis/client';
import { generateGatewayKey, parseGatewayKeys } from '../src/auth';
import { startServer } from '../src/server';
import { removeOurKeys, startStack, type Stack } from './stack';

// Idempotency-Key on mutations, as a client that retries a write sees it over HTTP.

const CREATE = `mutation Create($input: CreateApiUsersInput!) {
  createApiUsers(input: $input) { results { email status } users { email qualifi { id } } }
}`;
const DELETE = 'mutation Delete($humanId: ID!) { deleteHumanUser(humanId: $humanId) { humanId deleted } }';

/** The raw answer: a replay must be the first answer byte for byte. */
async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text), replayed: res.headers.get('idempotent-replayed') };
}

const writer = generateGatewayKey('write');
const otherWriter = generateGatewayKey('write');
const auth = (key = writer.key) => ({ authorization: `Bearer ${key}` });

function suite(name: string, redisUrl: string | null, shared = false) {
  describe(name, () => {
    let stack: Stack;
    beforeAll(async () => { stack = await startStack({ redisUrl, gatewayKeys: parseGatewayKeys(`${writer.entry},${otherWriter.entry}`) }); });
    beforeEach(() => stack.reset());
    afterAll(() => stack.close());

    let n = 0;
    /** A new key and a new user per test: keys outlive a test in Redis. */
    const fresh = () => {
      n += 1;
      const key = `${name.replace(/\W+/g, '-')}-${Date.now()}-${n}`;
      const input = { users: [{ firstName: 'Ida', lastName: 'Mpotent', email: `ida.${key}@acme.example`.toLowerCase(), teamIds: [stack.seed.qualifi.teams[0].id] }] };
      return { key, input };
    };
    const create = (input: unknown, headers: Record<string, string>) => post(stack.url, CREATE, { input }, { ...auth(), ...headers });
    const qualifiWrites = () => stack.qualifi.calls.filter((c) => c.startsWith('POST')).length;

    it('answers a replay with the first answer exactly, CREATED included, sending nothing', async () => {
      const { key, input } = fresh();
      const first = await create(input, { 'idempotency-key': key });
      expect(first.body.data.createApiUsers.results).toEqual([{ email: input.users[0].email, status: 'CREATED' }]);
      expect(first.replayed).toBeNull();
      const calls = stack.qualifi.calls.length;
      const again = await create(input, { 'idempotency-key': key });
      expect(again.status).toBe(first.status);
      expect(again.text).toBe(first.text);
      expect(again.replayed).toBe('true');
      expect(stack.qualifi.calls.length).toBe(calls);
      expect(stack.qualifi.state.users.filter((u) => u.email === input.users[0].email)).toHaveLength(1);
    });

    it('refuses the same key with another request: 422 IDEMPOTENCY_KEY_REUSED, nothing sent', async () => {
      const { key, input } = fresh();
      await create(input, { 'idempotency-key': key });
      const calls = stack.qualifi.calls.length;
      const other = { users: [{ ...input.users[0], email: `other.${input.users[0].email}` }] };
      const reused = await create(other, { 'idempotency-key': key });
      expect(reused.status).toBe(422);
      expect(reused.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
      expect(stack.qualifi.calls.length).toBe(calls);
      expect(stack.qualifi.state.users.some((u) => u.email === other.users[0].email)).toBe(false);
    });

    it('refuses a replay while the first is still running: 409 IDEMPOTENCY_KEY_IN_USE', async () => {
      const { key, input } = fresh();
      stack.qualifi.latencyMs = 150;
      const first = create(input, { 'idempotency-key': key });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const during = await create(input, { 'idempotency-key': key });
      expect(during.status).toBe(409);
      expect(during.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      expect((await first).body.data.createApiUsers.results[0].status).toBe('CREATED');
      expect(qualifiWrites()).toBe(1);
      // Once the first has answered, the same request is a replay.
      expect((await create(input, { 'idempotency-key': key })).replayed).toBe('true');
    });

    it.each([['empty', ''], ['over 255 characters', 'k'.repeat(256)]])('refuses a key that is %s: 400 BAD_REQUEST, nothing sent', async (_what, key) => {
      const { input } = fresh();
      const refused = await create(input, { 'idempotency-key': key });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/Idempotency-Key/) });
      expect(stack.qualifi.calls).toEqual([]);
    });

    it('takes the key as the draft writes it, a quoted string, as the same key', async () => {
      const { key, input } = fresh();
      const first = await create(input, { 'idempotency-key': `"${key}"` });
      const again = await create(input, { 'idempotency-key': key });
      expect(again.replayed).toBe('true');
      expect(again.text).toBe(first.text);
    });

    it('ignores the header on queries', async () => {
      const ask = () => post(stack.url, '{ teams { id } }', {}, { ...auth(), 'idempotency-key': '' });
      const first = await ask();
      expect(first.status).toBe(200);
      const calls = stack.qualifi.calls.length;
      const second = await ask();
      expect(second.replayed).toBeNull();
      expect(stack.qualifi.calls.length).toBeGreaterThan(calls);
    });

    it('keeps keys per caller: another gateway key with the same Idempotency-Key runs its own request', async () => {
      const { key, input } = fresh();
      const mine = await create(input, { 'idempotency-key': key });
      expect(mine.body.data.createApiUsers.results[0].status).toBe('CREATED');
      const theirs = await post(stack.url, CREATE, { input }, { ...auth(otherWriter.key), 'idempotency-key': key });
      expect(theirs.replayed).toBeNull();
      expect(theirs.body.data.createApiUsers.results[0].status).toBe('ALREADY_EXISTED');
    });

    it('releases the key of a write that did nothing, so the same request can be retried', async () => {
      const { key, input } = fresh();
      stack.qualifi.failNext(503); // the existence check fails: nothing is sent
      stack.qualifi.failNext(503);
      stack.qualifi.failNext(503);
      const failed = await create(input, { 'idempotency-key': key });
      expect(failed.body.errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(qualifiWrites()).toBe(0);
      const retried = await create(input, { 'idempotency-key': key });
      expect(retried.replayed).toBeNull();
      expect(retried.body.data.createApiUsers.results[0].status).toBe('CREATED');
    });

    it('answers a replayed delete deleted: true, not NOT_FOUND', async () => {
      const humanId = stack.humanApi.state.apps[0].users[0].humanId;
      const key = `delete-${Date.now()}`;
      const first = await post(stack.url, DELETE, { humanId }, { ...auth(), 'idempotency-key': key });
      expect(first.body.data.deleteHumanUser).toEqual({ humanId, deleted: true });
      const again = await post(stack.url, DELETE, { humanId }, { ...auth(), 'idempotency-key': key });
      expect(again.body.data.deleteHumanUser).toEqual({ humanId, deleted: true });
      expect(stack.humanApi.calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(1);
      // Without the key, a repeat is the vendor's answer: the user is gone.
      const repeat = await post(stack.url, DELETE, { humanId }, auth());
      expect(repeat.body.errors[0].extensions.code).toBe('NOT_FOUND');
    });

    it('counts replays and refusals in /metrics', async () => {
      const { key, input } = fresh();
      await create(input, { 'idempotency-key': key });
      await create(input, { 'idempotency-key': key });
      await create({ users: [{ ...input.users[0], lastName: 'Other' }] }, { 'idempotency-key': key });
      const metrics = await (await fetch(stack.url.replace('/graphql', '/metrics'), { headers: auth() })).text();
      for (const result of ['executed', 'replayed', 'reused']) expect(metrics).toMatch(new RegExp(`user_graph_idempotent_requests_total\\{result="${result}"\\} [1-9]`));
      expect(metrics).toMatch(/user_graph_create_lock_wait_seconds_count [1-9]/);
    });

    if (shared) {
      it('writes no key, credential or email to Redis as it is: only hashes name what it keeps', async () => {
        const { key, input } = fresh();
        await create(input, { 'idempotency-key': key });
        const redis = await createClient({ url: redisUrl! }).connect();
        const names: string[] = [];
        for await (const keys of redis.scanIterator({ MATCH: '*user-graph:*' })) names.push(...keys);
        redis.destroy();
        expect(names.some((name) => name.startsWith('user-graph:idempotency:'))).toBe(true);
        expect(names.join('\n')).not.toContain(key);
        expect(names.join('\n')).not.toContain(input.users[0].email);
        expect(names.join('\n')).not.toContain(writer.key);
      });

      it('replays on another replica sharing the Redis', async () => {
        const other = await startServer(stack.serverOptions);
        try {
          const { key, input } = fresh();
          const first = await create(input, { 'idempotency-key': key });
          const calls = stack.qualifi.calls.length;
          const again = await post(other.url, CREATE, { input }, { ...auth(), 'idempotency-key': key });
          expect(again.text).toBe(first.text);
          expect(again.replayed).toBe('true');
          expect(stack.qualifi.calls.length).toBe(calls);
        } finally {
          await other.close();
        }
      });
    }
  });
}

const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/8`;
suite('in memory', null);
suite('in Redis', REDIS_URL, true);
suite('with Redis unreachable', 'redis://127.0.0.1:1');

afterAll(async () => {
  await removeOurKeys(REDIS_URL); // a database of these tests' own
});
