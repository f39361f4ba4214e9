import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody } from '../../../shared/contracts';
import {
  allowedDispositionsWith,
  isDefectCode,
  type Disposition,
} from '../../../shared/domain/returns';
import { useApi, useSignedIn } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCodes } from '../../lib/codes';
import { formatDateTime } from '../../lib/format';
import { isGrade, type ReturnLine } from './QcForm';

/** Where an inspected item may go: only what its grade (and defects) allow. */
export function dispositionsFor(line: ReturnLine): Disposition[] {
  const qc = line.qc;
  if (!qc || !isGrade(qc.grade)) return [];
  return allowedDispositionsWith(qc.grade, qc.defects.filter(isDefectCode));
}

/** The inspection as recorded: grade, defects, checklist, the serial check, notes. */
export function QcResult({ line }: { line: ReturnLine }) {
  const { t, i18n } = useTranslation();
  const { device } = useSignedIn();
  const codes = useCodes();
  const qc = line.qc;
  if (!qc) return null;
  const failed = line.checklist.filter((c) => qc.checklist[c.id] === false);
  const serialTone =
    qc.serialCheck === 'match' ? 'success' : qc.serialCheck === 'mismatch' ? 'error' : 'warning';
  return (
    <div className="qc-result" data-testid="qc-result">
      <p className="qc-result__grade">
        {t('inspection.grade')}: <strong data-grade={qc.grade}>{codes.grade(qc.grade)}</strong>
      </p>
      {qc.defects.length > 0 && (
        <p>
          {t('inspection.defects')}: {qc.defects.map((d) => codes.defect(d)).join(', ')}
        </p>
      )}
      {failed.length > 0 && (
        <ul className="qc-result__failed">
          {failed.map((c) => (
            <li key={c.id}>✕ {codes.check(c)}</li>
          ))}
        </ul>
      )}
      {line.hasSerial && (
        <p
          className={`notice notice--${serialTone}`}
          data-testid="serial-check"
          data-check={qc.serialCheck}
        >
          {t(
            `inspection.serial.${
              (['match', 'mismatch', 'missing', 'not_applicable'] as const).find(
                (c) => c === qc.serialCheck,
              ) ?? 'missing'
            }`,
          )}
          {qc.serialScanned && <span className="mono"> ({qc.serialScanned})</span>}
        </p>
      )}
      {qc.notes && <p className="muted">{qc.notes}</p>}
      <p className="muted small">
        {t('inspection.inspectedBy', {
          name: qc.inspectedBy,
          time: formatDateTime(qc.inspectedAt, i18n.language, device.timeZone),
        })}
      </p>
    </div>
  );
}

/** Choose the destination of an inspected item (`returns.dispose`). */
export function DispositionForm({ line, onSaved }: { line: ReturnLine; onSaved: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const codes = useCodes();
  const id = useId();
  const allowed = dispositionsFor(line);
  const [choice, setChoice] = useState<Disposition | ''>(allowed.length === 1 ? allowed[0]! : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || choice === '') return;
    setBusy(true);
    setError(null);
    const answer = await api.call('returns.dispose', {
      returnLineId: line.id,
      disposition: choice,
    });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    onSaved();
  };

  return (
    <form className="disposition" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-destination`} className="field__label">
          {t('inspection.destination')}
        </label>
        <select
          id={`${id}-destination`}
          className="select"
          value={choice}
          disabled={busy}
          onChange={(e) => setChoice(e.target.value as Disposition)}
        >
          <option value="" disabled>
            {t('inspection.chooseDestination')}
          </option>
          {allowed.map((d) => (
            <option key={d} value={d}>
              {codes.disposition(d)}
            </option>
          ))}
        </select>
      </div>
      <EnvironmentalNote line={line} disposition={choice} />
      {error && <ErrorNotice error={error} />}
      <button type="submit" className="btn btn--primary" disabled={busy || choice === ''}>
        {t('inspection.saveDestination')}
      </button>
    </form>
  );
}

/** WEEE / battery take-back: always named, and a warning when the item is to be scrapped. */
export function EnvironmentalNote({
  line,
  disposition,
}: {
  line: ReturnLine;
  disposition: string | null;
}) {
  const { t } = useTranslation();
  const codes = useCodes();
  if (line.environmentalTags.length === 0) return null;
  const tags = line.environmentalTags.map((tag) => codes.envTag(tag)).join(', ');
  return disposition === 'DESTROY_RECYCLE' ? (
    <p className="notice notice--warning" data-testid="env-tags">
      {t('inspection.recycleNote', { tags })}
    </p>
  ) : (
    <p className="env-tags" data-testid="env-tags">
      {line.environmentalTags.map((tag) => (
        <span key={tag} className="tag tag--env">
          {codes.envTag(tag)}
        </span>
      ))}
      <span className="visually-hidden">{t('inspection.tagsNote', { tags })}</span>
    </p>
  );
}
