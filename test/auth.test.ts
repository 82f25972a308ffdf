import { generateGatewayKey, parseGatewayKeys, scopeOf } from '../src/auth';

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
    expect(scopeOf(`Bearer ${read.key}`, keys)).toBe('read');
    expect(scopeOf(`Bearer ${write.key}`, keys)).toBe('write');
    for (const header of [undefined, '', read.key, `bearer ${read.key}`, `Bearer ${read.key} `, `Bearer ${read.entry.slice(5)}`, `Bearer ${'x'.repeat(600)}`]) {
      expect(scopeOf(header, keys)).toBeNull();
    }
  });

  it('accepts no key at all when none is configured', () => {
    expect(scopeOf(`Bearer ${read.key}`, parseGatewayKeys(null))).toBeNull();
  });
});
