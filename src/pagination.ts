import { GraphQLError, Kind, visit, type DocumentNode, type ValidationRule } from 'graphql';
import { badInputError, type FieldProblem } from './errors';

// Relay cursor connections over the lists the loaders bring whole (no vendor pages its users).
// A cursor names an item by its key in the list's order (a person's email, a Human API user's
// humanId), never by position: a write before a cursor does not shift the pages after it.

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** What a page asks for, checked: counts within bounds, cursors decoded to keys. */
export interface PageRequest {
  first?: number;
  last?: number;
  afterKey?: string;
  beforeKey?: string;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * One kind of list: the key that names an item in cursors, and where a key falls in the list.
 * `indexAfter` is the index of the first item after the key, whether or not the keyed item is
 * still there.
 */
export interface Ordering<T> {
  /** Tells this list's cursors from another's: a cursor is refused on a list it was not issued for. */
  kind: string;
  keyOf: (item: T) => string;
  indexAfter: (items: readonly T[], key: string) => number;
  indexBefore: (items: readonly T[], key: string) => number;
}

const CURSOR_VERSION = 'v1';
const encodeCursor = (kind: string, key: string) => Buffer.from(`${CURSOR_VERSION}:${kind}:${key}`, 'utf8').toString('base64url');

function decodeCursor(kind: string, cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${CURSOR_VERSION}:${kind}:`;
  return text.startsWith(prefix) && text.length > prefix.length ? text.slice(prefix.length) : undefined;
}

/**
 * Checks a page's arguments before anything is fetched: every problem at once, each naming its
 * argument, as BAD_USER_INPUT.
 */
export function pageRequest(args: PageArgs, { kind }: Pick<Ordering<unknown>, 'kind'>): PageRequest {
  const problems: FieldProblem[] = [];
  const count = (name: 'first' | 'last') => {
    const value = args[name];
    if (value === null || value === undefined) return undefined;
    const message = countProblem(value);
    if (message) problems.push({ field: name, message });
    return value;
  };
  const key = (name: 'after' | 'before') => {
    const cursor = args[name];
    if (cursor === null || cursor === undefined) return undefined;
    const decoded = decodeCursor(kind, cursor);
    if (decoded === undefined) problems.push({ field: name, message: 'is not a cursor this connection issued' });
    return decoded;
  };
  let first = count('first');
  const last = count('last');
  if (first !== undefined && last !== undefined) problems.push({ field: 'last', message: 'give first or last, not both' });
  const afterKey = key('after');
  const beforeKey = key('before');
  if (problems.length > 0) throw badInputError(problems);
  if (first === undefined && last === undefined) first = DEFAULT_PAGE_SIZE;
  return { first, last, afterKey, beforeKey };
}

const countProblem = (value: number) =>
  value < 0 ? 'must be 0 or more' : value > MAX_PAGE_SIZE ? `must be at most ${MAX_PAGE_SIZE}` : undefined;

const LITERAL_COUNT_PROBLEMS = new WeakMap<DocumentNode, GraphQLError[]>();
function literalCountProblems(document: DocumentNode) {
  let problems = LITERAL_COUNT_PROBLEMS.get(document);
  if (problems) return problems;
  const found: GraphQLError[] = [];
  visit(document, {
    Field(field) {
      for (const arg of field.arguments ?? []) {
        if ((arg.name.value !== 'first' && arg.name.value !== 'last') || arg.value.kind !== Kind.INT) continue;
        const message = countProblem(Number(arg.value.value));
        if (message) found.push(new GraphQLError(`${arg.name.value}: ${message} (on ${field.name.value})`, { nodes: [arg], extensions: { fields: [{ field: arg.name.value, message }] } }));
      }
    },
  });
  LITERAL_COUNT_PROBLEMS.set(document, (problems = found));
  return problems;
}

/**
 * A count written into the document out of bounds (`first: 600`) is refused with the document,
 * naming the argument, as GraphQL refuses a literal its type rejects (a count in a variable is
 * refused when the field runs: BAD_USER_INPUT). graphql-armor's cost estimate multiplies by a
 * literal count, so without this a page too big would be reported as a cost.
 */
export const PageSizeRule: ValidationRule = (context) => {
  for (const problem of literalCountProblems(context.getDocument())) context.reportError(problem);
  return {};
};

/** `rule`, skipped for a document PageSizeRule refuses anyway. */
export const unlessPageSizeRefused = (rule: ValidationRule): ValidationRule => (context) =>
  literalCountProblems(context.getDocument()).length > 0 ? {} : rule(context);

/** The page of `items` (in the ordering's order) that `request` asks for, as a Relay connection. */
export function paginate<T>(items: readonly T[], request: PageRequest, ordering: Ordering<T>): Connection<T> {
  let start = request.afterKey === undefined ? 0 : ordering.indexAfter(items, request.afterKey);
  let end = request.beforeKey === undefined ? items.length : Math.max(start, ordering.indexBefore(items, request.beforeKey));
  if (request.first !== undefined) end = Math.min(end, start + request.first);
  if (request.last !== undefined) start = Math.max(start, end - request.last);
  const nodes = items.slice(start, end);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(ordering.kind, ordering.keyOf(node)), node }));
  return {
    edges,
    nodes,
    // Both are exact in either direction: the whole list is at hand.
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: items.length,
  };
}

/** The first index whose key sorts after `key` (`inclusive`: at or after), in a list sorted by key. */
function searchSorted<T>(items: readonly T[], keyOf: (item: T) => string, key: string, inclusive: boolean) {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const k = keyOf(items[middle]);
    if (k < key || (!inclusive && k === key)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A list sorted by its key (people by email): a cursor's place is found even once its item is gone. */
export function sortedBy<T>(kind: string, keyOf: (item: T) => string): Ordering<T> {
  return {
    kind,
    keyOf,
    indexAfter: (items, key) => searchSorted(items, keyOf, key, false),
    indexBefore: (items, key) => searchSorted(items, keyOf, key, true),
  };
}

/**
 * A list in a vendor's order, keyed by an id. A cursor whose item is gone falls back on `rank`,
 * a value the vendor's order follows (Human API lists users in the order it created them).
 */
export function vendorOrder<T>(kind: string, idOf: (item: T) => string, rank: (item: T) => string): Ordering<T> {
  const SEPARATOR = ' ';
  const keyOf = (item: T) => `${rank(item)}${SEPARATOR}${idOf(item)}`;
  const place = (items: readonly T[], key: string, after: boolean) => {
    const split = key.indexOf(SEPARATOR);
    const [keyRank, id] = [key.slice(0, split), key.slice(split + 1)];
    const index = items.findIndex((item) => idOf(item) === id);
    if (index >= 0) return after ? index + 1 : index;
    const next = items.findIndex((item) => rank(item) > keyRank);
    return next < 0 ? items.length : next;
  };
  return { kind, keyOf, indexAfter: (items, key) => place(items, key, true), indexBefore: (items, key) => place(items, key, false) };
}
