import { useState } from 'react';
import { useDeleteHumanUserMutation, type PeopleQuery } from './__generated__/graphql';

type Person = PeopleQuery['users'][number];

/** One Human API record, deleted only after an explicit confirmation. */
function HumanRecord({ humanId }: { humanId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [remove, { loading, error }] = useDeleteHumanUserMutation({ refetchQueries: ['People'], awaitRefetchQueries: true });
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
            <td>{p.twoFactorEnabled === null || p.twoFactorEnabled === undefined ? '—' : p.twoFactorEnabled ? 'on' : 'off'}</td>
            <td>{p.sources.join(', ')}</td>
            <td>{p.humanApi.map((h) => <HumanRecord key={h.humanId} humanId={h.humanId} />)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
