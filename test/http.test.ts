import { gql, startStack, vendorCalls, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(() => stack.close());

const origin = () => new URL(stack.url).origin;

it('GET /healthz answers 200', async () => {
  const res = await fetch(`${origin()}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
});

it("GET /graphql from a browser shows Apollo's landing page", async () => {
  const res = await fetch(stack.url, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  expect(await res.text()).toMatch(/apollo/i);
});

it('POST /graphql answers a query', async () => {
  const { status, body } = await gql(stack.url, '{ roles { name } }');
  expect(status).toBe(200);
  expect(body.data!.roles).toHaveLength(5);
});

it('reports a syntax error as GRAPHQL_PARSE_FAILED with HTTP 400', async () => {
  const { status, body } = await gql(stack.url, '{ roles { name ');
  expect(status).toBe(400);
  expect(body.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
});

it('reports an unknown field as GRAPHQL_VALIDATION_FAILED, calling nobody', async () => {
  stack.reset();
  const { status, body } = await gql(stack.url, '{ users { password } }');
  expect(status).toBe(400);
  expect(body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(vendorCalls(stack)).toEqual([]);
});

it('hides stack traces from callers', async () => {
  const { body } = await gql(stack.url, '{ user(email: "not-an-email") { email } }');
  expect(body.errors![0].extensions!.stacktrace).toBeUndefined();
});

describe('operations', () => {
  it('GET /readyz reports each source\'s circuit', async () => {
    const res = await fetch(`${origin()}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', sources: { QUALIFI: 'closed', HUMAN_API: 'closed', QA_SPHERE: 'closed' } });
  });

  it('finishes in-flight requests on shutdown, then takes no more', async () => {
    const draining = await startStack();
    try {
      draining.qualifi.latencyMs = 300;
      const inFlight = gql(draining.url, '{ teams { id } }');
      await new Promise((resolve) => setTimeout(resolve, 100)); // the request is now waiting on Qualifi
      await draining.server.close();
      const { status, body } = await inFlight;
      expect(status).toBe(200);
      expect(body.data!.teams).toHaveLength(draining.seed.qualifi.teams.length);
      await expect(gql(draining.url, '{ roles { name } }')).rejects.toThrow();
    } finally {
      await draining.close();
    }
  });
});
