import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startSandbox } from './sandbox';
import { startServer } from './server';

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const sandbox = config.upstreams ? null : await startSandbox();
  const upstreams = config.upstreams ?? sandbox!.upstreams;
  const server = await startServer({ ...config, upstreams, logger });

  if (sandbox) {
    logger.info({ mode: 'sandbox', emulators: sandbox.urls }, 'sandbox mode: no upstream is configured, so emulated Qualifi, Human API and QA Sphere run on loopback with a seeded organisation');
  } else {
    const sources = {
      QUALIFI: upstreams.qualifi?.baseUrl ?? 'not-configured',
      HUMAN_API: upstreams.humanApi?.baseUrl ?? 'not-configured',
      QA_SPHERE: upstreams.qaSphere?.baseUrl ?? 'not-configured',
    };
    const configured = Object.entries(sources).filter(([, where]) => where !== 'not-configured').map(([source]) => source);
    logger.info({ mode: 'upstream', sources }, `upstream mode over ${configured.join(', ')}`);
  }
  if (config.gatewayKeys.length === 0) {
    logger.warn('the gateway is open: GATEWAY_API_KEYS is not set, so any caller may query and mutate (set it before exposing this port)');
  }
  if (config.tracing) {
    const { endpoint, protocol, sampler, serviceName } = config.tracing; // never its headers: they may hold a key
    logger.info({ tracing: { endpoint, protocol, sampler, serviceName } }, `exporting traces to ${endpoint} over ${protocol}`);
  }
  if (config.trustedDocuments) {
    const { documents, only } = config.trustedDocuments;
    const count = Object.keys(documents).length;
    logger.info({ trustedDocuments: { count, only } }, only
      ? `running the ${count} trusted documents only: a document sent as text is refused`
      : `running ${count} trusted documents by id, and documents sent as text`);
  }
  logger.info({ url: server.url }, `user-graph ready at ${server.url}`);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await server.close();
    await sandbox?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // A configuration mistake is the operator's to fix: say what, without a stack trace.
  console.error(error instanceof ConfigError ? `user-graph: ${error.message}` : error);
  process.exit(1);
});
