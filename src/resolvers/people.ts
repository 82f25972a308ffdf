import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Source } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { Loaders } from '../loaders';
import type { Person } from '../model';
import type { Connection } from '../pagination';
import { selectedFields, selectedNodeFields, sourcesForPeople } from './prefetch';
import { then, type MaybePromise } from './records';
import { UserView, type LookedRecords } from './UserView';

// Whoever hands out people (a list, a lookup, a team's members, a reference) completes them here
// before execution reads them: every record a selected User field reads is looked up, all at
// once, so that the fields are plain reads (UserView.ts). People from a list that answered are
// complete already and cost one object each; the others cost one lookup per source, batched, in
// the source's one list call.

const NONE: ReadonlySet<Source> = new Set();
const RECORD_OF: Record<Source, keyof LookedRecords> = { QUALIFI: 'qualifi', QA_SPHERE: 'qaSphere', HUMAN_API: 'humanApi' };
/** Non-null fields: a failed source leaves them empty, and its failure is reported once, beside the data. */
const NON_NULL_FIELDS = new Set(['teams', 'sources', 'humanApi']);

const lookupIn = (loaders: Loaders, source: Source) => ({
  QUALIFI: loaders.qualifiUserByEmail, QA_SPHERE: loaders.qaSphereUserByEmail, HUMAN_API: loaders.humanUsersByEmail,
})[source];

/**
 * The fields selected under a field, once per field of a document, not once per item: a list of
 * Human API users or of entities completes each one's person apart. Keyed by the document's own
 * nodes, so it holds nothing of any request.
 */
const selectedUnder = new WeakMap<readonly FieldNode[], Set<string>>();
function fieldsUnder(info: GraphQLResolveInfo) {
  let fields = selectedUnder.get(info.fieldNodes);
  if (!fields) selectedUnder.set(info.fieldNodes, (fields = selectedFields(info)));
  return fields;
}

/** What the selected fields read from each source, for people and for the caller (whose /users/me answers some). */
function needsOf(fields: Set<string>) {
  const nonNull = new Set([...fields].filter((f) => NON_NULL_FIELDS.has(f)));
  // Arrays: they are walked once per person of a list of thousands.
  const needed = (of: Set<string>, isMe: boolean) => [...sourcesForPeople(of, NONE, isMe)];
  return {
    named: fields.has('name'),
    person: { all: needed(fields, false), nonNull: needed(nonNull, false) },
    me: { all: needed(fields, true), nonNull: needed(nonNull, true) },
  };
}
type Needs = ReturnType<typeof needsOf>;
/** Once per set of fields: fieldsUnder's sets are a document's, and a list of references asks once per item. */
const needsFor = new WeakMap<Set<string>, Needs>();
function needsOfFields(fields: Set<string>) {
  let needs = needsFor.get(fields);
  if (!needs) needsFor.set(fields, (needs = needsOf(fields)));
  return needs;
}

/** A name is Qualifi's for whoever QA Sphere does not know: Qualifi is asked for those alone. */
const namedByQualifi = (needs: Needs, person: Person, records: LookedRecords) =>
  needs.named && !person.me && records.qaSphere === null && records.qualifi === undefined;

/**
 * A person whose records are all at hand is the same User to every request: the view is made once
 * per person. People from a list are shared by the requests handed that list (model.ts
 * mergedPeople), so they share views too, and nobody else reaches them. Views are read-only.
 */
const viewOfPerson = new WeakMap<Person, UserView>();
function viewOf(person: Person) {
  let view = viewOfPerson.get(person);
  if (view === undefined) viewOfPerson.set(person, (view = new UserView(person)));
  return view;
}

/** The sources whose records some of `people` lack for the selected fields, with whose. */
function lacking(people: readonly Person[], needs: Needs, records?: Map<Person, LookedRecords>) {
  const lack = new Map<Source, Person[]>();
  const add = (source: Source, person: Person) => {
    const whose = lack.get(source);
    if (whose) whose.push(person); else lack.set(source, [person]);
  };
  for (const person of people) {
    const looked = records?.get(person) ?? person;
    const needed = person.me ? needs.me.all : needs.person.all;
    for (let i = 0; i < needed.length; i++) if (looked[RECORD_OF[needed[i]]] === undefined) add(needed[i], person);
    if (namedByQualifi(needs, person, looked)) add('QUALIFI', person);
  }
  return lack;
}

/** Looks the lacking records up, each source's at once; a failed source answers its error for each person. */
async function complete(people: readonly Person[], lack: Map<Source, Person[]>, needs: Needs, { loaders, partialErrors }: Context, info: GraphQLResolveInfo) {
  const records = new Map(people.map((p): [Person, LookedRecords] => [p, { qualifi: p.qualifi, qaSphere: p.qaSphere, humanApi: p.humanApi }]));
  const lookUp = async ([source, whose]: [Source, Person[]]) => {
    const found = await lookupIn(loaders, source).loadMany(whose.map((p) => p.email));
    whose.forEach((person, i) => Object.assign(records.get(person)!, { [RECORD_OF[source]]: found[i] }));
  };
  await Promise.all([...lack].map(lookUp));
  // Those QA Sphere has just said it does not know, named by Qualifi.
  await Promise.all([...lacking(people, needs, records)].map(lookUp));
  for (const [person, looked] of records) {
    for (const source of (person.me ? needs.me : needs.person).nonNull) {
      const record = looked[RECORD_OF[source]];
      if (record instanceof Error) partialErrors.add(record, info);
    }
  }
  return people.map((person) => new UserView(person, records.get(person)));
}

/**
 * `people` as Users, with every record the selected `fields` read at hand: synchronous when they
 * are all there already (a list that answered). A failed source is reported as its fields would
 * report it: an error at each nullable field it feeds; for the non-null lists (teams, humanApi,
 * sources), the data without it and its error once, at the field that handed the people out.
 */
export function usersFrom(people: readonly Person[], ctx: Context, info: GraphQLResolveInfo, fields = fieldsUnder(info)): MaybePromise<UserView[]> {
  const needs = needsOfFields(fields);
  const lack = lacking(people, needs);
  return lack.size === 0 ? people.map(viewOf) : complete(people, lack, needs, ctx, info);
}

/** One person as a User: see usersFrom. */
export const userFrom = (person: Person, ctx: Context, info: GraphQLResolveInfo, fields?: Set<string>): MaybePromise<UserView> =>
  then(usersFrom([person], ctx, info, fields), ([user]) => user);

/** A page of people as a page of Users: only the page's people are completed. */
export const usersOnPage = (page: Connection<Person>, ctx: Context, info: GraphQLResolveInfo): MaybePromise<Connection<UserView>> =>
  then(usersFrom(page.nodes, ctx, info, selectedNodeFields(info)), (nodes) => ({
    ...page, nodes, edges: page.edges.map(({ cursor }, i) => ({ cursor, node: nodes[i] })),
  }));
