import { generateGatewayKey, parseGatewayKeys } from '../src/auth';
import type { Emulator, Fault } from '../src/sandbox/emulator';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { CREATE_API_USERS, codes, gql, metric, startStack, vendorCalls, type Stack } from './stack';

// Request collapsing: a query that arrives while an identical one is executing gets that one's
// answer instead of executing again; never across credentials, never an answer with errors, and
// never an answer begun before a write that was answered before the query was sent.

const EVERYONE = 'query Everyone { users { email name teams { id } role { name } humanApi { humanId } } }';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const collapsed = async () => {
  const count = (result: string) => metric(stack, `user_graph_collapsed_queries_total{result="${result}"}`);
  return { shared: await count('shared'), executed: await count('executed') };
};

/** Sends `first`, holds its first call to `vendor` until `later` have been sent, and answers them all. */
async function whileExecuting<T>(first: () => Promise<T>, later: (() => Promise<T>)[], fault: Omit<Fault, 'delayMs'> = {}, vendor: Emulator = stack.qaSphere) {
  vendor.inject({ delayMs: 300, ...fault });
  const leading = first();
  while (vendor.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  return Promise.all([leading, ...later.map((send) => send())]);
}

it('answers identical queries sent while one executes with its answer, executing once', async () => {
  const before = await collapsed();
  const answers = await whileExecuting(() => gql(stack.url, EVERYONE), Array.from({ length: 4 }, () => () => gql(stack.url, EVERYONE)));
  expect(await collapsed()).toEqual({ shared: before.shared + 4, executed: before.executed });
  // One list call per source, for all five.
  expect(vendorCalls(stack).filter((c) => c.startsWith('GET'))).toHaveLength(3);
  const alone = await gql(stack.url, EVERYONE);
  expect(alone.body.errors).toBeUndefined();
  for (const answer of answers) expect(answer.body).toEqual(alone.body);
});

it('never shares an answer across credentials', async () => {
  const before = await collapsed();
  const viewer = { 'X-QASphere-Authorization': `Bearer ${SANDBOX_CREDENTIALS.qaSphereViewerKey}` };
  const [owner, asViewer] = await whileExecuting(() => gql(stack.url, EVERYONE), [() => gql(stack.url, EVERYONE, undefined, viewer)]);
  expect(owner.body.errors).toBeUndefined();
  // The viewer may not list QA Sphere's users: it gets its own refusal, not the owner's answer.
  expect(new Set(codes(asViewer.body))).toEqual(new Set(['FORBIDDEN']));
  expect(asViewer.body.data!.users.every((u: { role: unknown }) => u.role === null)).toBe(true);
  expect(await collapsed()).toEqual(before);
});

it('never shares an answer across variables', async () => {
  const query = 'query One($email: EmailAddress!) { user(email: $email) { email } }';
  const [a, b] = stack.seed.qualifi.users;
  const [first, second] = await whileExecuting(() => gql(stack.url, query, { email: a.email }), [() => gql(stack.url, query, { email: b.email })]);
  expect(first.body.data).toEqual({ user: { email: a.email.toLowerCase() } });
  expect(second.body.data).toEqual({ user: { email: b.email.toLowerCase() } });
});

it('never shares an answer with errors: those waiting execute on their own', async () => {
  const before = await collapsed();
  const [failed, ...others] = await whileExecuting(() => gql(stack.url, EVERYONE), [() => gql(stack.url, EVERYONE), () => gql(stack.url, EVERYONE)], { status: 500 });
  expect(new Set(codes(failed.body))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
  expect(failed.body.data!.users.every((u: { role: unknown }) => u.role === null)).toBe(true);
  for (const answer of others) {
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.users.some((u: { role: unknown }) => u.role !== null)).toBe(true);
  }
  expect(await collapsed()).toEqual({ shared: before.shared, executed: before.executed + 2 });
});

it('never answers a query sent after a write with an answer, or an upstream call, begun before it', async () => {
  const email = 'collapsed.after.write@acme.example';
  const input = { users: [{ firstName: 'After', lastName: 'Write', email, teamIds: [stack.seed.qualifi.teams[0].id] }] };
  const emails = (answer: Awaited<ReturnType<typeof gql>>) => answer.body.data!.users.map((u: { email: string }) => u.email);
  let after: Awaited<ReturnType<typeof gql>> | undefined;
  // Qualifi's list, read before the write, is held for the first read while the write lands and the second read is sent.
  const [before] = await whileExecuting(() => gql(stack.url, EVERYONE), [async () => {
    const write = await gql(stack.url, CREATE_API_USERS, { input });
    expect(write.body.data!.createApiUsers.results).toEqual([{ email, status: 'CREATED' }]);
    after = await gql(stack.url, EVERYONE);
    return write;
  }], { when: 'after' }, stack.qualifi);
  expect(emails(before)).not.toContain(email);
  expect(after!.body.errors).toBeUndefined();
  expect(emails(after!)).toContain(email);
});

it('answers different queries sent while one executes each on its own, from the upstream answers they share', async () => {
  // Each reads the same three lists, merged once for all; the filters narrow what each was handed,
  // never the people another query reads.
  const fields = 'email name teams { id } role { name } humanApi { humanId }';
  const queries = [
    `query Admins { users(role: ADMIN) { ${fields} } }`,
    EVERYONE,
    `query Qualifi { users(source: QUALIFI) { ${fields} } }`,
    `query Page { usersConnection(first: 3) { nodes { ${fields} } pageInfo { hasNextPage } } }`,
  ];
  const before = await collapsed();
  const [first, ...later] = queries.map((query) => () => gql(stack.url, query));
  // Every source's list held, not only QA Sphere's, so that all four join the first one's calls.
  for (const vendor of [stack.qualifi, stack.humanApi]) vendor.inject({ delayMs: 300 });
  const together = await whileExecuting(first, later);
  // One list call per source for all four, and none of them was another's answer.
  expect(vendorCalls(stack).filter((c) => c.startsWith('GET'))).toHaveLength(3);
  expect(await collapsed()).toEqual(before);
  for (const [i, query] of queries.entries()) {
    const alone = await gql(stack.url, query);
    expect(alone.body.errors).toBeUndefined();
    expect(together[i].body).toEqual(alone.body);
  }
});

/** One POST as a client sees it: status, the headers that differ per request or per answer, and the body. */
async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const pick = (name: string) => res.headers.get(name);
  return { status: res.status, requestId: pick('x-request-id'), type: pick('content-type'), ratelimit: pick('ratelimit'), body: (await res.json()) as Awaited<ReturnType<typeof gql>>['body'] };
}

