import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ConfigError } from './errors';

export type Scope = 'read' | 'write';

/** One accepted gateway key: only its SHA-256 is ever stored. */
export interface GatewayKey {
  scope: Scope;
  hash: Buffer;
}

const ENTRY = /^(read|write):([0-9a-f]{64})$/;

export const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** GATEWAY_API_KEYS: comma-separated `<scope>:<sha256 hex of the key>` entries. */
export function parseGatewayKeys(raw: string | null): GatewayKey[] {
  if (raw === null) return [];
  return raw.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry, i) => {
    const match = ENTRY.exec(entry.toLowerCase());
    // The entry holds only a hash, but a pasted raw key must not be echoed either: name the position.
    if (!match) throw new ConfigError(`GATEWAY_API_KEYS entry ${i + 1} must be "read:<sha256 hex>" or "write:<sha256 hex>" (see npm run keygen)`);
    return { scope: match[1] as Scope, hash: Buffer.from(match[2], 'hex') };
  });
}

/** A new random key and the GATEWAY_API_KEYS entry that accepts it. */
export function generateGatewayKey(scope: Scope) {
  const key = `ugk_${randomBytes(32).toString('base64url')}`;
  return { key, entry: `${scope}:${sha256(key).toString('hex')}` };
}

/**
 * The scope of the key in `Authorization: Bearer <key>`, or null. Every entry is compared, in
 * constant time, so the time taken tells nothing about which entry came close.
 */
export function scopeOf(authorization: string | undefined, keys: GatewayKey[]): Scope | null {
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
  if (!match) return null;
  const presented = sha256(match[1]);
  let scope: Scope | null = null;
  for (const key of keys) {
    if (timingSafeEqual(presented, key.hash) && scope !== 'write') scope = key.scope;
  }
  return scope;
}

/** Raised before execution, so nothing reaches an upstream. */
export const forbiddenMutationError = () => new GraphQLError('This gateway key may only read: mutations need a write key', {
  extensions: { code: 'FORBIDDEN', http: { status: 403 } },
});
