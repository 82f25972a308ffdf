import pino from 'pino';

/**
 * Structured JSON logs. Credentials can only reach a log line through a header or a config object,
 * so those paths are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({
    level,
    redact: {
      paths: [
        'headers.authorization', 'headers["x-api-key"]', 'headers["x-qualifi-api-key"]',
        'headers["x-humanapi-app-key"]', 'headers["x-qasphere-authorization"]',
        '*.apiKey', '*.appKey', '*.*.apiKey', '*.*.appKey',
      ],
      censor: '[redacted]',
    },
  }, destination);
}

export type Logger = ReturnType<typeof createLogger>;
