import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, type ValidationRule } from 'graphql';

/** The SDL files of schema/, read once at start-up (from src/ in tests, from dist/ when built). */
export function loadTypeDefs(dir = path.join(__dirname, '..', 'schema')): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** Refuses federation's `_service` field: with introspection off, the SDL must not leak this way either. */
export const NoServiceSdl: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '_service') context.reportError(new GraphQLError('GraphQL introspection is not allowed: _service is off with introspection', { nodes: [node] }));
  },
});
