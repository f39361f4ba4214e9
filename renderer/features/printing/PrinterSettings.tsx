import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AppErrorBody,
  CallOutput,
  PrintKind,
  PrinterConfig,
  PrinterTarget,
} from '../../../shared/contracts';
import { PRINT_KINDS } from '../../../shared/contracts/printing';
import { useApi, useSignedIn } from '../../app/context';
import { useCall, type CallState } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import {
  describeTarget,
  dpiOf,
  draftFrom,
  fieldOfIssue,
  LABEL_SIZES,
  sameTarget,
  targetFrom,
  ZPL_DPMM,
  type Choice,
  type Dpmm,
  type DraftField,
  type DraftProblems,
  type LabelSize,
  type PrinterDraft,
} from './targets';

type PrinterList = CallOutput<'printers.list'>;

/** This till's printer per kind of print (`printers.getConfig`), each with its own form. */
export function PrinterSettings() {
  const { t } = useTranslation();
  const { device } = useSignedIn();
  const config = useCall('printers.getConfig', {});
  return (
    <Card
      title={t('printing.settingsTitle', { device: device.code })}
      className="card--wide"
      testId="printer-settings"
    >
      <p className="muted">{t('printing.settingsIntro')}</p>
      <CallView state={config} reload={config.reload} timeZone={device.timeZone}>
        {(data) => <PrinterForms initial={data} />}
      </CallView>
    </Card>
  );
}

function PrinterForms({ initial }: { initial: PrinterConfig }) {
  const [config, setConfig] = useState(initial);
  // OS printers exist only in the desktop app; browser mode is not even asked.
  const printers = useCall('printers.list', config.systemPrintingAvailable ? {} : null);
  return (
    <div className="printer-forms">
      {PRINT_KINDS.map((kind) => (
        <PrinterForm
          key={kind}
          kind={kind}
          saved={config.targets[kind]}
          systemAvailable={config.systemPrintingAvailable}
          printers={config.systemPrintingAvailable ? printers : null}
          onSaved={setConfig}
        />
      ))}
    </div>
  );
}

type FieldErrors = Partial<Record<DraftField, string>>;

