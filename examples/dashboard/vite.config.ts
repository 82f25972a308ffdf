import { defineConfig } from 'vite';

// The dashboard calls /graphql on its own origin; in development Vite forwards it to the gateway
// (GRAPHQL_ORIGIN, by default `npm start`'s), so the gateway needs no CORS.
export default defineConfig({
  root: __dirname,
  oxc: { jsx: { runtime: 'automatic' } },
  server: { proxy: { '/graphql': process.env.GRAPHQL_ORIGIN ?? 'http://localhost:4000' } },
});
