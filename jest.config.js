/**
 * Types are checked once by `tsc --noEmit` in `npm test`; SWC only transpiles, which keeps the
 * suite fast. TypeScript 7 (native) has no JavaScript API for ts-jest to transpile with.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 15000,
};
