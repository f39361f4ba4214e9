import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AppErrorBody,
  SettingKey,
  StoreSettings as Settings,
} from '../../../shared/contracts';
import { SETTING_SCHEMAS } from '../../../shared/contracts/settings';
import { useApi, useSession, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';

const KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];

/** The bounds the contract enforces, read from its schemas so the hint never disagrees. */
export function settingBounds(key: SettingKey): { min: number; max: number } {
  const schema = SETTING_SCHEMAS[key];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** Whole number within bounds, or why not. */
export function checkSetting(
  key: SettingKey,
  text: string,
): { value: number } | { problem: 'notAWholeNumber' | 'outOfRange' } {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return { problem: 'notAWholeNumber' };
  const value = Number(trimmed);
  const { min, max } = settingBounds(key);
  return value < min || value > max ? { problem: 'outOfRange' } : { value };
}

export function StoreSettings() {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  const settings = useCall('settings.get', { storeId: device.storeId });
  return (
    <Card title={t('home.settings.title')} testId="store-settings">
      <CallView state={settings} reload={settings.reload} timeZone={device.timeZone}>
        {(data) => <SettingsForm initial={data} />}
      </CallView>
    </Card>
  );
}

type FieldErrors = Partial<Record<SettingKey, string>>;

function SettingsForm({ initial }: { initial: Settings }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { device, user } = useSignedIn();
  const refreshSession = useSession((s) => s.refresh);
  const canEdit = user.permissions.includes('settings.manage');
  const [saved, setSaved] = useState<Settings>(initial);
  const [draft, setDraft] = useState<Record<SettingKey, string>>(
    () =>
      Object.fromEntries(KEYS.map((k) => [k, String(initial[k])])) as Record<SettingKey, string>,
  );
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const invalidText = (key: SettingKey) =>
    `${t('errors.INVALID_INPUT')} ${t('home.settings.invalid', settingBounds(key))}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setSavedAt(null);
    const errors: FieldErrors = {};
    const changes: { key: SettingKey; value: number }[] = [];
    for (const key of KEYS) {
      const checked = checkSetting(key, draft[key]);
      if ('problem' in checked) {
        errors[key] =
          checked.problem === 'notAWholeNumber'
            ? `${t('errors.INVALID_INPUT')} ${t('home.settings.notAWholeNumber')}`
            : invalidText(key);
      } else if (checked.value !== saved[key]) {
        changes.push({ key, value: checked.value });
      }
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0 || changes.length === 0) return;

    setBusy(true);
    let latest = saved;
    let lastUpdate: string | null = null;
    for (const { key, value } of changes) {
      const answer = await api.call('settings.update', { storeId: device.storeId, key, value });
      if (!answer.ok) {
        if (answer.error.code === 'INVALID_INPUT')
          setFieldErrors((prev) => ({ ...prev, [key]: invalidText(key) }));
        else setError(answer.error);
        break;
      }
      latest = answer.data.settings;
      lastUpdate = answer.data.updatedAt;
    }
    setBusy(false);
    setSaved(latest);
    if (lastUpdate) {
      setSavedAt(lastUpdate);
      // The idle lock follows the store's setting.
      void refreshSession();
    }
  };

  return (
    <form className="settings" onSubmit={submit} noValidate>
      {KEYS.map((key) => {
        const bounds = settingBounds(key);
        const hintId = `setting-${key}-hint`;
        const errorId = `setting-${key}-error`;
        return (
          <div className="field field--inline" key={key}>
            <label htmlFor={`setting-${key}`} className="field__label">
              {t(`home.settings.${key}`)}
            </label>
            <input
              id={`setting-${key}`}
              className={`input input--number ${fieldErrors[key] ? 'input--invalid' : ''}`}
              type="text"
              inputMode="numeric"
              value={draft[key]}
              readOnly={!canEdit}
              disabled={busy}
              aria-invalid={fieldErrors[key] ? true : undefined}
              aria-describedby={fieldErrors[key] ? `${hintId} ${errorId}` : hintId}
              onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
            />
            <p id={hintId} className="field__hint">
              {t('home.settings.range', bounds)}
            </p>
            {fieldErrors[key] && (
              <p id={errorId} className="field__error" role="alert">
                {fieldErrors[key]}
              </p>
            )}
          </div>
        );
      })}
      {error && <ErrorNotice error={error} timeZone={device.timeZone} />}
      {savedAt && (
        <p role="status" className="notice notice--success">
          {t('home.settings.saved', {
            time: formatDateTime(savedAt, i18n.language, device.timeZone),
          })}
        </p>
      )}
      {canEdit && (
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('app.saving') : t('app.save')}
        </button>
      )}
    </form>
  );
}
