import { missingCredentialError } from '../errors';
import type { Upstream } from '../http';
import type { QualifiNewUserDto, QualifiTeamDto, QualifiTeamsResponseDto, QualifiUserDto, QualifiUsersResponseDto } from './dto';

export type QualifiClient = ReturnType<typeof createQualifiClient>;

/** Qualifi's "gather" API: `x-api-key` auth, everything under /qsi/gather, answers wrapped in `{ data, meta }`. */
export function createQualifiClient(baseUrl: string, upstream: Upstream) {
  const root = `${baseUrl}/qsi/gather`;
  const headers = (apiKey: string | null) => {
    if (!apiKey) throw missingCredentialError('QUALIFI', 'X-Qualifi-Api-Key');
    return { 'x-api-key': apiKey };
  };
  return {
    /** Every user of the organisation with their teams: one call serves every person and team lookup. */
    listUsers: async (apiKey: string | null): Promise<QualifiUserDto[]> =>
      (await upstream.send<QualifiUsersResponseDto>(`${root}/users?includeTeams=true`, { headers: headers(apiKey) })).data.users,

    listTeams: async (apiKey: string | null): Promise<QualifiTeamDto[]> =>
      (await upstream.send<QualifiTeamsResponseDto>(`${root}/teams`, { headers: headers(apiKey) })).data.teams,

    /** All-or-nothing on the vendor's side (assumed): a 400 creates nobody. */
    createUsers: async (apiKey: string | null, users: QualifiNewUserDto[]): Promise<QualifiUserDto[]> =>
      (await upstream.send<QualifiUsersResponseDto>(`${root}/users`, { method: 'POST', headers: headers(apiKey), body: { users } })).data.users,
  };
}
