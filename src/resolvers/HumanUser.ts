import type { HumanUserResolvers } from '../__generated__/resolvers-types';
import { isEmail } from '../model';

export const HumanUser: HumanUserResolvers = {
  user: (human) => (isEmail(human.externalId) ? { email: human.externalId } : null),
};
