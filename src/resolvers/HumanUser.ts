import type { HumanUserResolvers } from '../__generated__/resolvers-types';
import { isEmail } from '../model';
import { userFrom } from './people';

export const HumanUser: HumanUserResolvers = {
  user: (human, _args, ctx, info) => (isEmail(human.externalId) ? userFrom({ email: human.externalId }, ctx, info) : null),
};
