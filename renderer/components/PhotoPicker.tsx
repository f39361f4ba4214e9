import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_MAX_BYTES, type AppErrorBody } from '../../shared/contracts';
import type { Api } from '../api/client';
import { newId } from '../lib/ids';
import { CameraButton } from './CameraCapture';
import { ErrorNotice } from './ErrorNotice';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_TYPES)[number];

/** A photo chosen at the till, read into memory, not yet attached to a return. */
export interface PhotoDraft {
  /** The photo's id in `photos.attach`: a retry cannot attach it twice. */
  id: string;
  name: string;
  mime: PhotoMime;
  dataBase64: string;
  /** `data:` URL for the thumbnail (the CSP allows data: images). */
  dataUrl: string;
}

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Reads one chosen file; refuses what `photos.attach` would refuse, before sending it. */
export async function readPhoto(file: File): Promise<PhotoDraft | AppErrorBody> {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
    return { code: 'NOT_AN_IMAGE', message: file.name };
  }
  if (file.size > PHOTO_MAX_BYTES) {
    return { code: 'TOO_LARGE', message: file.name, details: { maxBytes: PHOTO_MAX_BYTES } };
  }
  try {
    const dataUrl = await readAsDataUrl(file);
    const comma = dataUrl.indexOf(',');
    return {
      id: newId(),
      name: file.name,
      mime: file.type as PhotoMime,
      dataBase64: dataUrl.slice(comma + 1),
      dataUrl,
    };
  } catch (err) {
    return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  }
}

/** Attaches photos to a return one by one; answers how many could not be attached. */
export async function attachPhotos(
  api: Api,
  returnId: string,
  photos: readonly PhotoDraft[],
  stage: 'intake' | 'qc',
): Promise<number> {
  let failed = 0;
  for (const photo of photos) {
    const answer = await api.call('photos.attach', {
      id: photo.id,
      returnId,
      stage,
      mime: photo.mime,
      dataBase64: photo.dataBase64,
    });
    // CONFLICT: the same photo is attached already (an earlier attempt got through).
    if (!answer.ok && answer.error.code !== 'CONFLICT') failed += 1;
  }
  return failed;
}

/**
 * A file picker for photos with thumbnails of what was chosen, and "Take photo" for the till's
 * camera (CameraCapture.tsx). On a tablet the file picker can open a camera too (`image/*`).
 */
export function PhotoPicker({
  photos,
  onChange,
  disabled,
  label,
}: {
  photos: PhotoDraft[];
  onChange: (photos: PhotoDraft[]) => void;
  disabled?: boolean;
  label?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<AppErrorBody | null>(null);

  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setError(null);
    const read = await Promise.all([...files].map(readPhoto));
    const good = read.filter((r): r is PhotoDraft => 'dataBase64' in r);
    const bad = read.find((r): r is AppErrorBody => 'code' in r);
    if (bad) setError(bad);
    onChange([...photos, ...good]);
  };

  return (
    <div className="photo-picker">
      <label htmlFor={id} className="field__label">
        {label ?? t('intake.addPhotos')}
      </label>
      <div className="photo-picker__sources">
        <input
          id={id}
          className="photo-picker__input"
          type="file"
          accept="image/*"
          multiple
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const input = e.currentTarget;
            void add(input.files).then(() => {
              input.value = '';
            });
          }}
        />
        <CameraButton
          disabled={disabled}
          photoName={t('camera.photoName', { n: photos.length + 1 })}
          onCapture={(photo) => {
            setError(null);
            onChange([...photos, photo]);
          }}
        />
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {t('intake.photoHint')}
      </p>
      {error && <ErrorNotice error={error} />}
      {photos.length > 0 && (
        <ul className="thumbs">
          {photos.map((p) => (
            <li key={p.id} className="thumbs__item">
              <img className="thumbs__img" src={p.dataUrl} alt={p.name} />
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-label={t('intake.removePhoto', { name: p.name })}
                disabled={disabled}
                onClick={() => onChange(photos.filter((x) => x.id !== p.id))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
