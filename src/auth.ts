import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ConfigError } from './errors';

export type Scope = 'read' | 'write';

/** One accepted gateway key: only its SHA-256 is ever stored. */
export interface GatewayKey {
  scope: Scope;
  hash: Buffer;
  /** This key's own requests per minute; null: GATEWAY_KEY_RATE_LIMIT_PER_MINUTE. */
  perMinute: number | null;
}

const ENTRY = /^(read|write):([0-9a-f]{64})(?::([1-9]\d{0,8}))?$/;

export const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** GATEWAY_API_KEYS: comma-separated `<scope>:<sha256 hex of the key>[:<requests per minute>]` entries. */
export function parseGatewayKeys(raw: string | null): GatewayKey[] {
  if (raw === null) return [];
  return raw.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry, i) => {
    const match = ENTRY.exec(entry.toLowerCase());
    // The entry holds only a hash, but a pasted raw key must not be echoed either: name the position.
    if (!match) {
      throw new ConfigError(`GATEWAY_API_KEYS entry ${i + 1} must be "read:<sha256 hex>" or "write:<sha256 hex>" (see npm run keygen), `
        + 'optionally followed by ":<requests per minute>", a whole number above 0');
    }
    return { scope: match[1] as Scope, hash: Buffer.from(match[2], 'hex'), perMinute: match[3] ? Number(match[3]) : null };
  });
}

/** A new random key and the GATEWAY_API_KEYS entry that accepts it. */
export function generateGatewayKey(scope: Scope) {
  const key = `ugk_${randomBytes(32).toString('base64url')}`;
  return { key, entry: `${scope}:${sha256(key).toString('hex')}` };
}

/**
 * The entry accepting the key in `Authorization: Bearer <key>` (a write entry before a read one), or
 * null. Every entry is compared, in constant time, so the time taken tells nothing about which came close.
 */
export function keyOf(authorization: string | undefined, keys: GatewayKey[]): GatewayKey | null {
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
  if (!match) return null;
  const presented = sha256(match[1]);
  let found: GatewayKey | null = null;
  for (const key of keys) {
    if (timingSafeEqual(presented, key.hash) && found?.scope !== 'write') found = key;
  }
  return found;
}

/** Raised before execution, so nothing reaches an upstream. */
export const forbiddenMutationError = () => new GraphQLError('This gateway key may only read: mutations need a write key', {
  extensions: { code: 'FORBIDDEN', http: { status: 403 } },
});
