import { useMutation } from '@apollo/client/react';
import { useState, type SubmitEvent } from 'react';
import { CreateApiUsersDocument } from './__generated__/graphql';
import { fieldErrors } from './fieldErrors';

const EMPTY = { firstName: '', lastName: '', email: '', phone: '', teamId: '', createAuth0Account: false };

// randomUUID exists only in secure contexts (https, localhost); the key need only be unique.
const newIdempotencyKey = () => globalThis.crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * Creates one API user; the gateway's BAD_USER_INPUT is shown beside the field it names. Each
 * intended write has its own Idempotency-Key: sending the same form again (after a lost answer)
 * replays the first answer instead of writing twice; editing the form starts a new write.
 */
export function CreateUserForm({ teams }: { teams: { id: string; displayName: string }[] }) {
  const [form, setForm] = useState(EMPTY);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [create, { data, error, loading }] = useMutation(CreateApiUsersDocument, { refetchQueries: ['People'], awaitRefetchQueries: true });
  const errors = fieldErrors(error);
  const set = (field: keyof typeof EMPTY) => (e: { target: { value: string; checked?: boolean } }) => {
    setForm({ ...form, [field]: field === 'createAuth0Account' ? Boolean(e.target.checked) : e.target.value });
    setIdempotencyKey(newIdempotencyKey());
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const user = {
      firstName: form.firstName, lastName: form.lastName, email: form.email,
      ...(form.phone ? { phone: form.phone } : {}),
      teamIds: form.teamId ? [form.teamId] : [],
      createAuth0Account: form.createAuth0Account,
    };
    const result = await create({ variables: { input: { users: [user] } }, context: { headers: { 'Idempotency-Key': idempotencyKey } } }).catch(() => undefined);
    if (result?.data?.createApiUsers.results.every((r) => r.status === 'CREATED')) {
      setForm(EMPTY);
      setIdempotencyKey(newIdempotencyKey());
    }
  };

  const text = (field: 'firstName' | 'lastName' | 'email' | 'phone', label: string) => (
    <label>{label}
      <input aria-label={label} value={form[field]} onChange={set(field)} aria-invalid={Boolean(errors[field])} />
      {errors[field] && <span className="field-error" data-field-error={field}>{errors[field]}</span>}
    </label>
  );

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {text('firstName', 'First name')}
      {text('lastName', 'Last name')}
      {text('email', 'Email')}
      {text('phone', 'Phone')}
      <label>Team
        <select aria-label="Team" value={form.teamId} onChange={set('teamId')} aria-invalid={Boolean(errors.teamIds)}>
          <option value="">Choose a team</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.displayName}</option>)}
        </select>
        {errors.teamIds && <span className="field-error" data-field-error="teamIds">{errors.teamIds}</span>}
      </label>
      <label>UI access (Auth0 account)
        <input type="checkbox" aria-label="UI access" checked={form.createAuth0Account} onChange={set('createAuth0Account')} />
      </label>
      <button type="submit" disabled={loading}>Create</button>
      {error && Object.keys(errors).length === 0 && <p className="error" role="alert">{error.message}</p>}
      {data && (
        <ul className="results">
          {data.createApiUsers.results.map((r) => (
            <li key={r.email} data-status={r.status}>{r.email}: {r.status}{r.reason ? ` (${r.reason})` : ''}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
