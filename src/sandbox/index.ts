import type { AllUpstreams } from '../config';
import { startHumanApiEmulator } from '../humanapi/emulator';
import { startQaSphereEmulator } from '../qasphere/emulator';
import { startQualifiEmulator } from '../qualifi/emulator';
import { SANDBOX_CREDENTIALS, seedOrganisation } from './seed';

/** The three emulators on loopback ports, seeded with one organisation, and the config to reach them. */
export async function startSandbox({ people, latencyMs }: { people?: number; latencyMs?: number } = {}) {
  const seed = seedOrganisation(people);
  const [qualifi, humanApi, qaSphere] = await Promise.all([
    startQualifiEmulator(seed.qualifi, { latencyMs }),
    startHumanApiEmulator(seed.humanApi, { latencyMs }),
    startQaSphereEmulator(seed.qaSphere, { latencyMs }),
  ]);
  const upstreams: AllUpstreams = {
    qualifi: { baseUrl: qualifi.url, apiKey: SANDBOX_CREDENTIALS.qualifiApiKey },
    humanApi: { baseUrl: humanApi.url, appId: SANDBOX_CREDENTIALS.humanApiAppId, appKey: SANDBOX_CREDENTIALS.humanApiAppKey },
    qaSphere: { baseUrl: qaSphere.url, apiKey: SANDBOX_CREDENTIALS.qaSphereApiKey },
  };
  return {
    upstreams,
    emulators: { qualifi, humanApi, qaSphere },
    urls: { qualifi: qualifi.url, humanApi: humanApi.url, qaSphere: qaSphere.url },
    close: () => Promise.all([qualifi.close(), humanApi.close(), qaSphere.close()]).then(() => undefined),
  };
}