describe('requests byte for byte like one executing (answered before Apollo)', () => {
  it('get its answer and its content type, each with its own request id and rate limit, and each counted', async () => {
    const count = () => metric(stack, 'user_graph_graphql_request_duration_seconds_count{operation="Everyone",type="query",outcome="ok"}');
    const [before, collapsedBefore] = [await count(), await collapsed()];
    const ids = ['lead', 'wait-1', 'wait-2', 'wait-3'];
    const [first, ...later] = ids.map((id) => () => post(stack.url, EVERYONE, { 'x-request-id': id }));
    const answers = await whileExecuting(first, later);
    const alone = await post(stack.url, EVERYONE);
    expect(alone.body.errors).toBeUndefined();
    expect(answers.map((a) => a.requestId)).toEqual(ids);
    for (const answer of answers) expect({ status: answer.status, type: answer.type, body: answer.body }).toEqual({ status: 200, type: alone.type, body: alone.body });
    // Each passed the guards itself: its own count against the client limit.
    expect(new Set(answers.map((a) => a.ratelimit)).size).toBe(ids.length);
    expect(await collapsed()).toEqual({ shared: collapsedBefore.shared + 3, executed: collapsedBefore.executed });
    expect(await count()).toBe(before + ids.length + 1);
  });

  it('asking for another media type, get the same answer in the type they asked for', async () => {
    const before = await collapsed();
    const [first, other] = await whileExecuting(() => post(stack.url, EVERYONE),
      [() => post(stack.url, EVERYONE, { accept: 'application/graphql-response+json' })]);
    expect(first.type).toMatch(/^application\/json/);
    expect(other.type).toMatch(/^application\/graphql-response\+json/);
    expect(other.body).toEqual(first.body);
    expect(await collapsed()).toEqual({ shared: before.shared + 1, executed: before.executed });
  });

  describe('behind gateway keys', () => {
    const read = generateGatewayKey('read');
    const write = generateGatewayKey('write');
    let keyed: Stack;
    beforeAll(async () => { keyed = await startStack({ gatewayKeys: parseGatewayKeys(`${read.entry},${write.entry}`) }); });
    afterAll(() => keyed.close());

    it('never answer a caller the guards refuse; another key, allowed to run the query, gets it', async () => {
      await keyed.reset();
      const [reader, anonymous, writer] = await whileExecuting(() => post(keyed.url, EVERYONE, { authorization: `Bearer ${read.key}` }), [
        () => post(keyed.url, EVERYONE),
        () => post(keyed.url, EVERYONE, { authorization: `Bearer ${write.key}` }),
      ], {}, keyed.qaSphere);
      expect(reader.status).toBe(200);
      expect(reader.body.errors).toBeUndefined();
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.data).toBeUndefined();
      expect(codes(anonymous.body)).toEqual(['UNAUTHENTICATED']);
      expect(writer.body).toEqual(reader.body);
    });
  });
});

describe('an answer too big to send as a string', () => {
  // Over 64 KiB the endpoint sends bytes (endpoint.ts); those waiting on one such answer are sent
  // the Buffer its first request wrote, not each a copy of its own.
  const PEOPLE = 800;
  let big: Stack;
  beforeAll(async () => { big = await startStack({ people: PEOPLE }); });
  afterAll(() => big.close());

  const text = async (query: string) => {
    const res = await fetch(big.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { type: res.headers.get('content-type'), length: res.headers.get('content-length'), body: await res.text() };
  };

  it('reaches every request waiting on it whole, byte for byte what one request alone gets', async () => {
    const shared = () => metric(big, 'user_graph_collapsed_queries_total{result="shared"}');
    const before = await shared();
    const answers = await whileExecuting(() => text(EVERYONE), Array.from({ length: 4 }, () => () => text(EVERYONE)), {}, big.qaSphere);
    expect(await shared()).toBe(before + 4);
    const alone = await text(EVERYONE);
    expect(Buffer.byteLength(alone.body)).toBeGreaterThan(64 * 1024);
    expect(JSON.parse(alone.body).data.users).toHaveLength(PEOPLE);
    for (const answer of answers) expect(answer).toEqual(alone);
  });
});
