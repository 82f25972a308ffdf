import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Source } from '../__generated__/resolvers-types';
import type { Loaders } from '../loaders';

// GraphQL resolves one level after another: a team, then its members (Qualifi's list), then their
// roles (QA Sphere's list) would cost three upstream round trips in a row. A resolver that returns
// people looks at what is selected beneath it and starts every list those fields will need at once.

/** The fields selected under the current field, then under each name of `path` (fragments followed). */
export function selectedFields(info: GraphQLResolveInfo, path: string[] = []): Set<string> {
  const fieldsOf = (sets: SelectionSetNode[]) => {
    const fields: FieldNode[] = [];
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) fields.push(selection);
        else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
        else { const fragment = info.fragments[selection.name.value]; if (fragment) visit(fragment.selectionSet); }
      }
    };
    sets.forEach(visit);
    return fields;
  };
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) sets = fieldsOf(sets).filter((f) => f.name.value === name).flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  return new Set(fieldsOf(sets).map((f) => f.name.value));
}

/** The source whose list each User field reads (`name` and `role` come from /users/me for the caller). */
const SOURCES_OF: Record<string, Source[]> = {
  firstName: ['QUALIFI'], lastName: ['QUALIFI'], phone: ['QUALIFI'], isApiUser: ['QUALIFI'], teams: ['QUALIFI'], qualifi: ['QUALIFI'],
  name: ['QA_SPHERE'], role: ['QA_SPHERE'], twoFactorEnabled: ['QA_SPHERE'], authorizationTypes: ['QA_SPHERE'],
  lastActivity: ['QA_SPHERE'], qaSphere: ['QA_SPHERE'],
  humanApi: ['HUMAN_API'],
  sources: ['QUALIFI', 'QA_SPHERE', 'HUMAN_API'],
};
const FROM_ME = new Set(['name', 'role', 'sources']);

/** The lists the selected User fields need that the people's own records (`known`) do not already hold. */
export function sourcesForPeople(fields: Set<string>, known: ReadonlySet<Source>, isMe = false): Set<Source> {
  const needed = new Set<Source>();
  for (const field of fields) {
    for (const source of SOURCES_OF[field] ?? []) {
      if (known.has(source) || (isMe && source === 'QA_SPHERE' && FROM_ME.has(field))) continue;
      needed.add(source);
    }
  }
  return needed;
}

/** Starts the lists now; whoever reads them later gets the same call (and its error, if any). */
export function warm(sources: Iterable<Source>, loaders: Loaders) {
  const lists: Record<Source, () => Promise<unknown>> = {
    QUALIFI: loaders.qualifiUsers, QA_SPHERE: loaders.qaSphereUsers, HUMAN_API: loaders.defaultAppHumanUsers,
  };
  for (const source of sources) lists[source]().catch(() => undefined);
}

/** The User fields selected on a connection's nodes, through `edges { node }` or `nodes` (then `path`). */
export const selectedNodeFields = (info: GraphQLResolveInfo, path: string[] = []) =>
  new Set([...selectedFields(info, ['edges', 'node', ...path]), ...selectedFields(info, ['nodes', ...path])]);
