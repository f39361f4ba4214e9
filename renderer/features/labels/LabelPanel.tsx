import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, ReturnDetail } from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { newId } from '../../lib/ids';
import { useBlobUrl, useFrameBlocked } from './pdf';
import { ReasonField } from '../../components/ReasonField';
import { useReturnPrintJob } from '../printing/jobs';
import { PrintJobStatus } from '../printing/PrintJobView';

export const LABEL_SIZES = ['4x6', '62mm'] as const;
type LabelSize = (typeof LABEL_SIZES)[number];
export const MIN_REPRINT_REASON = 3;

type Preview =
  | { status: 'loading' }
  | { status: 'ok'; pdfBase64: string }
  | { status: 'error'; error: AppErrorBody };

/**
 * The RMA label: a preview of the PDF (re-rendered when the return changes, since the label
 * carries grade and destination), printing (audited; a second print needs a reason and says
 * REPRINT), and the print history. With a label printer set up for this till the print is
 * queued for it and its job shown live; without one the frame's print dialog opens.
 */
export function LabelPanel({
  detail,
  onChanged,
}: {
  detail: ReturnDetail;
  /** A print was recorded (the return's history changed). */
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { user, device } = useSignedIn();
  const id = useId();
  const [size, setSize] = useState<LabelSize>('4x6');
  const [preview, setPreview] = useState<Preview>({ status: 'loading' });
  const [reason, setReason] = useState('');
  const [askReason, setAskReason] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [printNow, setPrintNow] = useState(false);
  const printId = useRef(newId());
  const frame = useRef<HTMLIFrameElement>(null);
  const reasonField = useRef<HTMLInputElement>(null);
  const canPrint = user.permissions.includes('labels.print');
  const { job, offer } = useReturnPrintJob(detail.id, canPrint);
  const reprint = detail.labelPrints.length > 0 || askReason;
  // What the label shows besides fixed data: the grade and destination of each line.
  const labelContent = JSON.stringify(detail.lines.map((l) => [l.qc?.grade, l.disposition]));

  useEffect(() => {
    let cancelled = false;
    setPreview((p) => (p.status === 'ok' ? p : { status: 'loading' }));
    void api.call('labels.preview', { returnId: detail.id, size }).then((answer) => {
      if (cancelled) return;
      setPreview(
        answer.ok
          ? { status: 'ok', pdfBase64: answer.data.pdfBase64 }
          : { status: 'error', error: answer.error },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [api, detail.id, size, labelContent]);

  const url = useBlobUrl(preview.status === 'ok' ? preview.pdfBase64 : null, 'application/pdf');
  const frameBlocked = useFrameBlocked(url);

  const print = async () => {
    if (busy) return;
    if (reprint && reason.trim().length < MIN_REPRINT_REASON) {
      setAskReason(true);
      reasonField.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const answer = await api.call('labels.print', {
      id: printId.current,
      returnId: detail.id,
      size,
      ...(reprint ? { reason: reason.trim() } : {}),
    });
    setBusy(false);
    if (!answer.ok) {
      if (answer.error.code === 'REPRINT_REASON_REQUIRED') setAskReason(true);
      setError(answer.error);
      return;
    }
    printId.current = newId();
    setReason('');
    setAskReason(false);
    // Show what was printed (a reprint says so). The till's label printer has it queued;
    // without one, hand it to the frame's print dialog.
    setPreview({ status: 'ok', pdfBase64: answer.data.pdfBase64 });
    if (answer.data.printJob) offer(answer.data.printJob);
    else setPrintNow(true);
    onChanged();
  };

  const onFrameLoad = () => {
    if (!printNow) return;
    setPrintNow(false);
    try {
      frame.current?.contentWindow?.print();
    } catch {
      // The frame may not be printable here (browser mode); the download link remains.
    }
  };

  return (
    <Card title={t('labels.title')} testId="label-panel" className="label-panel">
      <div className="field field--row">
        <label htmlFor={`${id}-size`} className="field__label">
          {t('labels.size')}
        </label>
        <select
          id={`${id}-size`}
          className="select"
          value={size}
          onChange={(e) => setSize(e.target.value as LabelSize)}
        >
          {LABEL_SIZES.map((s) => (
            <option key={s} value={s}>
              {t(`labels.sizes.${s}`)}
            </option>
          ))}
        </select>
      </div>

      <div className={`label-preview label-preview--${size}`}>
        {preview.status === 'loading' && <Loading />}
        {preview.status === 'error' && <ErrorNotice error={preview.error} />}
        {preview.status === 'ok' &&
          (url && !frameBlocked ? (
            <iframe
              ref={frame}
              className="label-preview__frame"
              data-testid="label-preview"
              title={t('labels.preview')}
              src={url}
              onLoad={onFrameLoad}
            />
          ) : (
            <p className="muted" data-testid="label-preview">
              {t('labels.previewUnavailable')}
            </p>
          ))}
      </div>
      {url && (
        <a className="btn btn--ghost btn--small" href={url} download={`${detail.rmaNumber}.pdf`}>
          {t('labels.download')}
        </a>
      )}

      {canPrint && (
        <div className="label-print">
          {reprint && (
            <ReasonField
              label={t('labels.reprintReason')}
              hint={t('labels.reprintHint')}
              value={reason}
              onChange={setReason}
              disabled={busy}
              inputRef={reasonField}
            />
          )}
          {error && <ErrorNotice error={error} />}
          <button
            type="button"
            className="btn btn--secondary"
            disabled={busy}
            onClick={() => void print()}
          >
            {busy ? t('labels.printing') : t('labels.print')}
          </button>
          {job && <PrintJobStatus job={job} onChanged={offer} />}
        </div>
      )}

      <div className="label-history">
        {detail.labelPrints.length === 0 ? (
          <p className="muted small">{t('labels.notPrinted')}</p>
        ) : (
          <>
            <p className="small">{t('labels.printed', { count: detail.labelPrints.length })}</p>
            <ul className="label-history__list small muted">
              {detail.labelPrints.map((p) => {
                const time = formatDateTime(p.printedAt, i18n.language, device.timeZone);
                return (
                  <li key={p.id}>
                    {p.reprint
                      ? t('labels.reprintLine', { name: p.printedBy, time, reason: p.reason ?? '' })
                      : t('labels.printLine', {
                          size: LABEL_SIZES.includes(p.size as LabelSize)
                            ? t(`labels.sizes.${p.size as LabelSize}`)
                            : p.size,
                          name: p.printedBy,
                          time,
                        })}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
    </Card>
  );
}
