import type { ApolloError } from '@apollo/client';

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown; fields?: { field: string; message: string }[] };
}

/** `input.users[0].email` → `email`: the form has one user, so the last name is the field. */
const fieldName = (path: string) => path.replace(/\[\d+\]/g, '').split('.').pop() ?? path;

/**
 * BAD_USER_INPUT as field messages. The gateway's own checks name each field in
 * `extensions.fields`; a value a scalar refused (a bad email) comes back as a variable
 * coercion error whose message names the path.
 */
export function fieldErrors(error: ApolloError | undefined): Record<string, string> {
  if (!error) return {};
  const fromServer = (error.networkError as { result?: { errors?: GraphQLErrorLike[] } } | null)?.result?.errors ?? [];
  const errors: GraphQLErrorLike[] = [...error.graphQLErrors, ...fromServer];
  const fields: Record<string, string> = {};
  for (const e of errors.filter((e) => e.extensions?.code === 'BAD_USER_INPUT')) {
    for (const { field, message } of e.extensions?.fields ?? []) fields[fieldName(field)] = message;
    const coerced = /at "([^"]+)"; (.*)$/s.exec(e.message);
    if (coerced) fields[fieldName(coerced[1])] = coerced[2].split('. ').pop() ?? coerced[2];
  }
  return fields;
}
