import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { addressKey } from '../src/guards';
import { generateGatewayKey, parseGatewayKeys } from '../src/auth';
import { DEFAULT_LIMITS } from '../src/config';
import { codes, gql, startStack, type GraphQLBody, type Stack } from './stack';

// The usual GraphQL attacks against a gateway configured as in production: each is refused with a
// clear error, and no vendor is called.

const read = generateGatewayKey('read');
const write = generateGatewayKey('write');
const production = { introspection: false, fieldSuggestions: false };
const keys = parseGatewayKeys(`${read.entry},${write.entry}`);

let stack: Stack;
beforeAll(async () => { stack = await startStack({ gatewayKeys: keys, limits: production }); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const asReader = { authorization: `Bearer ${read.key}` };
const asWriter = { authorization: `Bearer ${write.key}` };
const upstreamCalls = () => [...stack.qualifi.calls, ...stack.humanApi.calls, ...stack.qaSphere.calls];

async function post(body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...asReader, ...headers }, body: body as BodyInit });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as GraphQLBody };
}

describe('who may call', () => {
  it.each([
    ['no key', {}],
    ['an unknown key', { authorization: `Bearer ${generateGatewayKey('write').key}` }],
    ['a key in the wrong scheme', { authorization: `Basic ${write.key}` }],
    ['the hash instead of the key', { authorization: `Bearer ${write.entry.split(':')[1]}` }],
  ])('refuses %s with HTTP 401 and UNAUTHENTICATED', async (_, headers) => {
    const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ users { email } }' }) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(codes(await res.json())).toEqual(['UNAUTHENTICATED']);
    expect(upstreamCalls()).toEqual([]);
  });

  it('lets a read key query', async () => {
    const { status, body } = await gql(stack.url, '{ teams { id } }', undefined, asReader);
    expect(status).toBe(200);
    expect(body.data!.teams).toHaveLength(stack.seed.qualifi.teams.length);
  });

  it('refuses a mutation with a read key: FORBIDDEN, HTTP 403, nothing sent', async () => {
    const { status, body } = await gql(stack.url, 'mutation { deleteHumanUser(humanId: "x") { deleted } }', undefined, asReader);
    expect(status).toBe(403);
    expect(codes(body)).toEqual(['FORBIDDEN']);
    expect(upstreamCalls()).toEqual([]);
  });

  it('lets a write key mutate', async () => {
    const victim = stack.seed.humanApi.apps[0].users[0];
    const { body } = await gql(stack.url, `mutation { deleteHumanUser(humanId: "${victim.humanId}") { deleted } }`, undefined, asWriter);
    expect(body).toEqual({ data: { deleteHumanUser: { deleted: true } } });
  });

  it('serves /metrics only with a key', async () => {
    const metrics = new URL('/metrics', stack.url);
    expect((await fetch(metrics, { headers: { accept: '*/*' } })).status).toBe(401);
    const scraped = await fetch(metrics, { headers: asReader });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('user_graph_graphql_request_duration_seconds');
  });

  it('shows the landing page without a key, but no data', async () => {
    const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const query = await fetch(`${stack.url}?query=${encodeURIComponent('{ teams { id } }')}`, { headers: { accept: 'text/html', 'apollo-require-preflight': '1' } });
    expect(query.status).toBe(401);
    expect(upstreamCalls()).toEqual([]);
  });
});

