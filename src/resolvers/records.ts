import type { Context } from '../context';
import type { HumanUserDto } from '../humanapi/dto';
import type { Person } from '../model';
import type { QaSphereUserDto } from '../qasphere/dto';
import type { QualifiUserDto } from '../qualifi/dto';

export type MaybePromise<T> = T | Promise<T>;

/**
 * Applies `f` at once to a value a list already brought, or later to one a loader fetches.
 * Most fields of a listed person are plain property reads; this keeps them off the promise path.
 */
export const then = <T, R>(value: MaybePromise<T>, f: (value: T) => R): MaybePromise<R> =>
  value instanceof Promise ? value.then(f) : f(value);

/** `then` over several values: synchronous unless one of them is still to come. */
export const thenAll = <T extends unknown[], R>(values: { [K in keyof T]: MaybePromise<T[K]> }, f: (values: T) => R): MaybePromise<R> =>
  values.some((v) => v instanceof Promise) ? Promise.all(values).then((resolved) => f(resolved as T)) : f(values as T);

export const qualifiOf = (p: Person, { loaders }: Context): MaybePromise<QualifiUserDto | null> =>
  p.qualifi !== undefined ? p.qualifi : loaders.qualifiUserByEmail.load(p.email);

export const qaSphereOf = (p: Person, { loaders }: Context): MaybePromise<QaSphereUserDto | null> =>
  p.qaSphere !== undefined ? p.qaSphere : loaders.qaSphereUserByEmail.load(p.email);

export const humanApiOf = (p: Person, { loaders }: Context): MaybePromise<HumanUserDto[]> =>
  p.humanApi !== undefined ? p.humanApi : loaders.humanUsersByEmail.load(p.email);

export const personFromQualifi = (qualifi: QualifiUserDto): Person => ({ email: qualifi.email, qualifi });
export const personFromQaSphere = (qaSphere: QaSphereUserDto): Person => ({ email: qaSphere.email, qaSphere });
