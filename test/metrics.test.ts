import { gql, startStack, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack({ cache: { ttlMs: 60_000 }, resilience: { retries: 0 } }); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const scrape = async () => {
  const res = await fetch(new URL('/metrics', stack.url));
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
};
/** The value of one sample, e.g. sample(text, 'x_total{source="QUALIFI"}'); 0 when absent. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

it('counts GraphQL requests by operation, type and outcome', async () => {
  const before = await scrape();
  const series = 'user_graph_graphql_request_duration_seconds_count{operation="Teams",type="query",outcome="ok"}';
  await gql(stack.url, 'query Teams { teams { id } }');
  await gql(stack.url, 'query Teams { teams { id } }');
  expect(sample(await scrape(), series) - sample(before, series)).toBe(2);
});

it('counts upstream calls by source and status, and failures by code', async () => {
  const before = await scrape();
  stack.humanApi.failNext(500);
  await gql(stack.url, '{ humanUsers { humanId } }');
  const after = await scrape();
  const calls = 'user_graph_upstream_request_duration_seconds_count{source="HUMAN_API",method="GET",status="500"}';
  const errors = 'user_graph_upstream_errors_total{source="HUMAN_API",code="UPSTREAM_UNAVAILABLE"}';
  expect(sample(after, calls) - sample(before, calls)).toBe(1);
  expect(sample(after, errors) - sample(before, errors)).toBe(1);
  const outcome = 'user_graph_graphql_request_duration_seconds_count{operation="anonymous",type="query",outcome="UPSTREAM_UNAVAILABLE"}';
  expect(sample(after, outcome) - sample(before, outcome)).toBe(1);
});

it('counts cache hits and misses, of upstream answers and of whole answers', async () => {
  const before = await scrape();
  await gql(stack.url, '{ roles { users { email } } }');
  await gql(stack.url, '{ roles { name users { email } } }'); // another answer from the same upstream list
  await gql(stack.url, '{ roles { name users { email } } }'); // the same answer again
  const after = await scrape();
  const delta = (series: string) => sample(after, series) - sample(before, series);
  const upstream = (result: string) => delta(`user_graph_cache_lookups_total{source="QA_SPHERE",result="${result}"}`);
  const whole = (result: string) => delta(`user_graph_response_cache_lookups_total{result="${result}"}`);
  expect([upstream('miss'), upstream('hit')]).toEqual([1, 1]);
  expect([whole('miss'), whole('hit')]).toEqual([2, 1]);
});

it("shows each source's circuit state", async () => {
  const text = await scrape();
  for (const source of ['QUALIFI', 'HUMAN_API', 'QA_SPHERE']) expect(sample(text, `user_graph_circuit_state{source="${source}",state="closed"}`)).toBe(1);
});

it('never turns caller-chosen operation names into unbounded labels', async () => {
  await gql(stack.url, 'query Ugly_Name_1 { roles { name } }');
  const text = await scrape();
  expect(text).toContain('operation="Ugly_Name_1"');
  await gql(stack.url, `query ${'N'.repeat(80)} { roles { name } }`);
  expect(await scrape()).not.toContain('N'.repeat(80));
});
