import type { Person } from '../model';
import type { QaSphereUserDto } from '../qasphere/dto';
import type { QualifiUserDto } from '../qualifi/dto';

export type MaybePromise<T> = T | Promise<T>;

/** Applies `f` at once to a value already at hand, or later to one still to come. */
export const then = <T, R>(value: MaybePromise<T>, f: (value: T) => R): MaybePromise<R> =>
  value instanceof Promise ? value.then(f) : f(value);

export const personFromQualifi = (qualifi: QualifiUserDto): Person => ({ email: qualifi.email, qualifi });
export const personFromQaSphere = (qaSphere: QaSphereUserDto): Person => ({ email: qaSphere.email, qaSphere });
