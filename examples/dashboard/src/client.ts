import { ApolloClient, InMemoryCache } from '@apollo/client';

/** The gateway on the same origin (Vite proxies /graphql to it), normalised by each type's key. */
export const client = new ApolloClient({
  uri: '/graphql',
  cache: new InMemoryCache({
    typePolicies: {
      User: { keyFields: ['email'] },
      Team: { keyFields: ['id'] },
      HumanUser: { keyFields: ['humanId'] },
      Role: { keyFields: ['name'] },
    },
  }),
});
