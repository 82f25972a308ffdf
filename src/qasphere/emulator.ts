import { type EmulatorOptions, type EmulatorReply, type EmulatorRequest, startVendorEmulator } from '../sandbox/emulator';
import type { QaSphereAccount, QaSphereState } from '../sandbox/seed';
import type { QaSphereErrorDto, QaSphereMeResponseDto, QaSphereUsersResponseDto } from './dto';

// QA Sphere's public API as ../shared/upstreams.md §3 reads it, including its documented rate limit.

const QA_SPHERE_RATE_LIMIT_MESSAGE = 'Too many requests, please try again later.';
const errorBody = (_status: number, message: string): QaSphereErrorDto => ({ message });
const fail = (status: number, message: string, headers?: Record<string, string>): EmulatorReply =>
  ({ status, body: errorBody(status, message), headers });

type Identity = { account: QaSphereAccount } | { status: number; message: string };

/** `Bearer <key or OAuth token>` or the legacy `ApiKey <key>`; keys are `{tenantID}.{apiKeyID}.{apiKeyToken}`. */
function identify(authorization: string | undefined, state: QaSphereState): Identity & { credential?: string } {
  const match = /^(Bearer|ApiKey) (\S+)$/.exec(authorization ?? '');
  if (!match) return { status: 401, message: 'Missing or unsupported Authorization header' };
  const [, scheme, credential] = match;
  const looksLikeKey = credential.split('.').length === 3;
  if (scheme === 'ApiKey' && !looksLikeKey) return { status: 401, message: 'Malformed API key' };
  if (looksLikeKey && credential.split('.')[0] !== state.tenantId) return { status: 401, message: 'Invalid credentials' };
  const email = looksLikeKey
    ? state.apiKeys.find((k) => k.key === credential)?.email
    : state.oauthTokens.find((t) => t.token === credential)?.email;
  const account = state.users.find((u) => u.email === email);
  return account ? { account, credential } : { status: 401, message: 'Invalid credentials' };
}

export function startQaSphereEmulator(initial: QaSphereState, { requestsPerSecond = 20, ...options }: EmulatorOptions & { requestsPerSecond?: number } = {}) {
  return startVendorEmulator(initial, (state) => {
    /** Admission times per credential over the last second: the vendor's "20 requests per second per API key". */
    const windows = new Map<string, number[]>();
    const admit = (credential: string) => {
      const now = Date.now();
      const recent = (windows.get(credential) ?? []).filter((t) => now - t < 1000);
      const admitted = recent.length < requestsPerSecond;
      if (admitted) recent.push(now);
      windows.set(credential, recent);
      return admitted ? null : Math.max(1, Math.ceil((recent[0] + 1000 - now) / 1000));
    };

    return {
      errorBody,
      reset: () => windows.clear(),
      route({ method, path, headers }: EmulatorRequest): EmulatorReply {
        const identity = identify(headers.authorization, state());
        if (!('account' in identity)) return fail(identity.status, identity.message);
        const retryAfter = admit(identity.credential!);
        if (retryAfter !== null) return fail(429, QA_SPHERE_RATE_LIMIT_MESSAGE, { 'retry-after': String(retryAfter) });
        if (path !== '/api/public/v0/users' && path !== '/api/public/v0/users/me') return fail(404, 'Not found');
        if (method !== 'GET') return fail(405, 'Method not allowed');

        const { account } = identity;
        if (path === '/api/public/v0/users/me') {
          const body: QaSphereMeResponseDto = { user: { id: account.id, email: account.email, name: account.name, avatar: account.avatar, role: account.role } };
          return { status: 200, body };
        }
        if (account.role !== 'owner' && account.role !== 'admin') return fail(403, 'Only admins can list users');
        // The list shows neither id nor avatar: those are /users/me's alone.
        const body: QaSphereUsersResponseDto = { users: state().users.map(({ id: _id, avatar: _avatar, ...user }) => user) };
        return { status: 200, body };
      },
    };
  }, options);
}
