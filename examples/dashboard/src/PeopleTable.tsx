import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { DeleteHumanUserDocument, PeopleDocument, type PeopleQuery, type RoleName } from './__generated__/graphql';

type Person = PeopleQuery['usersConnection']['edges'][number]['node'];

export const PAGE_SIZES = [5, 10, 25, 50] as const;
/** The most people the gateway gives in one page. */
const MAX_PAGE = 500;

/** One Human API record, deleted only after an explicit confirmation. */
function HumanRecord({ humanId }: { humanId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [remove, { loading, error }] = useMutation(DeleteHumanUserDocument, { refetchQueries: ['People'], awaitRefetchQueries: true });
  return (
    <span className="chip" data-human-id={humanId}>
      <code>{humanId.slice(0, 8)}</code>
      {confirming ? (
        <>
          <span>Delete this Human API user?</span>
          <button disabled={loading} onClick={() => void remove({ variables: { humanId } }).catch(() => undefined)}>Confirm delete</button>
          <button disabled={loading} onClick={() => setConfirming(false)}>Cancel</button>
        </>
      ) : (
        <button onClick={() => setConfirming(true)}>Delete</button>
      )}
      {error && <span className="error" role="alert">{error.message}</span>}
    </span>
  );
}

/**
 * The people, a page at a time. The cache holds the pages fetched so far as one list
 * (relayStylePagination); the table shows the window [page × size, (page + 1) × size) of it.
 * Next fetches the next page by cursor (fetchMore with `after`) when the list does not reach it
 * yet; Previous needs nothing new. A refetch after a write puts back only the first page, so a
 * window the list no longer reaches is filled again the same way.
 */
export function PeoplePages({ teamId, role, pageSize }: { teamId: string | null; role: RoleName | null; pageSize: number }) {
  const [page, setPage] = useState(0);
  const [pagingError, setPagingError] = useState<Error>();
  const { data, error, loading, fetchMore } = useQuery(PeopleDocument, { variables: { first: pageSize, teamId, role } });
  const connection = data?.usersConnection;
  const edges = connection?.edges ?? [];
  const total = connection?.totalCount ?? 0;
  const hasNextPage = connection?.pageInfo.hasNextPage ?? false;
  const endCursor = connection?.pageInfo.endCursor ?? null;
  // A write may have shortened the list under the window: show its last page instead.
  const shown = Math.min(page, Math.max(0, Math.ceil(total / pageSize) - 1));
  const start = shown * pageSize;
  const end = start + pageSize;

  /** Fetches more people after the list's end, until the list reaches `upTo`. */
  const reach = async (upTo: number) => {
    if (edges.length >= upTo || !hasNextPage) return;
    setPagingError(undefined);
    await fetchMore({ variables: { after: endCursor, first: Math.min(upTo - edges.length, MAX_PAGE) } });
  };

  const short = Boolean(connection) && edges.length < end && hasNextPage;
  // After a failed fetch, no refill until Next is pressed again: a gateway that keeps failing is not asked in a loop.
  useEffect(() => {
    if (short && !loading && !pagingError) reach(end).catch((e: Error) => setPagingError(e));
  }, [short, loading, end, pagingError]); // not reach, new each render: refill only when the window became short

  const next = () => reach(end + pageSize).then(() => setPage(shown + 1), (e: Error) => setPagingError(e));

  if (!connection) return error ? <p className="error" role="alert">{error.message}</p> : <p>Loading…</p>;
  return (
    <>
      {error && <p className="error" role="alert">{error.message}</p>}
      <PeopleTable people={edges.slice(start, end).map((e) => e.node)} />
      <div className="pager">
        <button disabled={loading || shown === 0} onClick={() => setPage(shown - 1)}>Previous</button>
        <span data-testid="page-status">
          {total === 0 ? 'No people' : `${start + 1}–${Math.min(end, total)} of ${total}`}
        </span>
        <button disabled={loading || !(edges.length > end || hasNextPage)} onClick={() => void next()}>Next</button>
      </div>
      {pagingError && <p className="error" role="alert">{pagingError.message}</p>}
    </>
  );
}

export function PeopleTable({ people }: { people: Person[] }) {
  return (
    <table>
      <thead>
        <tr><th>Email</th><th>Name</th><th>Teams</th><th>Role</th><th>2FA</th><th>Sources</th><th>Human API</th></tr>
      </thead>
      <tbody>
        {people.map((p) => (
          <tr key={p.email} data-testid="person-row" data-email={p.email}>
            <td>{p.email}</td>
            <td>{p.name ?? '—'}</td>
            <td>{p.teams.map((t) => t.displayName).join(', ') || '—'}</td>
            <td>{p.role?.title ?? '—'}</td>
            <td>{p.twoFactorEnabled === null ? '—' : p.twoFactorEnabled ? 'on' : 'off'}</td>
            <td>{p.sources.join(', ')}</td>
            <td>{p.humanApi.map((h) => <HumanRecord key={h.humanId} humanId={h.humanId} />)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
