import { generateGatewayKey, parseGatewayKeys, keyOf } from '../src/auth';

describe('gateway keys', () => {
  const read = generateGatewayKey('read');
  const write = generateGatewayKey('write');
  const keys = parseGatewayKeys(`${read.entry}, ${write.entry}`);

  it('makes a random key whose entry holds only its SHA-256', () => {
    expect(read.key).not.toBe(generateGatewayKey('read').key);
    expect(read.entry).toMatch(/^read:[0-9a-f]{64}$/);
    expect(read.entry).not.toContain(read.key);
  });

  it('gives each key its own scope, and nothing to anything else', () => {
    expect(keyOf(`Bearer ${read.key}`, keys)?.scope).toBe('read');
    expect(keyOf(`Bearer ${write.key}`, keys)?.scope).toBe('write');
    for (const header of [undefined, '', read.key, `bearer ${read.key}`, `Bearer ${read.key} `, `Bearer ${read.entry.slice(5)}`, `Bearer ${'x'.repeat(600)}`]) {
      expect(keyOf(header, keys)).toBeNull();
    }
  });

  it('reads a key\'s own per-minute limit from its entry, and refuses a malformed one naming the entry', () => {
    const [quota, plain] = parseGatewayKeys(`${read.entry}:12000, ${write.entry}`);
    expect(quota).toMatchObject({ scope: 'read', perMinute: 12000 });
    expect(plain).toMatchObject({ scope: 'write', perMinute: null });
    for (const limit of ['0', '-5', 'x', '1.5', '']) {
      expect(() => parseGatewayKeys(`${write.entry},${read.entry}:${limit}`)).toThrow(/GATEWAY_API_KEYS entry 2 .*requests per minute/);
    }
  });

  it('accepts no key at all when none is configured', () => {
    expect(keyOf(`Bearer ${read.key}`, parseGatewayKeys(null))).toBeNull();
  });
});
