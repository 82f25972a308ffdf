import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { GraphQLError, execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { TrustedDocument } from './trusteddocuments';

// Compiled execution (graphql-jit) behind Apollo Server's `gateway` option, the documented
// replacement for Apollo Server 3's `executor`. Apollo still parses, validates and runs every plugin
// hook; only execution changes. graphql-js completes every field of every person through generic
// code (≈120,000 fields for 10,000 people); a compiled query is straight-line code for its document.

type GatewayInterface = ApolloServerOptionsWithGateway<never>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** Documents compiled at once: each is a closure made with `new Function`, so the cache is bounded. */
const MAX_COMPILED = 1000;

/** How a document is executed: compiled, or by graphql-js for what graphql-jit cannot compile. */
interface Plan { compiled: CompiledQuery | null }

/**
 * graphql-jit's errors are its own class: an error whose original had no `extensions` carries
 * `undefined`, which Apollo then masks as INTERNAL_SERVER_ERROR (graphql-jit#234). Rebuilt as
 * graphql-js would have built them, they format exactly as on graphql-js's path.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // graphql-jit keeps locations, not AST nodes: carry them over as they are.
  if (error.locations) (rebuilt as { locations?: unknown }).locations = error.locations;
  return rebuilt;
}

/**
 * An executor that compiles each validated document once (LRU keyed by Apollo's hash of the
 * document and the operation name) and runs the compiled query. Nothing request-specific is kept:
 * a compiled query is code for a document, and the data it makes belongs to the request that ran it.
 */
function createCompiledExecutor(schema: GraphQLSchema, trusted: TrustedDocument[]): GatewayExecutor {
  const plans = new LRUCache<string, Plan>({ max: MAX_COMPILED });

  const planFor = (key: string, document: DocumentNode, operationName: string | null): Plan => {
    const known = plans.get(key);
    if (known) return known;
    const compiled = compileQuery(schema, document, operationName ?? undefined, {
      // @skip/@include inside fragments as graphql-js has them (graphql-jit#111).
      useExperimentalPathBasedSkipInclude: true,
      disablingCapturingStackErrors: true,
    });
    const plan = { compiled: isCompiledQuery(compiled) ? compiled : null };
    plans.set(key, plan);
    return plan;
  };

  // Apollo's queryHash is the sha256 of the document's text, the manifest's key: a trusted
  // document's first request finds its plan ready.
  for (const { hash, document, operationName } of trusted) {
    if (operationName !== undefined) planFor(`${hash}:${operationName ?? ''}`, document, operationName);
  }

  return async ({ document, operationName, queryHash, request, context }) => {
    const { compiled } = planFor(`${queryHash}:${operationName ?? ''}`, document, operationName);
    const variables = request.variables ?? {};
    const run = () => execute({ schema, document, operationName, variableValues: variables, contextValue: context }) as Promise<ExecutionResult> | ExecutionResult;
    if (!compiled) return run();
    const result = await compiled.query(undefined, context, variables);
    // No data at all: the variables were refused before anything ran. graphql-js words those errors
    // with the variable's AST node, which is how Apollo knows them as BAD_USER_INPUT; it runs nothing either.
    if (result.data === undefined) return run();
    if (!result.errors?.length) return result;
    return { ...result, errors: result.errors.map(asGraphQLError) };
  };
}

/** Apollo's `gateway` option over a fixed schema: it must report the schema before `load` resolves (apollo-server#7340). */
export function compiledExecution(schema: GraphQLSchema, trusted: TrustedDocument[] = []): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor: createCompiledExecutor(schema, trusted) }),
    stop: async () => undefined,
  };
}