function PrinterForm({
  kind,
  saved,
  systemAvailable,
  printers,
  onSaved,
}: {
  kind: PrintKind;
  saved: PrinterTarget | null;
  systemAvailable: boolean;
  printers: (CallState<PrinterList> & { reload: () => void }) | null;
  onSaved: (config: PrinterConfig) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { device } = useSignedIn();
  const id = useId();
  const [draft, setDraft] = useState<PrinterDraft>(() => draftFrom(saved));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const checked = targetFrom(draft);
  const unchanged = 'target' in checked && sameTarget(checked.target, saved);
  // A till's OS printer chosen in the desktop app stays visible (and savable as none) here.
  const choices: Choice[] =
    systemAvailable || saved?.kind === 'system' ? ['none', 'zpl', 'system'] : ['none', 'zpl'];

  const change = (patch: Partial<PrinterDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSavedAt(null);
  };

  const problemText = (field: DraftField) =>
    `${t('errors.INVALID_INPUT')} ${t(`printing.invalid.${field}`)}`;

  const showProblems = (problems: DraftProblems) => {
    const errors: FieldErrors = {};
    for (const field of Object.keys(problems) as DraftField[]) errors[field] = problemText(field);
    setFieldErrors(errors);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setSavedAt(null);
    if ('problems' in checked) {
      showProblems(checked.problems);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    const answer = await api.call('printers.setConfig', { kind, target: checked.target });
    setBusy(false);
    if (!answer.ok) {
      const fields = invalidFields(answer.error);
      if (fields.length > 0) showProblems(Object.fromEntries(fields.map((f) => [f, true])));
      else setError(answer.error);
      return;
    }
    onSaved(answer.data);
    setDraft(draftFrom(answer.data.targets[kind]));
    setSavedAt(new Date().toISOString());
  };

  const fieldProps = (field: DraftField, hint = true) => {
    const describedBy = [
      hint ? `${id}-${field}-hint` : '',
      fieldErrors[field] ? `${id}-${field}-error` : '',
    ].filter(Boolean);
    return {
      id: `${id}-${field}`,
      'aria-invalid': fieldErrors[field] ? true : undefined,
      'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
    };
  };
  const fieldError = (field: DraftField) =>
    fieldErrors[field] && (
      <p id={`${id}-${field}-error`} className="field__error" role="alert">
        {fieldErrors[field]}
      </p>
    );

  return (
    <form
      className="printer-form"
      data-testid={`printer-form-${kind}`}
      aria-labelledby={`${id}-legend`}
      onSubmit={submit}
      noValidate
    >
      <fieldset className="fieldset printer-form__choices" disabled={busy}>
        <legend id={`${id}-legend`} className="field__label printer-form__legend">
          {t(`printing.kinds.${kind}`)}
        </legend>
        <p className="small muted" data-testid="printer-current">
          {saved
            ? t('printing.current', {
                printer: describeTarget(t, saved),
                size: t(`labels.sizes.${saved.size}`),
              })
            : t('printing.currentNone')}
        </p>
        {choices.map((choice) => (
          <div className="check" key={choice}>
            <input
              type="radio"
              className="radio"
              id={`${id}-choice-${choice}`}
              name={`${id}-choice`}
              value={choice}
              checked={draft.choice === choice}
              onChange={() => {
                change({ choice });
                setFieldErrors({});
              }}
            />
            <label htmlFor={`${id}-choice-${choice}`}>{t(`printing.choice.${choice}`)}</label>
          </div>
        ))}
      </fieldset>

      {draft.choice === 'zpl' && (
        <div className="printer-form__fields">
          <div className="field printer-form__host">
            <label htmlFor={`${id}-host`} className="field__label">
              {t('printing.host')}
            </label>
            <input
              {...fieldProps('host')}
              className={`input mono ${fieldErrors.host ? 'input--invalid' : ''}`}
              autoComplete="off"
              spellCheck={false}
              maxLength={253}
              value={draft.host}
              disabled={busy}
              onChange={(e) => change({ host: e.target.value })}
            />
            <p id={`${id}-host-hint`} className="field__hint">
              {t('printing.hostHint')}
            </p>
            {fieldError('host')}
          </div>
          <div className="field printer-form__port">
            <label htmlFor={`${id}-port`} className="field__label">
              {t('printing.port')}
            </label>
            <input
              {...fieldProps('port')}
              className={`input input--number ${fieldErrors.port ? 'input--invalid' : ''}`}
              inputMode="numeric"
              value={draft.port}
              disabled={busy}
              onChange={(e) => change({ port: e.target.value })}
            />
            <p id={`${id}-port-hint`} className="field__hint">
              {t('printing.portHint')}
            </p>
            {fieldError('port')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-dpmm`} className="field__label">
              {t('printing.dpmm')}
            </label>
            <select
              id={`${id}-dpmm`}
              className="select"
              value={draft.dpmm}
              disabled={busy}
              onChange={(e) => change({ dpmm: Number(e.target.value) as Dpmm })}
            >
              {ZPL_DPMM.map((dpmm) => (
                <option key={dpmm} value={dpmm}>
                  {t('printing.dpmmOption', { dpmm, dpi: dpiOf(dpmm) })}
                </option>
              ))}
            </select>
          </div>
          <SizeSelect
            id={`${id}-zpl-size`}
            value={draft.zplSize}
            disabled={busy}
            onChange={(zplSize) => change({ zplSize })}
          />
        </div>
      )}

      {draft.choice === 'system' && (
        <div className="printer-form__fields">
          {!systemAvailable || printers === null ? (
            <p className="notice notice--warning">{t('printing.systemUnavailable')}</p>
          ) : (
            <CallView state={printers} reload={printers.reload} timeZone={device.timeZone}>
              {(list) =>
                list.printers.length === 0 ? (
                  <p className="notice notice--warning">{t('printing.noSystemPrinters')}</p>
                ) : (
                  <div className="field">
                    <label htmlFor={`${id}-printerName`} className="field__label">
                      {t('printing.systemPrinter')}
                    </label>
                    <select
                      {...fieldProps('printerName', false)}
                      className={`select ${fieldErrors.printerName ? 'input--invalid' : ''}`}
                      value={draft.printerName}
                      disabled={busy}
                      onChange={(e) => change({ printerName: e.target.value })}
                    >
                      <option value="">{t('printing.choosePrinter')}</option>
                      {/* A printer chosen before but gone from this computer stays listed. */}
                      {draft.printerName &&
                        !list.printers.some((p) => p.name === draft.printerName) && (
                          <option value={draft.printerName}>{draft.printerName}</option>
                        )}
                      {list.printers.map((p) => (
                        <option key={p.name} value={p.name}>
                          {p.isDefault
                            ? t('printing.defaultPrinter', { name: p.displayName || p.name })
                            : p.displayName || p.name}
                        </option>
                      ))}
                    </select>
                    {fieldError('printerName')}
                  </div>
                )
              }
            </CallView>
          )}
          <SizeSelect
            id={`${id}-system-size`}
            value={draft.systemSize}
            disabled={busy}
            onChange={(systemSize) => change({ systemSize })}
          />
        </div>
      )}

      {error && <ErrorNotice error={error} timeZone={device.timeZone} />}
      {savedAt && (
        <p role="status" className="notice notice--success">
          {t('printing.saved', { time: formatDateTime(savedAt, i18n.language, device.timeZone) })}
        </p>
      )}
      <button type="submit" className="btn btn--primary" disabled={busy || unchanged}>
        {busy ? t('printing.saving') : t('printing.save')}
      </button>
    </form>
  );
}

/** The INVALID_INPUT issues that name one of the form's fields. */
function invalidFields(error: AppErrorBody): DraftField[] {
  if (error.code !== 'INVALID_INPUT') return [];
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  const fields = new Set<DraftField>();
  for (const issue of issues) {
    const path = (issue as { path?: unknown } | null)?.path;
    const field = typeof path === 'string' ? fieldOfIssue(path) : null;
    if (field) fields.add(field);
  }
  return [...fields];
}

function SizeSelect({
  id,
  value,
  disabled,
  onChange,
}: {
  id: string;
  value: LabelSize;
  disabled: boolean;
  onChange: (size: LabelSize) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {t('printing.size')}
      </label>
      <select
        id={id}
        className="select"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as LabelSize)}
      >
        {LABEL_SIZES.map((size) => (
          <option key={size} value={size}>
            {t(`labels.sizes.${size}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
