import type { UserResolvers } from '../__generated__/resolvers-types';
import { userFrom } from './people';

// User's fields have no resolvers: people are completed before execution reads them, and each
// field is a property of UserView (see UserView.ts and people.ts).
export const User: UserResolvers = {
  // Another subgraph's reference: many references cost one list call per source, batched.
  __resolveReference: ({ email }, ctx, info) => userFrom({ email }, ctx, info),
};
