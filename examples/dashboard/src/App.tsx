import { useState } from 'react';
import { useFiltersQuery, usePeopleQuery, type RoleName } from './__generated__/graphql';
import { CreateUserForm } from './CreateUserForm';
import { PeopleTable } from './PeopleTable';

export function App() {
  const [teamId, setTeamId] = useState('');
  const [role, setRole] = useState<RoleName | ''>('');
  const filters = useFiltersQuery();
  const people = usePeopleQuery({ variables: { teamId: teamId || null, role: role || null } });

  return (
    <main>
      <h1>People across Qualifi, QA Sphere and Human API</h1>
      <div className="filters">
        <label>Team
          <select aria-label="Team filter" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">All teams</option>
            {filters.data?.teams?.map((t) => <option key={t.id} value={t.id}>{t.displayName}</option>)}
          </select>
        </label>
        <label>Role
          <select aria-label="Role filter" value={role} onChange={(e) => setRole(e.target.value as RoleName | '')}>
            <option value="">All roles</option>
            {filters.data?.roles.map((r) => <option key={r.name} value={r.name}>{r.title}</option>)}
          </select>
        </label>
      </div>
      {people.error && <p className="error" role="alert">{people.error.message}</p>}
      {people.loading && !people.data ? <p>Loading…</p> : <PeopleTable people={people.data?.users ?? []} />}
      <h2>Create API users</h2>
      <CreateUserForm teams={filters.data?.teams ?? []} />
    </main>
  );
}
