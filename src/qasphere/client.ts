import { parseUpstream } from '../contract';
import { missingCredentialError } from '../errors';
import type { Upstream } from '../http';
import { qaSphereMeResponseSchema, qaSphereUsersResponseSchema, type QaSphereMeDto, type QaSphereUserDto } from './dto';

export type QaSphereClient = ReturnType<typeof createQaSphereClient>;

/**
 * QA Sphere's public API on the tenant's host. `authorization` is the whole header value:
 * `Bearer <api key or OAuth token>` or the legacy `ApiKey <key>`.
 */
export function createQaSphereClient(baseUrl: string, upstream: Upstream) {
  const root = `${baseUrl}/api/public/v0`;
  const headers = (authorization: string | null) => {
    if (!authorization) throw missingCredentialError('QA_SPHERE', 'X-QASphere-Authorization');
    return { authorization };
  };
  return {
    /** Admin credentials only: any other role is the vendor's 403. */
    listUsers: async (authorization: string | null): Promise<QaSphereUserDto[]> => {
      const body = await upstream.send<unknown>(`${root}/users`, { headers: headers(authorization) });
      return parseUpstream('QA_SPHERE', qaSphereUsersResponseSchema, body).users;
    },

    /** The identity behind the credential, for any role. */
    me: async (authorization: string | null): Promise<QaSphereMeDto> => {
      const body = await upstream.send<unknown>(`${root}/users/me`, { headers: headers(authorization) });
      return parseUpstream('QA_SPHERE', qaSphereMeResponseSchema, body).user;
    },
  };
}
