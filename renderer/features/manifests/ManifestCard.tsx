import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorBody, ManifestPendingLine } from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { CallView } from '../../components/CallView';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCodes } from '../../lib/codes';
import { formatNumber } from '../../lib/format';
import { newId } from '../../lib/ids';
import { useBlobUrl } from '../labels/pdf';
import { RETURN_TABLES } from '../sync/tables';

export const MANIFEST_PAPERS = ['A4', 'Letter'] as const;
type Paper = (typeof MANIFEST_PAPERS)[number];

interface Created {
  manifestId: string;
  pdfBase64: string;
  lineCount: number;
}

/**
 * The tote manifest: this store's lines going to the warehouse or a vendor and not yet in a
 * tote, each ticked unless unticked, and the manifest's PDF once made. Only for those who
 * print labels (the backend refuses the others anyway).
 */
export function ManifestCard() {
  const { user } = useSignedIn();
  return user.permissions.includes('labels.print') ? <ManifestCardBody /> : null;
}

function ManifestCardBody() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const codes = useCodes();
  const { device } = useSignedIn();
  const id = useId();
  const pending = useCall('manifests.pending', {}, { refreshOn: RETURN_TABLES });
  // Unticked lines: a line not seen before (a refresh) starts ticked.
  const [unticked, setUntick] = useState<ReadonlySet<string>>(new Set());
  const [paper, setPaper] = useState<Paper>('A4');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  // The idempotency key: kept for a retry of the same manifest, new for a different one.
  const request = useRef<{ key: string; id: string } | null>(null);
  const url = useBlobUrl(created?.pdfBase64 ?? null, 'application/pdf');

  const lines: ManifestPendingLine[] = pending.status === 'ok' ? pending.data.lines : [];
  const selected = lines.filter((l) => !unticked.has(l.returnLineId)).map((l) => l.returnLineId);

  const toggle = (lineId: string, ticked: boolean) =>
    setUntick((prev) => {
      const next = new Set(prev);
      if (ticked) next.delete(lineId);
      else next.add(lineId);
      return next;
    });

  const create = async () => {
    if (busy || selected.length === 0) return;
    const key = JSON.stringify([selected, paper]);
    if (request.current?.key !== key) request.current = { key, id: newId() };
    setBusy(true);
    setError(null);
    const answer = await api.call('manifests.create', {
      id: request.current.id,
      returnLineIds: selected,
      paper,
    });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    request.current = null;
    setCreated(answer.data);
    setUntick(new Set());
    pending.reload();
  };

  return (
    <Card title={t('manifests.title')} className="manifest-card" testId="manifest-card">
      <CallView state={pending} reload={pending.reload} timeZone={device.timeZone}>
        {({ lines: all }) =>
          all.length === 0 ? (
            <p className="muted">{t('manifests.empty')}</p>
          ) : (
            <>
              <p className="small muted">{t('manifests.intro')}</p>
              <ul className="manifest-lines" aria-label={t('manifests.lines')}>
                {all.map((line) => {
                  const boxId = `${id}-line-${line.returnLineId}`;
                  return (
                    <li
                      key={line.returnLineId}
                      className="check manifest-line"
                      data-testid="manifest-line"
                      data-line-id={line.returnLineId}
                    >
                      <input
                        id={boxId}
                        type="checkbox"
                        className="checkbox"
                        checked={!unticked.has(line.returnLineId)}
                        disabled={busy}
                        onChange={(e) => toggle(line.returnLineId, e.target.checked)}
                      />
                      <label htmlFor={boxId}>
                        <span className="mono">{line.rmaNumber}</span>{' '}
                        <span className="mono small">{line.sku}</span> {line.title}{' '}
                        <span className="small">
                          {t('manifests.quantity', {
                            quantity: formatNumber(line.quantity, i18n.language),
                          })}
                        </span>{' '}
                        <span className="small muted">{codes.disposition(line.disposition)}</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
              <div className="field field--row">
                <label htmlFor={`${id}-paper`} className="field__label">
                  {t('manifests.paper')}
                </label>
                <select
                  id={`${id}-paper`}
                  className="select"
                  value={paper}
                  disabled={busy}
                  onChange={(e) => setPaper(e.target.value as Paper)}
                >
                  {MANIFEST_PAPERS.map((p) => (
                    <option key={p} value={p}>
                      {t(`manifests.papers.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
              {selected.length === 0 && <p className="small muted">{t('manifests.noneTicked')}</p>}
              <button
                type="button"
                className="btn btn--primary"
                disabled={busy || selected.length === 0}
                onClick={() => void create()}
              >
                {busy ? t('manifests.creating') : t('manifests.create')}
              </button>
            </>
          )
        }
      </CallView>
      {error && <ErrorNotice error={error} timeZone={device.timeZone} />}
      {created && (
        <div className="manifest-created">
          <p className="notice notice--success" role="status">
            {t('manifests.created', {
              lines: formatNumber(created.lineCount, i18n.language),
            })}
          </p>
          {url && (
            <a
              className="btn btn--ghost btn--small"
              href={url}
              download={`manifest-${created.manifestId}.pdf`}
              data-testid="manifest-download"
            >
              {t('manifests.download')}
            </a>
          )}
        </div>
      )}
    </Card>
  );
}
