import type { Source } from '../__generated__/resolvers-types';
import type { HumanUserDto } from '../humanapi/dto';
import { emailKey, type Person, type QaSphereRecord } from '../model';
import type { QaSphereMeDto, QaSphereUserDto } from '../qasphere/dto';
import { QA_SPHERE_ROLES, type RoleEntry } from '../qasphere/roles';
import type { QualifiUserDto, QualifiUserTeamDto } from '../qualifi/dto';

// A person as the User type reads them: every field is a property, so compiled execution reads it
// inline, with no resolver call. A resolver call costs graphql-jit a resolve-info object, a path
// and three closures: for 10,000 people and 15 fields that was most of the execution time and of
// the garbage. So every field is synchronous, and whoever hands out people completes their records
// first (people.ts). A record is the source's, null when the source does not know the person, or
// the source's failure, which a nullable field answers as its error (graphql-jit and graphql-js
// both report an Error a field holds at the field's path). The fields graphql-jit reads more than
// once (objects and lists) are set at once; the scalars are getters, read once.

/** A source's record once asked for: undefined only when no selected field needed it. */
export type Looked<T> = T | Error | undefined;

export interface LookedRecords {
  qualifi?: Looked<QualifiUserDto | null>;
  qaSphere?: Looked<QaSphereUserDto | null>;
  humanApi?: Looked<HumanUserDto[]>;
}

/**
 * What a field holds when the record it reads was not looked up: never read, unless people.ts
 * missed a field the query selects, and then reported at that field. Made once.
 */
const NOT_LOOKED = new Error('a User field read a record that was not looked up');

const NO_TEAMS: readonly QualifiUserTeamDto[] = Object.freeze([]);
const NO_HUMAN_USERS: readonly HumanUserDto[] = Object.freeze([]);

const SOURCE_BITS: [number, Source][] = [[1, 'QUALIFI'], [2, 'HUMAN_API'], [4, 'QA_SPHERE']];
/** Every set of sources, made once and in the schema's order: `sources` allocates nothing per person. */
const SOURCE_SETS = Array.from({ length: 8 }, (_, bits) => Object.freeze(SOURCE_BITS.filter(([bit]) => bits & bit).map(([, s]) => s)));

const known = <T>(record: Looked<T | null>): record is T => record !== null && record !== undefined && !(record instanceof Error);
/** The record itself when it cannot answer a field: NOT_LOOKED, the source's failure, or null. */
const unknown = (record: Looked<object | null>) => (record === undefined ? NOT_LOOKED : record as Error | null);

export class UserView {
  /** The person's email in lower case: the merge and federation key. */
  readonly email: string;
  readonly qualifi: Looked<QualifiUserDto | null>;
  readonly qaSphere: Looked<QaSphereRecord | null>;
  /** A failed Human API leaves no users; its failure is reported once, beside the data (people.ts). */
  readonly humanApi: readonly HumanUserDto[] | Error;
  /** A failed Qualifi leaves no teams; its failure is reported once, beside the data (people.ts). */
  readonly teams: readonly QualifiUserTeamDto[] | Error;
  /** The caller's own role comes with /users/me, which any role may call; the list is admin-only. */
  readonly role: Readonly<RoleEntry> | Error | null;
  readonly authorizationTypes: QaSphereUserDto['authorizationTypes'] | Error | null;
  /** The sources that know the person; a failed one is left out (and reported once, people.ts). */
  readonly sources: readonly Source[] | Error;
  private readonly qualifiRecord: Looked<QualifiUserDto | null>;
  private readonly qaSphereRecord: Looked<QaSphereUserDto | null>;
  private readonly me: QaSphereMeDto | undefined;

  /** `records`: the person's own, or those people.ts looked up for them (failures included). */
  constructor(person: Person, { qualifi, qaSphere, humanApi }: LookedRecords = person) {
    const { me } = person;
    this.email = emailKey(person.email);
    this.qualifiRecord = qualifi;
    this.qaSphereRecord = qaSphere;
    this.me = me;
    this.qualifi = qualifi === undefined ? NOT_LOOKED : qualifi;
    this.humanApi = humanApi === undefined ? NOT_LOOKED : humanApi instanceof Error ? NO_HUMAN_USERS : humanApi;
    this.teams = qualifi === undefined ? NOT_LOOKED : known(qualifi) ? (qualifi.teams ?? NO_TEAMS) : NO_TEAMS;
    this.authorizationTypes = known(qaSphere) ? qaSphere.authorizationTypes : unknown(qaSphere);
    if (me) {
      this.role = QA_SPHERE_ROLES[me.role];
      // QA Sphere's record also carries the id and avatar only /users/me shows.
      this.qaSphere = known(qaSphere) ? { ...qaSphere, id: me.id, avatar: me.avatar } : unknown(qaSphere);
    } else {
      this.role = known(qaSphere) ? QA_SPHERE_ROLES[qaSphere.role] : unknown(qaSphere);
      this.qaSphere = qaSphere === undefined ? NOT_LOOKED : qaSphere;
    }
    this.sources = qualifi === undefined || humanApi === undefined || (!me && qaSphere === undefined) ? NOT_LOOKED
      : SOURCE_SETS[(known(qualifi) ? 1 : 0) | (known(humanApi) && humanApi.length > 0 ? 2 : 0) | (me || known(qaSphere) ? 4 : 0)];
  }

  /** QA Sphere's display name first; Qualifi's only for people QA Sphere does not know. */
  get name() {
    if (this.me) return this.me.name;
    const qaSphere = this.qaSphereRecord;
    if (qaSphere !== null) return known(qaSphere) ? qaSphere.name : unknown(qaSphere);
    const qualifi = this.qualifiRecord;
    return known(qualifi) ? `${qualifi.firstName} ${qualifi.lastName}` : unknown(qualifi);
  }

  get firstName() { const u = this.qualifiRecord; return known(u) ? u.firstName : unknown(u); }
  get lastName() { const u = this.qualifiRecord; return known(u) ? u.lastName : unknown(u); }
  get phone() { const u = this.qualifiRecord; return known(u) ? (u.phone ?? null) : unknown(u); }
  get isApiUser() { const u = this.qualifiRecord; return known(u) ? u.isApiUser : unknown(u); }
  get twoFactorEnabled() { const u = this.qaSphereRecord; return known(u) ? u.totpEnabled : unknown(u); }
  get lastActivity() { const u = this.qaSphereRecord; return known(u) ? u.lastActivity : unknown(u); }
}
