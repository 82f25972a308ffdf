import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The SDL files of schema/, read once at start-up (from src/ in tests, from dist/ when built). */
export function loadTypeDefs(dir = path.join(__dirname, '..', 'schema')): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
}
