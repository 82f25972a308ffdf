import { startHumanApiEmulator } from '../src/humanapi/emulator';
import { startQaSphereEmulator } from '../src/qasphere/emulator';
import { startQualifiEmulator } from '../src/qualifi/emulator';
import { SANDBOX_CREDENTIALS, seedOrganisation } from '../src/sandbox/seed';

// The three vendors in a process of their own, so serving thousands of users does not share an
// event loop with the layer being measured. Driven by the parent over IPC.

async function main() {
  const [people, latencyMs] = process.argv.slice(2).map(Number);
  const seed = seedOrganisation(people);
  const emulators = {
    qualifi: await startQualifiEmulator(seed.qualifi, { latencyMs }),
    humanApi: await startHumanApiEmulator(seed.humanApi, { latencyMs }),
    // The vendor's 20 calls a second per key would cap every scenario: the bench measures the layer.
    qaSphere: await startQaSphereEmulator(seed.qaSphere, { latencyMs, requestsPerSecond: 1e9 }),
  };
  const all = Object.values(emulators);
  process.on('message', (message: string) => {
    if (message === 'reset') all.forEach((e) => e.reset());
    if (message === 'clear') all.forEach((e) => e.clearLog());
    const stats = {
      calls: Object.fromEntries(Object.entries(emulators).map(([k, e]) => [k, e.calls.length])),
      connections: Object.fromEntries(Object.entries(emulators).map(([k, e]) => [k, e.connections()])),
    };
    process.send!({ message, stats });
  });
  process.send!({
    message: 'ready',
    upstreams: {
      qualifi: { baseUrl: emulators.qualifi.url, apiKey: SANDBOX_CREDENTIALS.qualifiApiKey },
      humanApi: { baseUrl: emulators.humanApi.url, appId: SANDBOX_CREDENTIALS.humanApiAppId, appKey: SANDBOX_CREDENTIALS.humanApiAppKey },
      qaSphere: { baseUrl: emulators.qaSphere.url, apiKey: SANDBOX_CREDENTIALS.qaSphereApiKey },
    },
  });
}

void main();
