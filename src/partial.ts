import { GraphQLError, responsePathAsArray, type GraphQLFormattedError, type GraphQLResolveInfo } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { errorCode, formatError } from './errors';

/**
 * Errors that travel beside data instead of replacing it. A non-null field that a failed source
 * feeds (the `users` list, a person's `teams` or `sources`) still answers with what the other
 * sources gave; the failure is reported once per source and request, at the first path it touched.
 */
export class PartialErrors {
  private readonly bySource = new Map<unknown, GraphQLError>();

  add(error: unknown, info: GraphQLResolveInfo) {
    if (!(error instanceof GraphQLError) || errorCode(error) === undefined) throw error; // a bug is not a partial result
    const source = error.extensions.source;
    if (this.bySource.has(source)) return;
    this.bySource.set(source, new GraphQLError(error.message, { path: responsePathAsArray(info.path), extensions: error.extensions }));
  }

  /**
   * Runs a lookup for a non-null field: on an upstream failure, reports it and answers `fallback`.
   * A value already at hand stays synchronous: a list of thousands must not cost a promise per field.
   */
  recover<T>(lookup: Promise<T> | T, fallback: T, info: GraphQLResolveInfo): Promise<T> | T {
    return lookup instanceof Promise ? lookup.catch((error: unknown) => { this.add(error, info); return fallback; }) : lookup;
  }

  formatted(): GraphQLFormattedError[] {
    return [...this.bySource.values()].map((e) => formatError(e.toJSON()));
  }
}

export const partialErrorsPlugin: ApolloServerPlugin<{ partialErrors: PartialErrors }> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const extra = contextValue.partialErrors?.formatted() ?? [];
        if (extra.length === 0 || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.errors = [...(result.errors ?? []), ...extra];
      },
    };
  },
};
