import type { HumanUserDto } from './humanapi/dto';
import type { QaSphereMeDto, QaSphereUserDto } from './qasphere/dto';
import type { QualifiUserDto } from './qualifi/dto';

/**
 * One human, merged across sources by email address. For each source a record is `undefined`
 * until looked up, `null` (or []) once a source that answered does not know the person: resolvers
 * answer at once from what a list already brought and ask a loader only for what is missing.
 */
export interface Person {
  email: string;
  qualifi?: QualifiUserDto | null;
  qaSphere?: QaSphereUserDto | null;
  humanApi?: HumanUserDto[];
  /** The caller's own identity from QA Sphere's /users/me (currentUser only). */
  me?: QaSphereMeDto;
}

/** A QA Sphere list entry, with the id and avatar that only /users/me reveals when it is the caller. */
export type QaSphereRecord = QaSphereUserDto & { id?: number; avatar?: string | null };

/** Emails are compared case-insensitively across sources. */
export const emailKey = (email: string) => email.trim().toLowerCase();

// Deliberately simple: it only decides whether a Human API externalId names a person.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (value: string) => EMAIL.test(value);

export interface SourceLists {
  qualifi?: QualifiUserDto[];
  qaSphere?: QaSphereUserDto[];
  humanApi?: HumanUserDto[];
}

/**
 * Merges the lists of the sources that answered into people, in one pass over each list, ordered
 * by email so the order does not depend on which lists were asked for. A source left out (it
 * failed, or was not needed) leaves its record undefined, to be looked up.
 */
export function mergePeople({ qualifi, qaSphere, humanApi }: SourceLists): Person[] {
  const people = new Map<string, Person>();
  const personFor = (email: string) => {
    const key = emailKey(email);
    let person = people.get(key);
    if (!person) { person = { email }; people.set(key, person); }
    return person;
  };
  for (const user of qualifi ?? []) personFor(user.email).qualifi = user;
  for (const user of qaSphere ?? []) personFor(user.email).qaSphere = user;
  for (const user of humanApi ?? []) {
    if (!isEmail(user.externalId)) continue;
    const person = personFor(user.externalId);
    (person.humanApi ??= []).push(user);
  }
  for (const person of people.values()) {
    if (qualifi) person.qualifi ??= null;
    if (qaSphere) person.qaSphere ??= null;
    if (humanApi) person.humanApi ??= [];
  }
  return [...people.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, person]) => person);
}

/** Stands in for a list that was not asked for: the merge leaves that source's records to be looked up. */
const NOT_ASKED: readonly never[] = Object.freeze([]);
const merged = new WeakMap<object, WeakMap<object, WeakMap<object, readonly Person[]>>>();
const entry = <K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V) => {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
};

/**
 * mergePeople once per set of upstream answers. The lists of one answer are the same objects for
 * every request that shared it (http.ts joins the call, contract.ts parses it once), so those
 * requests share its people too, whatever query each asked: collapsing only spares identical ones.
 * Keyed by the lists themselves, they reach no one who was not handed those lists under the same
 * credential, and go when the lists do. Shared: read-only to every caller.
 */
export function mergedPeople({ qualifi, qaSphere, humanApi }: SourceLists): readonly Person[] {
  const byQaSphere = entry(merged, qualifi ?? NOT_ASKED, () => new WeakMap());
  const byHumanApi = entry(byQaSphere, qaSphere ?? NOT_ASKED, () => new WeakMap());
  return entry(byHumanApi, humanApi ?? NOT_ASKED, () => mergePeople({ qualifi, qaSphere, humanApi }));
}
