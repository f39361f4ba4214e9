import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../shared/contracts';

export type TillUser = CallOutput<'auth.tillUsers'>[number];

interface TillUserListProps {
  users: readonly TillUser[];
  selected: string | null;
  onSelect: (user: TillUser) => void;
  disabled?: boolean;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1
      ? [parts[0]![0], parts[parts.length - 1]![0]]
      : [...(parts[0] ?? '?')].slice(0, 1);
  return letters.join('').toUpperCase();
}

/** The people who may sign in at this till, as large buttons. */
export function TillUserList({ users, selected, onSelect, disabled }: TillUserListProps) {
  const { t } = useTranslation();
  if (users.length === 0) return <p className="muted">{t('signin.noTillUsers')}</p>;
  return (
    <ul className="till-users">
      {users.map((user) => (
        <li key={user.username}>
          <button
            type="button"
            className="till-user"
            aria-pressed={selected?.toLowerCase() === user.username.toLowerCase()}
            disabled={disabled}
            onClick={() => onSelect(user)}
          >
            <span className="till-user__avatar" aria-hidden="true">
              {initials(user.displayName)}
            </span>
            <span className="till-user__text">
              <span className="till-user__name">{user.displayName}</span>
              <span className="till-user__role">{t(`roles.${user.role}`)}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
