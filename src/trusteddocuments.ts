import { readFileSync } from 'node:fs';
import { Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { sha256 } from './auth';
import { ConfigError } from './errors';

// Trusted documents: the operations first-party frontends were built with, from the manifest
// codegen writes (client-preset's persistedDocuments: sha256 of each document → the document).
// A request names one by id, as Apollo Client's persisted-query link sends it
// (`extensions.persistedQuery.sha256Hash`) or as the GraphQL-over-HTTP persisted-documents
// convention does (`documentId`, "sha256:<hex>" or the bare hash). Everything after (gateway key
// scope, variable validation, execution) is what a document sent as text meets.

export interface TrustedDocumentsConfig {
  /** sha256 (lower-case hex) of each document → the document. */
  documents: Readonly<Record<string, string>>;
  /** Refuse documents sent as text (NODE_ENV=production, unless TRUSTED_DOCUMENTS_ONLY=false). */
  only: boolean;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Reads the manifest named by `variable`: every entry must be a document under the sha256 of its text. */
export function readManifest(path: string, variable: string): Record<string, string> {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (error) {
    throw new ConfigError(`${variable} names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): point it at the persisted-documents manifest codegen writes`);
  }
  let manifest: unknown;
  try { manifest = JSON.parse(text); } catch {
    throw new ConfigError(`${variable} names ${path}, which is not JSON: it must be the persisted-documents manifest codegen writes`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new ConfigError(`${variable} names ${path}, which is not an object of sha256 hashes to documents`);
  }
  const documents: Record<string, string> = {};
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== 'string' || !SHA256_HEX.test(hash) || sha256(document).toString('hex') !== hash) {
      throw new ConfigError(`${variable} names ${path}, whose entry "${hash.slice(0, 64)}" is not a document under the sha256 of its text: regenerate the manifest with npm run codegen`);
    }
    documents[hash] = document;
  }
  return documents;
}

export interface TrustedDocument {
  hash: string;
  document: DocumentNode;
  /** The name of its only operation (null if anonymous), or undefined when it holds several. */
  operationName: string | null | undefined;
}

/** Parses and validates every trusted document against the schema: a manifest built for another schema stops start-up. */
export function checkTrustedDocuments(schema: GraphQLSchema, documents: TrustedDocumentsConfig['documents']): TrustedDocument[] {
  return Object.entries(documents).map(([hash, text]) => {
    let document: DocumentNode;
    try { document = parse(text); } catch (error) {
      throw new ConfigError(`TRUSTED_DOCUMENTS: the document sha256:${hash} does not parse (${(error as Error).message}): regenerate the manifest with npm run codegen`);
    }
    const errors = validate(schema, document);
    if (errors.length > 0) {
      throw new ConfigError(`TRUSTED_DOCUMENTS: the document sha256:${hash} does not validate against this schema (${errors[0].message}): the frontend was built for another schema`);
    }
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    return { hash, document, operationName: operations.length === 1 ? operations[0].name?.value ?? null : undefined };
  });
}

/** A request as the endpoint hands it to Apollo: the parsed JSON body (POST) and the query string (GET). */
export interface GraphQLHttpRequest { method: string; body: unknown; search: string }

export interface Refusal { status: number; code: 'PERSISTED_QUERY_REQUIRED' | 'PERSISTED_QUERY_NOT_FOUND'; message: string }

const NOT_FOUND: Refusal = Object.freeze({
  status: 400, code: 'PERSISTED_QUERY_NOT_FOUND',
  message: 'No trusted document has this id: the frontend may be newer than this gateway\'s TRUSTED_DOCUMENTS manifest',
});
const REQUIRED: Refusal = Object.freeze({
  status: 400, code: 'PERSISTED_QUERY_REQUIRED',
  message: 'This gateway runs trusted documents only: send the document\'s id (documentId, or extensions.persistedQuery.sha256Hash), not its text',
});

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The id a request names its document by, in either form; undefined when it names none. */
function documentIdOf(fields: Fields): string | undefined {
  const persisted = isObject(fields.extensions) && isObject(fields.extensions.persistedQuery) ? fields.extensions.persistedQuery : undefined;
  const id = fields.documentId ?? persisted?.sha256Hash;
  if (id === undefined || id === null) return undefined;
  return String(id);
}

/** The request's fields with `query` set, and the id it was named by dropped (Apollo knows neither form). */
function asText({ documentId: _id, extensions, ...fields }: Fields, query: unknown): Fields {
  const resolved: Fields = { ...fields, query };
  if (isObject(extensions)) {
    const { persistedQuery: _persisted, ...rest } = extensions;
    if (Object.keys(rest).length > 0) resolved.extensions = rest;
  } else if (extensions !== undefined) resolved.extensions = extensions; // not an object: Apollo refuses it
  return resolved;
}

/**
 * Resolves a request's document id to the trusted document's text before Apollo sees it, or
 * refuses it: an id not in the manifest, or (only) a document sent as text. Apollo's own
 * automatic persisted queries are off when this is on, so no caller can register a document.
 */
export function trustedDocuments({ documents, only }: TrustedDocumentsConfig) {
  const lookUp = (id: string) => {
    const hash = id.toLowerCase();
    return Object.hasOwn(documents, hash) ? documents[hash] : undefined;
  };

  /** The fields with the trusted document in place of the id, the fields as they are, or a refusal. */
  const resolve = (fields: Fields): Fields | Refusal => {
    const id = documentIdOf(fields);
    if (id === undefined) return only && fields.query !== undefined && fields.query !== null ? REQUIRED : fields;
    const document = lookUp(id.startsWith('sha256:') ? id.slice('sha256:'.length) : id);
    if (document !== undefined) return asText(fields, document);
    // Not ours: outside `only`, a document sent beside an unknown id runs as any text would.
    if (!only && typeof fields.query === 'string') return asText(fields, fields.query);
    return NOT_FOUND;
  };
  return (request: GraphQLHttpRequest): GraphQLHttpRequest | Refusal => {
    if (request.method === 'GET') {
      const params = new URLSearchParams(request.search);
      const fields: Fields = Object.fromEntries(params);
      if (typeof fields.extensions === 'string') {
        try { fields.extensions = JSON.parse(fields.extensions); } catch { return request; } // Apollo refuses it
      }
      const resolved = resolve(fields);
      if (isRefusal(resolved)) return resolved;
      if (resolved === fields) return request;
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(resolved)) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      return { ...request, search: `?${search}` };
    }
    if (!isObject(request.body)) return request; // a batch or no body: Apollo refuses it
    const resolved = resolve(request.body);
    return isRefusal(resolved) ? resolved : { ...request, body: resolved };
  };
}

/** By identity: a body's own fields can never pass for a refusal. */
export const isRefusal = (value: unknown): value is Refusal => value === NOT_FOUND || value === REQUIRED;
