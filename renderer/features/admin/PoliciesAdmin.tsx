import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, CallOutput } from '../../../shared/contracts';
import { PolicyRulesSchema, type PolicyScope } from '../../../shared/domain/policy/policy-set';
import { MARKETPLACE_CODES } from '../../../shared/domain/marketplaces';
import { useApi, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { formatDateTime, formatAmount } from '../../lib/format';
import { newId } from '../../lib/ids';
import { regionsOf } from './userForm';

type Preview = CallOutput<'policies.preview'>;
type ScopeKind = PolicyScope['kind'];

/** The latest version of each set, for the list and to start a new version from. */
export function latestVersions(sets: CallOutput<'policies.list'>['sets']) {
  const latest = new Map<string, (typeof sets)[number]>();
  for (const set of sets) {
    const seen = latest.get(set.setKey);
    if (!seen || set.version > seen.version) latest.set(set.setKey, set);
  }
  return [...latest.values()].sort((a, b) => a.setKey.localeCompare(b.setKey));
}

/** The rules typed as JSON, checked by the same schema the backend uses. */
export function parseRules(text: string): { ok: true; rules: unknown } | { ok: false } {
  try {
    const parsed = PolicyRulesSchema.safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, rules: parsed.data } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/**
 * Refund policy: published versions of each set (chain, marketplace, region, store), and a new
 * version — previewed against the requests waiting now, then published. A published version
 * never changes; requests keep the versions that decided them.
 */
export function PoliciesAdmin() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { device } = useSignedIn();
  const list = useCall('policies.list', {});
  const stores = useCall('directory.stores', {});
  const [setKey, setSetKey] = useState('chain');
  const [scopeKind, setScopeKind] = useState<ScopeKind>('chain');
  const [scopeId, setScopeId] = useState('');
  const [rulesText, setRulesText] = useState('{}');
  const [preview, setPreview] = useState<{ draft: string; result: Preview } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const scope = useMemo((): PolicyScope | null => {
    if (scopeKind === 'chain') return { kind: 'chain' };
    if (!scopeId) return null;
    if (scopeKind === 'region') return { kind: 'region', regionId: scopeId };
    if (scopeKind === 'store') return { kind: 'store', storeId: scopeId };
    return { kind: 'marketplace', marketplace: scopeId as never };
  }, [scopeKind, scopeId]);
  const rules = parseRules(rulesText);
  const draftKey = JSON.stringify({ setKey, scope, rulesText });
  const draft = scope && rules.ok ? { setKey, scope, rules: rules.rules as never } : null;

  const startFrom = (set: CallOutput<'policies.list'>['sets'][number]) => {
    setSetKey(set.setKey);
    setScopeKind(set.scope.kind);
    setScopeId(
      set.scope.kind === 'region'
        ? set.scope.regionId
        : set.scope.kind === 'store'
          ? set.scope.storeId
          : set.scope.kind === 'marketplace'
            ? set.scope.marketplace
            : '',
    );
    setRulesText(JSON.stringify(set.rules, null, 2));
    setPreview(null);
    setDone(null);
  };

  const runPreview = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    const answer = await api.call('policies.preview', draft);
    setBusy(false);
    if (answer.ok) setPreview({ draft: draftKey, result: answer.data });
    else setError(answer.error);
  };

  const publish = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    const answer = await api.call('policies.publish', { id: newId(), ...draft });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setDone(
      t('admin.policies.published', { label: answer.data.label, count: answer.data.autoApproved }),
    );
    setPreview(null);
    list.reload();
  };

  const places =
    scopeKind === 'region'
      ? regionsOf(stores.data ?? []).map((r) => ({ id: r.id, name: r.name }))
      : scopeKind === 'store'
        ? (stores.data ?? []).map((s) => ({ id: s.id, name: `${s.code} — ${s.name}` }))
        : scopeKind === 'marketplace'
          ? MARKETPLACE_CODES.map((m) => ({ id: m, name: m }))
          : [];

  return (
    <Card title={t('admin.policies.title')} testId="admin-policies" className="card--wide">
      {done && (
        <p role="status" className="notice notice--success">
          {done}
        </p>
      )}
      <CallView state={list} reload={list.reload} timeZone={device.timeZone}>
        {(data) =>
          data.sets.length === 0 ? (
            <p className="muted">{t('admin.policies.none')}</p>
          ) : (
            <table className="table" aria-label={t('admin.policies.title')}>
              <thead>
                <tr>
                  <th>{t('admin.policies.set')}</th>
                  <th>{t('admin.policies.version')}</th>
                  <th>{t('admin.policies.publishedAt')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {latestVersions(data.sets).map((set) => (
                  <tr key={set.rowId}>
                    <td className="mono">{set.setKey}</td>
                    <td>v{set.version}</td>
                    <td>{formatDateTime(set.publishedAt, i18n.language, device.timeZone)}</td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="btn btn--ghost"
                        onClick={() => startFrom(set)}
                      >
                        {t('admin.policies.newVersion')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </CallView>
      <form
        className="subform"
        aria-label={t('admin.policies.draft')}
        onSubmit={(e) => e.preventDefault()}
      >
        <Field id="policy-set" label={t('admin.policies.set')}>
          <input
            id="policy-set"
            className="input mono"
            value={setKey}
            onChange={(e) => setSetKey(e.target.value)}
          />
        </Field>
        <Field id="policy-scope" label={t('admin.policies.scope')}>
          <select
            id="policy-scope"
            className="input"
            value={scopeKind}
            onChange={(e) => {
              setScopeKind(e.target.value as ScopeKind);
              setScopeId('');
            }}
          >
            {(['chain', 'marketplace', 'region', 'store'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`admin.policies.scopes.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        {scopeKind !== 'chain' && (
          <Field id="policy-place" label={t('admin.policies.where')}>
            <select
              id="policy-place"
              className="input"
              value={scopeId}
              onChange={(e) => setScopeId(e.target.value)}
            >
              <option value="">—</option>
              {places.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field
          id="policy-rules"
          label={t('admin.policies.rules')}
          hint={rules.ok ? t('admin.policies.rulesHint') : t('admin.policies.rulesInvalid')}
        >
          <textarea
            id="policy-rules"
            className="input textarea mono"
            rows={8}
            value={rulesText}
            aria-invalid={!rules.ok || undefined}
            aria-describedby="policy-rules-hint"
            onChange={(e) => setRulesText(e.target.value)}
          />
        </Field>
        {error && <ErrorNotice error={error} />}
        {preview && preview.draft === draftKey && (
          <div className="notice" role="status" data-testid="policy-preview">
            <p>
              {t('admin.policies.previewCount', {
                count: preview.result.nowAutoApproved,
                version: preview.result.version,
              })}
            </p>
            <ul>
              {preview.result.changes.map((c) => (
                <li key={c.refundRequestId}>
                  <span className="mono">{c.rmaNumber}</span> · {c.storeCode} ·{' '}
                  {formatAmount(c.amount, i18n.language)} · {t(`admin.policies.tiers.${c.from}`)} →{' '}
                  {t(`admin.policies.tiers.${c.to}`)}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="subform__actions">
          <button
            type="button"
            className="btn btn--secondary"
            disabled={!draft || busy}
            onClick={runPreview}
          >
            {t('admin.policies.preview')}
          </button>
          <button
            type="button"
            className="btn btn--primary"
            disabled={!draft || busy || preview?.draft !== draftKey}
            onClick={publish}
          >
            {t('admin.policies.publish')}
          </button>
        </div>
      </form>
    </Card>
  );
}
