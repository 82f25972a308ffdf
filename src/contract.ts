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
 * Checks an upstream answer against the vendor's documented shape, used by every client.
 * A drifted answer becomes UPSTREAM_CONTRACT naming the first bad field. Zod's messages
 * name only the expected and received kinds, never the vendor's values, which may be personal data.
 */
export function parseUpstream<S extends z.ZodType>(source: Source, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw contractError(source, `${fieldPath(issue.path)}: ${issue.message}`);
}
