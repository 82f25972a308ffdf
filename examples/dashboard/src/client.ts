import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * The hash codegen put on each generated document (`__meta__.hash`, the key of its text in
 * persisted-documents.json). A document without one was not generated from src/graphql, so the
 * gateway cannot know it: fail rather than send its text.
 */
function trustedHash(document: object): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('This document is not in persisted-documents.json: run npm run codegen');
  return hash;
}

/**
 * The production build sends ids only: `extensions.persistedQuery.sha256Hash`, never the text, and
 * no retry with the text when the gateway does not know a hash (that would defeat a gateway that
 * runs only the trusted documents). The Vite dev server sends the documents themselves, so a
 * document being edited works before the gateway has its manifest.
 */
const idsOnly = new PersistedQueryLink({ generateHash: trustedHash, retry: () => false, disable: () => false });

/** The gateway on the same origin (Vite proxies /graphql to it), normalised by each type's key. */
export const client = new ApolloClient({
  link: ApolloLink.from([...(import.meta.env.PROD ? [idsOnly] : []), new HttpLink({ uri: '/graphql' })]),
  cache: new InMemoryCache({
    typePolicies: {
      User: { keyFields: ['email'] },
      Team: { keyFields: ['id'] },
      HumanUser: { keyFields: ['humanId'] },
      Role: { keyFields: ['name'] },
      // The pages of one list (the same filters) are joined into one list of edges, the page size
      // and cursors apart: fetchMore adds the next page to it, and the table shows a window of it.
      Query: { fields: { usersConnection: relayStylePagination(['teamId', 'role', 'source']) } },
    },
  }),
});
