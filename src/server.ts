import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { UpstreamsConfig } from './config';
import { createContext, type Context } from './context';
import { errorCode, formatError } from './errors';
import { createHumanApiClient } from './humanapi/client';
import { createUpstream } from './http';
import type { Clients } from './loaders';
import type { Logger } from './logger';
import { partialErrorsPlugin } from './partial';
import { createQaSphereClient } from './qasphere/client';
import { createQualifiClient } from './qualifi/client';
import { resolvers } from './resolvers';
import { loadTypeDefs } from './schema';

export interface ServerOptions {
  port: number;
  timeoutMs: number;
  upstreams: UpstreamsConfig;
  logger: Logger;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function createClients({ qualifi, humanApi, qaSphere }: UpstreamsConfig, timeoutMs: number, logger: Logger): Clients {
  return {
    qualifi: createQualifiClient(qualifi.baseUrl, createUpstream('QUALIFI', timeoutMs, logger)),
    humanApi: createHumanApiClient(humanApi.baseUrl, createUpstream('HUMAN_API', timeoutMs, logger)),
    qaSphere: createQaSphereClient(qaSphere.baseUrl, createUpstream('QA_SPHERE', timeoutMs, logger)),
  };
}

/** Upstream failures are logged where they happen (http.ts); here only what no code expected. */
const logUnexpectedErrors = (logger: Logger): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, operationName }) {
        for (const error of errors) {
          if (errorCode(error.originalError ?? error) === undefined && !error.extensions?.code) logger.error({ err: error.originalError ?? error, operationName }, 'unexpected error');
        }
      },
    };
  },
});

/** The GraphQL API at /graphql (Apollo's landing page on GET) and /healthz, on one HTTP server. */
export async function startServer({ port, timeoutMs, upstreams, logger }: ServerOptions): Promise<RunningServer> {
  const clients = createClients(upstreams, timeoutMs, logger);
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    typeDefs: loadTypeDefs(),
    resolvers,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [partialErrorsPlugin, logUnexpectedErrors(logger), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.use('/graphql', express.json({ limit: '100kb' }), expressMiddleware(apollo, {
    context: async ({ req }) => createContext(clients, upstreams, req.headers),
  }));

  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const { port: bound } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${bound}/graphql`,
    close: () => apollo.stop(),
  };
}
