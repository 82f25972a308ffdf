import { parseUpstream } from '../contract';
import { missingCredentialError } from '../errors';
import type { Upstream } from '../http';
import { qualifiTeamsResponseSchema, qualifiUsersResponseSchema, type QualifiNewUserDto, type QualifiTeamDto, type QualifiUserDto } from './dto';

export type QualifiClient = ReturnType<typeof createQualifiClient>;

/** Qualifi's "gather" API: `x-api-key` auth, everything under /qsi/gather, answers wrapped in `{ data, meta }`. */
export function createQualifiClient(baseUrl: string, upstream: Upstream) {
  const root = `${baseUrl}/qsi/gather`;
  const headers = (apiKey: string | null) => {
    if (!apiKey) throw missingCredentialError('QUALIFI', 'X-Qualifi-Api-Key');
    return { 'x-api-key': apiKey };
  };
  return {
    /**
     * Every user of the organisation with their teams: one call serves every person and team lookup.
     * `fresh` when the answer must postdate a write (never joined to a call already in flight).
     */
    listUsers: async (apiKey: string | null, { fresh = false } = {}): Promise<QualifiUserDto[]> => {
      const body = await upstream.send<unknown>(`${root}/users?includeTeams=true`, { headers: headers(apiKey), fresh });
      return parseUpstream('QUALIFI', qualifiUsersResponseSchema, body).data.users;
    },

    listTeams: async (apiKey: string | null): Promise<QualifiTeamDto[]> => {
      const body = await upstream.send<unknown>(`${root}/teams`, { headers: headers(apiKey) });
      return parseUpstream('QUALIFI', qualifiTeamsResponseSchema, body).data.teams;
    },

    /** All-or-nothing on the vendor's side (assumed): a 400 creates nobody. */
    createUsers: async (apiKey: string | null, users: QualifiNewUserDto[]): Promise<QualifiUserDto[]> => {
      const body = await upstream.send<unknown>(`${root}/users`, { method: 'POST', headers: headers(apiKey), body: { users } });
      return parseUpstream('QUALIFI', qualifiUsersResponseSchema, body).data.users;
    },
  };
}
