import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, ReturnDetail } from '../../../shared/contracts';
import {
  bestGradeAllowed,
  CONDITION_GRADES,
  defectsFor,
  gradeRank,
  isDefectCode,
  type ConditionGrade,
  type DefectCode,
} from '../../../shared/domain/returns';
import { useApi } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCodes } from '../../lib/codes';
import { newId } from '../../lib/ids';

export type ReturnLine = ReturnDetail['lines'][number];

export function isGrade(value: string): value is ConditionGrade {
  return (CONDITION_GRADES as readonly string[]).includes(value);
}

/** The grade cannot be better than the defects allow; a better one is lowered to the cap. */
export function cappedGrade(
  grade: ConditionGrade | '',
  category: string,
  defects: readonly DefectCode[],
): ConditionGrade | '' {
  if (grade === '') return '';
  const best = bestGradeAllowed(category, defects);
  return gradeRank(grade) < gradeRank(best) ? best : grade;
}

/**
 * Inspection of one returned line (`qc.record`): the category's checklist, defects, grade,
 * the serial number when the product has one, and notes. Saving again corrects the latest
 * inspection (insert-only: the new one supersedes it).
 */
export function QcForm({
  line,
  onSaved,
  onCancel,
}: {
  line: ReturnLine;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const codes = useCodes();
  const id = useId();
  const previous = line.qc;
  const [checklist, setChecklist] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(line.checklist.map((c) => [c.id, previous?.checklist[c.id] ?? false])),
  );
  const [defects, setDefects] = useState<DefectCode[]>(
    () => previous?.defects.filter(isDefectCode) ?? [],
  );
  const [grade, setGrade] = useState<ConditionGrade | ''>(() =>
    previous && isGrade(previous.grade) ? previous.grade : '',
  );
  const [serial, setSerial] = useState(previous?.serialScanned ?? '');
  const [notes, setNotes] = useState(previous?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const inspectionId = useRef(newId());
  const offered = defectsFor(line.category);
  const best = bestGradeAllowed(line.category, defects);

  const toggleDefect = (code: DefectCode, on: boolean) => {
    const next = on ? [...defects, code] : defects.filter((d) => d !== code);
    setDefects(next);
    setGrade((g) => cappedGrade(g, line.category, next));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || grade === '') return;
    setBusy(true);
    setError(null);
    const answer = await api.call('qc.record', {
      id: inspectionId.current,
      returnLineId: line.id,
      grade,
      defects,
      checklist,
      serialScanned: line.hasSerial && serial.trim() !== '' ? serial.trim() : null,
      notes: notes.trim(),
      ...(previous ? { supersedesId: previous.id } : {}),
    });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    inspectionId.current = newId();
    onSaved();
  };

  return (
    <form
      className="qc-form"
      onSubmit={submit}
      noValidate
      aria-label={t('inspection.title')}
      data-testid="qc-form"
    >
      {line.checklist.length > 0 && (
        <fieldset className="fieldset">
          <legend className="field__label">{t('inspection.checklist')}</legend>
          <div className="check-grid">
            {line.checklist.map((item) => (
              <div key={item.id} className="check">
                <input
                  id={`${id}-check-${item.id}`}
                  type="checkbox"
                  className="checkbox"
                  checked={checklist[item.id] ?? false}
                  disabled={busy}
                  onChange={(e) => setChecklist((c) => ({ ...c, [item.id]: e.target.checked }))}
                />
                <label htmlFor={`${id}-check-${item.id}`}>{codes.check(item)}</label>
              </div>
            ))}
          </div>
        </fieldset>
      )}

      {offered.length > 0 && (
        <fieldset className="fieldset">
          <legend className="field__label">{t('inspection.defects')}</legend>
          <div className="check-grid">
            {offered.map((code) => (
              <div key={code} className="check">
                <input
                  id={`${id}-defect-${code}`}
                  type="checkbox"
                  className="checkbox"
                  checked={defects.includes(code)}
                  disabled={busy}
                  onChange={(e) => toggleDefect(code, e.target.checked)}
                />
                <label htmlFor={`${id}-defect-${code}`}>{codes.defect(code)}</label>
              </div>
            ))}
          </div>
        </fieldset>
      )}

      <div className="qc-form__row">
        <div className="field">
          <label htmlFor={`${id}-grade`} className="field__label">
            {t('inspection.grade')}
          </label>
          <select
            id={`${id}-grade`}
            className="select"
            value={grade}
            disabled={busy}
            aria-describedby={defects.length > 0 ? `${id}-grade-hint` : undefined}
            onChange={(e) => setGrade(e.target.value as ConditionGrade)}
          >
            <option value="" disabled>
              {t('inspection.chooseGrade')}
            </option>
            {CONDITION_GRADES.map((g) => (
              <option key={g} value={g} disabled={gradeRank(g) < gradeRank(best)}>
                {codes.grade(g)}
              </option>
            ))}
          </select>
          {defects.length > 0 && (
            <p id={`${id}-grade-hint`} className="field__hint">
              {t('inspection.bestAllowed', { grade: codes.grade(best) })}
            </p>
          )}
        </div>

        {line.hasSerial && (
          <div className="field">
            <label htmlFor={`${id}-serial`} className="field__label">
              {t('inspection.serialNumber')}
            </label>
            <input
              id={`${id}-serial`}
              className="input mono"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={64}
              value={serial}
              disabled={busy}
              aria-describedby={`${id}-serial-hint`}
              onChange={(e) => setSerial(e.target.value)}
            />
            <p id={`${id}-serial-hint`} className="field__hint">
              {t('inspection.serialHint')}
            </p>
          </div>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${id}-notes`} className="field__label">
          {t('inspection.notes')}
        </label>
        <textarea
          id={`${id}-notes`}
          className="input textarea"
          rows={2}
          maxLength={2000}
          value={notes}
          disabled={busy}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>

      {error && <ErrorNotice error={error} />}
      <div className="subform__actions">
        <button type="submit" className="btn btn--primary" disabled={busy || grade === ''}>
          {busy ? t('inspection.saving') : t('inspection.save')}
        </button>
        {onCancel && (
          <button type="button" className="btn btn--secondary" disabled={busy} onClick={onCancel}>
            {t('app.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
