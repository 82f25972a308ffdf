import { randomUUID } from 'node:crypto';
import { type EmulatorOptions, type EmulatorReply, type EmulatorRequest, startVendorEmulator } from '../sandbox/emulator';
import type { QualifiState, QualifiStoredUser } from '../sandbox/seed';
import type { QualifiErrorDto, QualifiMetaDto, QualifiTeamDto, QualifiUserDto, QualifiUserTeamDto } from './dto';

// Qualifi "gather" as ../shared/upstreams.md §1 reads it: documented behaviour exactly, assumed
// behaviour as written there.

const ERROR_CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED', 422: 'VALIDATION_ERROR', 429: 'RATE_LIMITED',
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const meta = (): QualifiMetaDto => ({ requestId: randomUUID(), timestamp: new Date().toISOString() });
const ok = (status: number, data: unknown): EmulatorReply => ({ status, body: { data, meta: meta() } });
const errorBody = (status: number, message: string): QualifiErrorDto =>
  ({ error: { code: ERROR_CODES[status] ?? 'INTERNAL_ERROR', message }, meta: meta() });
const fail = (status: number, message: string): EmulatorReply => ({ status, body: errorBody(status, message) });

/** Only the base fields travel inside a user: branding and archival are the Teams API's. */
const embedded = ({ id, name, displayName, description, organizationId, createdAt, updatedAt }: QualifiTeamDto): QualifiUserTeamDto =>
  ({ id, name, displayName, description, organizationId, createdAt, updatedAt });

/**
 * The vendor's document is silent on a duplicate email; upstreams.md assumes a 400, and that is
 * the default. `accept` is the other reading (a second user with the same email), the one the
 * gateway must stay safe against: its write tests set it.
 */
export type DuplicateEmails = 'reject' | 'accept';

export async function startQualifiEmulator(initial: QualifiState, options?: EmulatorOptions) {
  const settings = { duplicateEmails: 'reject' as DuplicateEmails };
  const emulator = await startVendorEmulator(initial, (state) => {
    const render = ({ teamIds, ...user }: QualifiStoredUser, includeTeams: boolean): QualifiUserDto => includeTeams
      ? { ...user, teams: teamIds.map((id) => state().teams.find((t) => t.id === id)).filter((t) => t !== undefined).map(embedded) }
      : { ...user, teamIds: [...teamIds] };

    const listUsers = (query: URLSearchParams) => {
      const teamId = query.get('teamId');
      const includeTeams = query.get('includeTeams') !== 'false';
      const users = state().users.filter((u) => teamId === null || u.teamIds.includes(teamId));
      return ok(200, { users: users.map((u) => render(u, includeTeams)) });
    };

    /** All or nothing: one bad user rejects the batch and nobody is created. */
    const createUsers = (body: unknown) => {
      const problem = validateBatch(body, state(), settings.duplicateEmails);
      if (problem) return fail(400, problem);
      const now = new Date().toISOString();
      const created = (body as { users: NewUser[] }).users.map((u): QualifiStoredUser => ({
        id: randomUUID(), firstName: u.firstName, lastName: u.lastName, email: u.email, phone: u.phone ?? null,
        isApiUser: u.createAuth0Account !== true, teamIds: [...u.teamIds],
        organizationId: state().organizationId, createdAt: now, updatedAt: now,
      }));
      state().users.push(...created);
      return ok(201, { users: created.map((u) => render(u, true)) });
    };

    const listTeams = (query: URLSearchParams) => {
      const userId = query.get('userId');
      const user = userId === null ? undefined : state().users.find((u) => u.id === userId);
      const teams = userId === null ? state().teams : state().teams.filter((t) => user?.teamIds.includes(t.id));
      return ok(200, { teams });
    };

    return {
      errorBody,
      reset: () => { settings.duplicateEmails = 'reject'; },
      route({ method, path, query, headers, body, rawBody }: EmulatorRequest): EmulatorReply {
        if (headers['x-api-key'] !== state().apiKey) return fail(401, 'Invalid or missing API key');
        if (rawBody && body === undefined) return fail(400, 'Request body is not valid JSON');
        const teamId = /^\/qsi\/gather\/teams\/([^/]+)$/.exec(path)?.[1];
        const allowed = path === '/qsi/gather/users' ? ['GET', 'POST'] : path === '/qsi/gather/teams' || teamId ? ['GET'] : null;
        if (!allowed) return fail(404, `No route for ${path}`);
        if (!allowed.includes(method)) return fail(405, `${method} is not allowed on ${path}`);
        if (path === '/qsi/gather/users') return method === 'POST' ? createUsers(body) : listUsers(query);
        if (!teamId) return listTeams(query);
        const team = state().teams.find((t) => t.id === decodeURIComponent(teamId));
        return team ? ok(200, { team }) : fail(404, 'Team not found');
      },
    };
  }, options);
  return Object.defineProperty(emulator, 'duplicateEmails', {
    get: () => settings.duplicateEmails,
    set: (value: DuplicateEmails) => { settings.duplicateEmails = value; },
  }) as typeof emulator & { duplicateEmails: DuplicateEmails };
}

interface NewUser { firstName: string; lastName: string; email: string; phone?: string; teamIds: string[]; createAuth0Account?: boolean }

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** The vendor's documented rules, plus the assumed duplicate-email rule unless told otherwise; the first broken one is reported. */
function validateBatch(body: unknown, state: QualifiState, duplicateEmails: DuplicateEmails): string | null {
  const users = (body as { users?: unknown } | undefined)?.users;
  if (!Array.isArray(users) || users.length === 0) return 'users must be a non-empty array';
  const teamIds = new Set(state.teams.map((t) => t.id));
  const emails = new Set(state.users.map((u) => u.email.toLowerCase()));
  for (const [i, user] of (users as Partial<NewUser>[]).entries()) {
    const at = `users[${i}]`;
    for (const field of ['firstName', 'lastName', 'email'] as const) {
      if (!isText(user?.[field])) return `${at}.${field} is required`;
    }
    if (!EMAIL.test(user.email!)) return `${at}.email is not a valid email address`;
    if (user.phone !== undefined && user.phone !== null && !isText(user.phone)) return `${at}.phone is invalid`;
    if (user.createAuth0Account !== undefined && typeof user.createAuth0Account !== 'boolean') return `${at}.createAuth0Account must be a boolean`;
    if (!Array.isArray(user.teamIds) || user.teamIds.length === 0) return `${at}.teamIds must contain at least one team ID`;
    const outside = user.teamIds.find((id) => !teamIds.has(id));
    if (outside !== undefined) return `${at}.teamIds: team ${String(outside)} does not belong to the organization`;
    const email = user.email!.toLowerCase();
    if (duplicateEmails === 'reject' && emails.has(email)) return `${at}.email: a user with this email already exists`;
    emails.add(email);
  }
  return null;
}
