import { STATUS_CODES } from 'node:http';
import { type EmulatorOptions, type EmulatorReply, type EmulatorRequest, startVendorEmulator } from '../sandbox/emulator';
import type { HumanApiState } from '../sandbox/seed';
import type { HumanApiErrorDto } from './dto';

// Human API's Application API as ../shared/upstreams.md §2 reads it.

const errorBody = (status: number, message: string): HumanApiErrorDto => ({ error: STATUS_CODES[status] ?? 'Error', message });
const fail = (status: number, message: string): EmulatorReply => ({ status, body: errorBody(status, message) });

/** The app key from `Basic base64("<appKey>:")`; null unless the password is blank as documented. */
function appKeyOf(authorization: string | undefined): string | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon !== decoded.length - 1) return null;
  return decoded.slice(0, colon);
}

export function startHumanApiEmulator(initial: HumanApiState, options?: EmulatorOptions) {
  return startVendorEmulator(initial, (state) => ({
    errorBody,
    route({ method, path, headers }: EmulatorRequest): EmulatorReply {
      const match = /^\/v1\/apps\/([^/]+)\/users(?:\/([^/]+))?$/.exec(path);
      const appKey = appKeyOf(headers.authorization);
      const keyOwner = state().apps.find((a) => a.appKey === appKey);
      if (!keyOwner) return fail(401, 'Invalid app key');
      if (!match) return fail(404, `No route for ${path}`);
      const [appId, humanId] = [decodeURIComponent(match[1]), match[2] === undefined ? undefined : decodeURIComponent(match[2])];
      const app = state().apps.find((a) => a.appId === appId);
      if (!app) return fail(404, 'App not found');
      if (app !== keyOwner) return fail(401, 'The app key does not belong to this app');

      if (humanId === undefined) {
        return method === 'GET' ? { status: 200, body: app.users } : fail(405, `${method} is not allowed`);
      }
      const index = app.users.findIndex((u) => u.humanId === humanId);
      if (method !== 'GET' && method !== 'DELETE') return fail(405, `${method} is not allowed`);
      if (index < 0) return fail(404, 'User not found');
      if (method === 'GET') return { status: 200, body: app.users[index] };
      app.users.splice(index, 1);
      return { status: 204 };
    },
  }), options);
}
