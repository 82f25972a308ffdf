import { generateGatewayKey, type Scope } from './auth';

// `npm run keygen -- <read|write>`: the key goes to the client, the entry into GATEWAY_API_KEYS.
const scope = process.argv[2];
if (scope !== 'read' && scope !== 'write') {
  console.error('usage: npm run keygen -- <read|write>');
  process.exit(2);
}
const { key, entry } = generateGatewayKey(scope as Scope);
console.log(`key (give to the client; shown once):  ${key}`);
console.log(`GATEWAY_API_KEYS entry (store this):   ${entry}`);
