import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnDetail } from '../../../shared/contracts';
import { useApi, useSignedIn } from '../../app/context';
import { useCall } from '../../app/useCall';
import { Card } from '../../components/Card';
import { attachPhotos, PhotoPicker, type PhotoDraft } from '../../components/PhotoPicker';

type Photo = ReturnDetail['photos'][number];

/** Photos of the return (thumbnails fetched one by one), and more from the inspection. */
export function PhotoPanel({ detail, onChanged }: { detail: ReturnDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { user } = useSignedIn();
  const [drafts, setDrafts] = useState<PhotoDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(0);
  const canAttach = user.permissions.includes('returns.create');

  const add = async (photos: PhotoDraft[]) => {
    const fresh = photos.filter((p) => !drafts.some((d) => d.id === p.id));
    setDrafts(photos);
    if (fresh.length === 0) return;
    setBusy(true);
    const count = await attachPhotos(api, detail.id, fresh, 'qc');
    setBusy(false);
    setFailed(count);
    setDrafts([]);
    onChanged();
  };

  return (
    <Card title={t('rma.photos')} testId="return-photos">
      {detail.photos.length === 0 ? (
        <p className="muted small">{t('rma.noPhotos')}</p>
      ) : (
        <ul className="thumbs">
          {detail.photos.map((photo, i) => (
            <li key={photo.id} className="thumbs__item">
              <Thumb photo={photo} n={i + 1} />
            </li>
          ))}
        </ul>
      )}
      {failed > 0 && (
        <p className="notice notice--error" role="alert">
          {t('rma.photosFailed', { count: failed })}
        </p>
      )}
      {canAttach && <PhotoPicker photos={drafts} onChange={(p) => void add(p)} disabled={busy} />}
    </Card>
  );
}

function Thumb({ photo, n }: { photo: Photo; n: number }) {
  const { t } = useTranslation();
  const image = useCall('photos.get', { photoId: photo.id });
  const stage = photo.stage === 'intake' || photo.stage === 'qc' ? photo.stage : null;
  const alt = t('rma.photoAlt', {
    n,
    stage: stage ? t(`rma.photoStage.${stage}`) : photo.stage,
  });
  if (image.status !== 'ok') return <span className="thumbs__placeholder" aria-label={alt} />;
  return (
    <img
      className="thumbs__img"
      src={`data:${image.data.mime};base64,${image.data.dataBase64}`}
      alt={alt}
    />
  );
}
