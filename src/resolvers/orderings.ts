import type { HumanUserDto } from '../humanapi/dto';
import { emailKey, type Person } from '../model';
import { sortedBy, vendorOrder } from '../pagination';

/** People, as every list of them is ordered (mergePeople, and each connection): by email. */
export const PEOPLE_BY_EMAIL = sortedBy<Person>('user', (p) => emailKey(p.email));

/** Human API users in Human API's order, which follows when it created them. */
export const HUMAN_USERS_IN_ORDER = vendorOrder<HumanUserDto>('human', (u) => u.humanId, (u) => u.createdAt);

/** A list of people in email order (a team's or a role's members come in the vendor's); each key made once. */
export const byEmail = (people: Person[]) => people
  .map((person) => ({ key: emailKey(person.email), person }))
  .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  .map(({ person }) => person);
