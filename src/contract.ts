import type { z } from 'zod';
import { contractError, type Source } from './errors';

/** `data.users[3].email` from `['data', 'users', 3, 'email']`; `(root)` for the answer itself. */
function fieldPath(path: readonly PropertyKey[]): string {
  const formatted = path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  return formatted || '(root)';
}

/**
 * Answers already checked, by identity: a cached answer (or one shared by concurrent requests) is
 * checked once, not once per request. Nothing downstream mutates a checked answer.
 */
const checked = new WeakMap<object, Map<z.ZodType, unknown>>();

/**
 * Checks an upstream answer against the vendor's documented shape, used by every client.
 * A drifted answer becomes UPSTREAM_CONTRACT naming the first bad field. Zod's messages
 * name only the expected and received kinds, never the vendor's values, which may be personal data.
 */
export function parseUpstream<S extends z.ZodType>(source: Source, schema: S, body: unknown): z.output<S> {
  const known = typeof body === 'object' && body !== null ? checked.get(body)?.get(schema) : undefined;
  if (known !== undefined) return known as z.output<S>;
  const result = schema.safeParse(body);
  if (result.success) {
    if (typeof body === 'object' && body !== null) checked.set(body, (checked.get(body) ?? new Map()).set(schema, result.data));
    return result.data;
  }
  const [issue] = result.error.issues;
  throw contractError(source, `${fieldPath(issue.path)}: ${issue.message}`);
}
