import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, ManagedUser, Store } from '../../../shared/contracts';
import {
  ROLES,
  SCOPE_KIND_OF_ROLE,
  secretKindOf,
  type Role,
} from '../../../shared/domain/permissions';
import { useApi, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { newId } from '../../lib/ids';
import { matchesFilter, placeIdOf, regionsOf, scopeFor } from './userForm';

type Editing =
  { mode: 'create' } | { mode: 'edit'; user: ManagedUser } | { mode: 'secret'; user: ManagedUser };

/**
 * The admin's people screen: everyone in the chain, add a person, change a role or home,
 * deactivate, reset a PIN or password. Each change is a call like any other, so it is audited
 * here and reaches the back office and the other desktops by sync.
 */
export function UsersAdmin() {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  const users = useCall('users.all', {});
  const stores = useCall('directory.stores', {});
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const done = (message: string) => {
    setNotice(message);
    setEditing(null);
    users.reload();
  };

  return (
    <Card title={t('admin.users.title')} testId="admin-users">
      {notice && (
        <p role="status" className="notice notice--success">
          {notice}
        </p>
      )}
      <div className="toolbar">
        <input
          className="input"
          type="search"
          aria-label={t('admin.users.filter')}
          placeholder={t('admin.users.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => {
            setNotice(null);
            setEditing({ mode: 'create' });
          }}
        >
          {t('admin.users.add')}
        </button>
      </div>
      {editing && stores.status === 'ok' && (
        <UserForm
          editing={editing}
          stores={stores.data}
          onCancel={() => setEditing(null)}
          onDone={done}
        />
      )}
      <CallView state={users} reload={users.reload} timeZone={device.timeZone}>
        {(rows) => {
          const shown = rows.filter((u) => matchesFilter(u, filter));
          if (shown.length === 0) return <p className="muted">{t('admin.users.empty')}</p>;
          return (
            <table className="table" aria-label={t('admin.users.title')}>
              <thead>
                <tr>
                  <th>{t('admin.users.displayName')}</th>
                  <th>{t('admin.users.username')}</th>
                  <th>{t('admin.users.role')}</th>
                  <th>{t('admin.users.where')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <tr key={u.id} data-testid={`user-${u.username}`}>
                    <td>
                      {u.displayName}
                      {!u.active && <span className="badge">{t('admin.users.inactive')}</span>}
                      {u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() && (
                        <span className="badge badge--warn">{t('admin.users.locked')}</span>
                      )}
                    </td>
                    <td className="mono">{u.username}</td>
                    <td>{t(`roles.${u.role}`)}</td>
                    <td>{u.scopeLabel ?? t('admin.users.chainWide')}</td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="btn btn--ghost"
                        aria-label={`${t('admin.users.edit')} ${u.displayName}`}
                        onClick={() => {
                          setNotice(null);
                          setEditing({ mode: 'edit', user: u });
                        }}
                      >
                        {t('admin.users.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn--ghost"
                        aria-label={`${t('admin.users.resetSecret')} ${u.displayName}`}
                        onClick={() => {
                          setNotice(null);
                          setEditing({ mode: 'secret', user: u });
                        }}
                      >
                        {t('admin.users.resetSecret')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </CallView>
    </Card>
  );
}

function UserForm({
  editing,
  stores,
  onCancel,
  onDone,
}: {
  editing: Editing;
  stores: Store[];
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const user = editing.mode === 'create' ? null : editing.user;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'clerk');
  const [placeId, setPlaceId] = useState(user ? placeIdOf(user.scope) : (stores[0]?.id ?? ''));
  const [active, setActive] = useState(user?.active ?? true);
  const [secret, setSecret] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const kind = SCOPE_KIND_OF_ROLE[role];
  const needsSecret =
    editing.mode !== 'edit' || (user !== null && secretKindOf(role) !== user.secretKind);
  const regions = regionsOf(stores);

  const changeRole = (next: Role) => {
    setRole(next);
    // Keep the place only when the new role works at the same kind of place.
    if (SCOPE_KIND_OF_ROLE[next] !== kind)
      setPlaceId(
        SCOPE_KIND_OF_ROLE[next] === 'store' ? (stores[0]?.id ?? '') : (regions[0]?.id ?? ''),
      );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const scope = scopeFor(role, placeId);
    if (!scope) return;
    setBusy(true);
    setError(null);
    const answer =
      editing.mode === 'create'
        ? await api.call('users.create', {
            id: newId(),
            username,
            displayName,
            role,
            scope,
            secret,
          })
        : editing.mode === 'edit'
          ? await api.call('users.update', {
              userId: editing.user.id,
              displayName,
              role,
              scope,
              active,
              ...(needsSecret ? { secret } : {}),
              reason,
            })
          : await api.call('users.resetSecret', { userId: editing.user.id, secret, reason });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    onDone(
      editing.mode === 'create'
        ? t('admin.users.created', { name: answer.data.displayName })
        : t('admin.users.saved'),
    );
  };

  const secretLabel =
    secretKindOf(role) === 'pin' ? t('admin.users.pin') : t('admin.users.password');
  return (
    <form className="subform" aria-label={t('admin.users.title')} onSubmit={submit} noValidate>
      {editing.mode === 'create' && (
        <Field id="admin-username" label={t('admin.users.username')}>
          <input
            id="admin-username"
            className="input"
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
      )}
      {editing.mode !== 'secret' && (
        <>
          <Field id="admin-display-name" label={t('admin.users.displayName')}>
            <input
              id="admin-display-name"
              className="input"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          </Field>
          <Field id="admin-role" label={t('admin.users.role')}>
            <select
              id="admin-role"
              className="input"
              value={role}
              onChange={(e) => changeRole(e.target.value as Role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          {kind !== 'chain' && (
            <Field
              id="admin-place"
              label={kind === 'store' ? t('admin.users.store') : t('admin.users.region')}
            >
              <select
                id="admin-place"
                className="input"
                value={placeId}
                onChange={(e) => setPlaceId(e.target.value)}
              >
                {(kind === 'store'
                  ? stores.map((s) => ({ id: s.id, name: `${s.code} — ${s.name}` }))
                  : regions
                ).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {editing.mode === 'edit' && (
            <label className="check">
              <input
                type="checkbox"
                checked={active}
                onChange={(e) => setActive(e.target.checked)}
              />{' '}
              {active ? t('admin.users.reactivate') : t('admin.users.deactivate')}
            </label>
          )}
        </>
      )}
      {needsSecret && (
        <Field
          id="admin-secret"
          label={editing.mode === 'secret' ? t('admin.users.newSecret') : secretLabel}
        >
          <input
            id="admin-secret"
            className="input"
            type="password"
            autoComplete="new-password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </Field>
      )}
      {editing.mode !== 'create' && (
        <Field id="admin-reason" label={t('admin.users.reason')}>
          <input
            id="admin-reason"
            className="input"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
      )}
      {error && <ErrorNotice error={error} />}
      <div className="subform__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {editing.mode === 'create' ? t('admin.users.create') : t('admin.users.save')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel} disabled={busy}>
          {t('admin.users.cancel')}
        </button>
      </div>
    </form>
  );
}
