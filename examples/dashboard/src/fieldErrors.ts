import { CombinedGraphQLErrors, ServerError, type ErrorLike } from '@apollo/client';

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown; fields?: { field: string; message: string }[] };
}

/** `input.users[0].email` → `email`: the form has one user, so the last name is the field. */
const fieldName = (path: string) => path.replace(/\[\d+\]/g, '').split('.').pop() ?? path;

/**
 * The GraphQL errors behind an Apollo Client 4 error: CombinedGraphQLErrors for an answer it read
 * as GraphQL (application/graphql-response+json, any status), or a ServerError whose body still
 * holds them (an application/json answer with a 4xx status, such as a refused variable).
 */
function graphQLErrors(error: ErrorLike): readonly GraphQLErrorLike[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLErrorLike[] };
      return Array.isArray(body.errors) ? body.errors : [];
    } catch {
      return [];
    }
  }
  return [];
}

/**
 * BAD_USER_INPUT as field messages. The gateway's own checks name each field in
 * `extensions.fields`; a value a scalar refused (a bad email) comes back as a variable
 * coercion error whose message names the path.
 */
export function fieldErrors(error: ErrorLike | undefined): Record<string, string> {
  if (!error) return {};
  const fields: Record<string, string> = {};
  for (const e of graphQLErrors(error).filter((e) => e.extensions?.code === 'BAD_USER_INPUT')) {
    for (const { field, message } of e.extensions?.fields ?? []) fields[fieldName(field)] = message;
    const coerced = /at "([^"]+)"; (.*)$/s.exec(e.message);
    if (coerced) fields[fieldName(coerced[1])] = coerced[2].split('. ').pop() ?? coerced[2];
  }
  return fields;
}
