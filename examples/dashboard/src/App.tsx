import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { FiltersDocument, type RoleName } from './__generated__/graphql';
import { CreateUserForm } from './CreateUserForm';
import { PAGE_SIZES, PeoplePages } from './PeopleTable';

/** `?rows=5` opens the table at 5 rows a page; choosing a size writes it there, so a reload keeps it. */
function initialPageSize() {
  const rows = Number(new URLSearchParams(window.location.search).get('rows'));
  return (PAGE_SIZES as readonly number[]).includes(rows) ? rows : 50;
}

export function App() {
  const [teamId, setTeamId] = useState('');
  const [role, setRole] = useState<RoleName | ''>('');
  const [pageSize, setPageSize] = useState(initialPageSize);
  const filters = useQuery(FiltersDocument);
  const choosePageSize = (size: number) => {
    setPageSize(size);
    const url = new URL(window.location.href);
    url.searchParams.set('rows', String(size));
    window.history.replaceState(null, '', url);
  };

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
        <label>Rows per page
          <select aria-label="Rows per page" value={pageSize} onChange={(e) => choosePageSize(Number(e.target.value))}>
            {PAGE_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      </div>
      {/* Other filters or another page size: the first page again. */}
      <PeoplePages key={`${teamId}|${role}|${pageSize}`} teamId={teamId || null} role={role || null} pageSize={pageSize} />
      <h2>Create API users</h2>
      <CreateUserForm teams={filters.data?.teams ?? []} />
    </main>
  );
}