describe('abuse limits', () => {
  const rejected = async (query: string, pattern: RegExp) => {
    const { status, body } = await gql(stack.url, query, undefined, asReader);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors!.map((e) => e.message)).toContainEqual(expect.stringMatching(pattern));
    expect(upstreamCalls()).toEqual([]);
    return body;
  };

  it('refuses more aliases than MAX_ALIASES, __typename included', async () => {
    const aliases = Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: __typename`).join(' ');
    await rejected(`{ ${aliases} users { email } }`, /aliases limit/i);
  });

  it('refuses field duplication past MAX_TOKENS', async () => {
    const body = await rejected(`{ users { ${'email '.repeat(DEFAULT_LIMITS.maxTokens)} } }`, /contains more tha[nt] \d+ tokens/);
    expect(codes(body)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses nesting deeper than MAX_DEPTH', async () => {
    const deep = Array.from({ length: 6 }).reduce<string>((inner) => `teams { members { ${inner} } }`, 'email');
    await rejected(`{ users { ${deep} } }`, /depth limit/i);
  });

  it('refuses circular fragments', async () => {
    await rejected('{ teams { ...A } } fragment A on Team { members { teams { ...B } } } fragment B on Team { ...A }', /Cannot spread fragment "A" within itself/);
  });

  it('refuses more directives than MAX_DIRECTIVES', async () => {
    await rejected(`{ teams ${'@include(if: true) '.repeat(DEFAULT_LIMITS.maxDirectives + 1)} { id } }`, /directives limit/i);
  });

  it('refuses a document whose estimated cost exceeds MAX_COST', async () => {
    const fields = 'email name firstName lastName phone isApiUser twoFactorEnabled lastActivity sources';
    // Within the depth and alias limits, but every level fans out over every team's members.
    const fanOut = Array.from({ length: 4 }).reduce<string>((inner) => `teams { id members { ${fields} ${inner} } }`, '');
    await rejected(`{ users { ${fields} ${fanOut} } }`, /cost limit/i);
  });

  it('keeps batched HTTP requests off', async () => {
    const { status, body } = await post(JSON.stringify([{ query: '{ teams { id } }' }, { query: '{ roles { name } }' }]));
    expect(status).toBe(400);
    expect(body.errors![0].message).toMatch(/batching/i);
    expect(upstreamCalls()).toEqual([]);
  });

  it('keeps introspection off in production, federation\'s _service { sdl } included', async () => {
    await rejected('{ __schema { types { name } } }', /introspection/i);
    await rejected('{ _service { sdl } }', /introspection/i);
  });

  it('gives no field suggestions in production', async () => {
    const { body } = await gql(stack.url, '{ user(email: "a@b.example") { emial } }', undefined, asReader);
    expect(body.errors![0].message).not.toMatch(/did you mean/i);
    expect(body.errors![0].message).not.toContain('email');
  });

  it('refuses a mutation over GET', async () => {
    const url = `${stack.url}?query=${encodeURIComponent('mutation { deleteHumanUser(humanId: "x") { deleted } }')}`;
    const res = await fetch(url, { headers: { ...asWriter, 'apollo-require-preflight': '1' } });
    expect(res.status).toBe(405);
    expect(stack.humanApi.calls).toEqual([]);
  });

  it.each([
    ['a simple form POST', { 'content-type': 'text/plain' }],
    ['a urlencoded POST', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('refuses CSRF-style requests: %s', async (_, headers) => {
    const res = await fetch(stack.url, { method: 'POST', headers: { ...asWriter, ...headers }, body: JSON.stringify({ query: 'mutation { deleteHumanUser(humanId: "x") { deleted } }' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
    expect(upstreamCalls()).toEqual([]);
  });

  it('refuses a GET query without a preflight-forcing header (CSRF)', async () => {
    const res = await fetch(`${stack.url}?query=${encodeURIComponent('{ teams { id } }')}`, { headers: asReader });
    expect(res.status).toBe(400);
    expect(upstreamCalls()).toEqual([]);
  });

  it('refuses a body over BODY_LIMIT_BYTES with 413', async () => {
    const { status, body } = await post(JSON.stringify({ query: '{ teams { id } }', variables: { pad: 'x'.repeat(DEFAULT_LIMITS.bodyLimitBytes) } }));
    expect(status).toBe(413);
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE' }, message: expect.stringContaining(String(DEFAULT_LIMITS.bodyLimitBytes)) });
    expect(upstreamCalls()).toEqual([]);
  });

  it('refuses a body that is not valid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"query":"{ user(email: \\"'), Buffer.from([0xff, 0xfe]), Buffer.from('@a.example\\") { email } }"}')]);
    const { status, body } = await post(bytes);
    expect(status).toBe(400);
    expect(body.errors![0]).toMatchObject({ message: 'The request body is not valid UTF-8', extensions: { code: 'BAD_REQUEST' } });
    expect(upstreamCalls()).toEqual([]);
  });

  it('refuses a body that is not JSON', async () => {
    const { status, body } = await post('{"query": ');
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['BAD_REQUEST']);
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const res = await fetch(stack.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('per-client rate limit and CORS origins', () => {
  let limited: Stack;
  const quota = generateGatewayKey('read');
  beforeAll(async () => {
    limited = await startStack({
      gatewayKeys: parseGatewayKeys(`${read.entry},${write.entry},${quota.entry}:5`),
      limits: { keyRateLimitPerMinute: 3, rateLimitPerMinute: 2, corsOrigins: ['https://app.example'] },
    });
  });
  afterAll(() => limited.close());

  it('answers 429 RATE_LIMITED with Retry-After past GATEWAY_KEY_RATE_LIMIT_PER_MINUTE, per key', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json', ...asReader }, body: JSON.stringify({ query: '{ roles { name } }' }) }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(codes(await answers[3].json())).toEqual(['RATE_LIMITED']);
    const other = await gql(limited.url, '{ roles { name } }', undefined, asWriter);
    expect(other.status).toBe(200);
  });

  it("gives a key whose entry carries a limit that limit, and counts wrong keys by address, not by the key invented", async () => {
    const asQuota = { authorization: `Bearer ${quota.key}` };
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await gql(limited.url, '{ __typename }', undefined, asQuota)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const invented = [];
    for (let i = 0; i < 3; i++) invented.push((await gql(limited.url, '{ __typename }', undefined, { authorization: `Bearer guess-${i}` })).status);
    expect(invented).toEqual([401, 401, 429]);
  });

  it('counts callers without a key by address: IPv4, IPv6-mapped IPv4 and IPv6 alike', async () => {
    const open = await startStack({ limits: { rateLimitPerMinute: 2 } });
    try {
      const port = new URL(open.url).port;
      const status = async (host: string) => (await gql(`http://${host}:${port}/graphql`, '{ __typename }')).status;
      // 127.0.0.1 arrives as ::ffff:127.0.0.1 on a dual-stack listener: one client either way.
      expect([await status('127.0.0.1'), await status('127.0.0.1'), await status('127.0.0.1')]).toEqual([200, 200, 429]);
      expect([await status('[::1]'), await status('[::1]'), await status('[::1]')]).toEqual([200, 200, 429]);
    } finally {
      await open.close();
    }
  });

  it('keys an IPv6 caller by its /56, the block one customer is given', () => {
    expect(addressKey('2001:db8:abcd:12ff:1::5')).toBe(addressKey('2001:db8:abcd:1200::9'));
    expect(addressKey('2001:db8:abcd:1300::1')).not.toBe(addressKey('2001:db8:abcd:1200::1'));
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('allows only the configured origins', async () => {
    const preflight = (origin: string) => fetch(limited.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect((await preflight('https://app.example')).headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('how a body is read', () => {
  const query = JSON.stringify({ query: '{ roles { name } }' });

  /** The same POST over a bare socket, its body written `delayMs` after its headers. */
  function postInTwoParts(delayMs: number) {
    const url = new URL(stack.url);
    return new Promise<{ status: number; body: GraphQLBody }>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        socket.write(`POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\n`
          + `authorization: Bearer ${read.key}\r\ncontent-length: ${Buffer.byteLength(query)}\r\nconnection: close\r\n\r\n`);
        setTimeout(() => socket.write(query), delayMs);
      });
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => { answer += chunk; }).on('error', reject);
      socket.on('end', () => {
        const [head, body] = answer.split('\r\n\r\n');
        resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body) as GraphQLBody });
      });
    });
  }

  it('reads a body that arrives after its headers as one that arrives with them', async () => {
    const whole = await post(query);
    expect(whole.status).toBe(200);
    expect(await postInTwoParts(50)).toEqual({ status: 200, body: whole.body });
  });

  it.each([
    ['with a UTF-8 byte order mark and charset=utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(query)]), { 'content-type': 'application/json; charset=utf-8' }],
    ['gzip-encoded', gzipSync(query), { 'content-encoding': 'gzip' }],
  ])('reads a body %s as the plain one', async (_, body, headers) => {
    const plain = await post(query);
    expect(await post(body, headers)).toMatchObject({ status: 200, body: plain.body });
  });

  it.each([
    ['a JSON string', JSON.stringify(query)],
    ['only whitespace', ' \n\t '],
  ])('refuses %s as a body with 400 and sends nothing upstream', async (_, body) => {
    const { status, body: answer } = await post(body);
    expect(status).toBe(400);
    expect(answer.errors![0]).toMatchObject({ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } });
    expect(upstreamCalls()).toEqual([]);
  });

  it('refuses a charset other than UTF-8 with 415, naming it', async () => {
    const { status, body } = await post(query, { 'content-type': 'application/json; charset=iso-8859-1' });
    expect(status).toBe(415);
    expect(body.errors![0]).toMatchObject({ message: 'The request body must be UTF-8, not ISO-8859-1', extensions: { code: 'BAD_REQUEST' } });
    expect(upstreamCalls()).toEqual([]);
  });
});
