import { parseUpstream } from '../contract';
import { errorCode, missingCredentialError } from '../errors';
import type { Upstream } from '../http';
import { humanUserSchema, humanUsersSchema } from './dto';

export type HumanApiClient = ReturnType<typeof createHumanApiClient>;

/** Human API's Application API: HTTP Basic with the app key as user name and a blank password. */
export function createHumanApiClient(baseUrl: string, upstream: Upstream) {
  // Ids are caller input: encoding them keeps a crafted id from reaching another path.
  const usersUrl = (appId: string, humanId?: string) =>
    `${baseUrl}/v1/apps/${encodeURIComponent(appId)}/users${humanId === undefined ? '' : `/${encodeURIComponent(humanId)}`}`;
  const headers = (appKey: string | null) => {
    if (!appKey) throw missingCredentialError('HUMAN_API', 'X-HumanAPI-App-Key');
    // The trailing ":" is the blank password the vendor asks for.
    return { authorization: `Basic ${Buffer.from(`${appKey}:`).toString('base64')}` };
  };
  return {
    listUsers: async (appKey: string | null, appId: string) =>
      parseUpstream('HUMAN_API', humanUsersSchema, await upstream.send<unknown>(usersUrl(appId), { headers: headers(appKey) })),

    /** null when the vendor answers 404 (assumed for an unknown user); `fresh` as for Qualifi's listUsers. */
    getUser: async (appKey: string | null, appId: string, humanId: string, { fresh = false } = {}) =>
      upstream.send<unknown>(usersUrl(appId, humanId), { headers: headers(appKey), fresh, redact: humanId })
        .then((body) => parseUpstream('HUMAN_API', humanUserSchema, body))
        .catch((error: unknown) => { if (errorCode(error) === 'NOT_FOUND') return null; throw error; }),

    /** 204 on success; a repeat is the vendor's 404, never a second deletion. */
    deleteUser: async (appKey: string | null, appId: string, humanId: string) =>
      upstream.send<void>(usersUrl(appId, humanId), { method: 'DELETE', headers: headers(appKey), redact: humanId }),
  };
}
