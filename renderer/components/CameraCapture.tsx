import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../lib/ids';
import {
  cameraProblem,
  cameraSupported,
  captureJpeg,
  openCamera,
  rememberCamera,
  rememberedCamera,
  stopStream,
  streamCameraId,
  videoInputs,
  type CameraDevice,
  type CameraProblem,
  type CapturedJpeg,
} from './camera';
import { Modal } from './Modal';
import type { PhotoDraft } from './PhotoPicker';

type Problem = CameraProblem | 'captureFailed';

/**
 * "Take photo": opens the camera in a dialog. Shown only where the page can use a camera at
 * all; a missing, refused or busy camera is explained in the dialog, and the file picker next
 * to this button keeps working either way.
 */
export function CameraButton({
  onCapture,
  photoName,
  disabled,
}: {
  onCapture: (photo: PhotoDraft) => void;
  /** The new photo's name (its thumbnail's alt text before it is attached). */
  photoName: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!cameraSupported()) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn--secondary camera-open"
        data-testid="camera-open"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {t('camera.takePhoto')}
      </button>
      {open && (
        <CameraDialog
          photoName={photoName}
          onClose={() => setOpen(false)}
          onUse={(photo) => {
            setOpen(false);
            onCapture(photo);
          }}
        />
      )}
    </>
  );
}

/**
 * The camera dialog: live preview → Capture → the photo for confirmation → "Use photo" (or
 * "Retake"). The camera runs only while the dialog is open; closing it in any way (Use photo,
 * Cancel, Escape, the screen locking) stops every track.
 */
export function CameraDialog({
  photoName,
  onUse,
  onClose,
}: {
  photoName: string;
  onUse: (photo: PhotoDraft) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const selectId = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const captureRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  /** The camera asked for: the one chosen on this till before, else the system's default. */
  const [cameraId, setCameraId] = useState<string | undefined>(
    () => rememberedCamera() ?? undefined,
  );
  const [attempt, setAttempt] = useState(0);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  const [ready, setReady] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [shot, setShot] = useState<CapturedJpeg | null>(null);
  const [capturing, setCapturing] = useState(false);

  // Open the camera; whatever happens, the stream is stopped when the dialog goes or the
  // camera changes (also when it arrives after that).
  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | null = null;
    const media = navigator.mediaDevices;
    openCamera(cameraId, media).then(
      async (s) => {
        if (cancelled) {
          stopStream(s);
          return;
        }
        opened = s;
        setStream(s);
        // With the permission granted the cameras have ids and names: offer a choice.
        const list = await media.enumerateDevices().then(videoInputs, () => []);
        if (!cancelled) setCameras(list);
      },
      (err: unknown) => {
        if (cancelled) return;
        const kind = cameraProblem(err);
        // The camera chosen before is gone: try the default one instead.
        if (cameraId !== undefined && kind === 'noCamera') setCameraId(undefined);
        else setProblem(kind);
      },
    );
    return () => {
      cancelled = true;
      stopStream(opened);
    };
  }, [cameraId, attempt]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !stream) return;
    video.srcObject = stream;
    video.play().catch(() => {
      // autoPlay starts it anyway; a refused play() only delays the first frame.
    });
    return () => {
      video.srcObject = null;
    };
  }, [stream]);

  useEffect(() => {
    if (shot) confirmRef.current?.focus();
    else if (ready) captureRef.current?.focus();
  }, [ready, shot]);

  const restart = (nextCamera: string | undefined) => {
    setStream(null);
    setReady(false);
    setShot(null);
    setProblem(null);
    setCameraId(nextCamera);
    setAttempt((n) => n + 1);
  };

  const capture = async () => {
    const video = videoRef.current;
    if (!video || capturing) return;
    setCapturing(true);
    const jpeg = await captureJpeg(video).catch(() => null);
    setCapturing(false);
    if (jpeg) setShot(jpeg);
    else setProblem('captureFailed');
  };

  const use = () => {
    if (!shot) return;
    stopStream(stream);
    onUse({
      id: newId(),
      name: photoName,
      mime: 'image/jpeg',
      dataBase64: shot.dataBase64,
      dataUrl: shot.dataUrl,
    });
  };

  const current = (stream && streamCameraId(stream)) ?? cameraId ?? '';
  const failedToOpen = problem !== null && problem !== 'captureFailed';

  return (
    <Modal title={t('camera.title')} onClose={onClose} busy={capturing} testId="camera-dialog">
      <div className="camera">
        {cameras.length > 1 && !failedToOpen && (
          <div className="field camera__choose">
            <label htmlFor={selectId} className="field__label">
              {t('camera.camera')}
            </label>
            <select
              id={selectId}
              className="select"
              value={current}
              disabled={capturing}
              onChange={(e) => {
                rememberCamera(e.target.value);
                restart(e.target.value);
              }}
            >
              {cameras.map((c, i) => (
                <option key={c.deviceId} value={c.deviceId}>
                  {c.label || t('camera.unnamed', { n: i + 1 })}
                </option>
              ))}
            </select>
          </div>
        )}

        {failedToOpen ? (
          <div
            className="notice notice--error camera__problem"
            role="alert"
            data-testid="camera-error"
            data-problem={problem}
          >
            <p className="notice__headline">{t(`camera.errors.${problem}`)}</p>
            <p className="notice__line">{t('camera.fileStillWorks')}</p>
          </div>
        ) : (
          <div className="camera__stage">
            <video
              ref={videoRef}
              className="camera__video"
              data-testid="camera-video"
              aria-label={t('camera.preview')}
              hidden={shot !== null}
              autoPlay
              muted
              playsInline
              onLoadedData={() => setReady(true)}
            />
            {!ready && !shot && (
              <p className="camera__status muted" aria-live="polite">
                {t('camera.starting')}
              </p>
            )}
            {shot && (
              <figure className="camera__review">
                <img
                  className="camera__shot"
                  src={shot.dataUrl}
                  alt={t('camera.shotAlt')}
                  data-testid="camera-shot"
                />
                <figcaption className="field__hint">
                  {t('camera.review')}{' '}
                  {t('camera.shotInfo', {
                    width: shot.width,
                    height: shot.height,
                    kb: Math.ceil(shot.sizeBytes / 1024),
                  })}
                </figcaption>
              </figure>
            )}
          </div>
        )}
        {problem === 'captureFailed' && (
          <p className="notice notice--error" role="alert" data-testid="camera-error">
            {t('camera.errors.captureFailed')}
          </p>
        )}

        <div className="modal__actions">
          <button type="button" className="btn btn--ghost" disabled={capturing} onClick={onClose}>
            {t('app.cancel')}
          </button>
          {failedToOpen && (
            <button type="button" className="btn btn--secondary" onClick={() => restart(cameraId)}>
              {t('app.retry')}
            </button>
          )}
          {!failedToOpen && shot === null && (
            <button
              ref={captureRef}
              type="button"
              className="btn btn--primary"
              data-testid="camera-capture"
              disabled={!ready || capturing}
              onClick={() => void capture()}
            >
              {t('camera.capture')}
            </button>
          )}
          {shot !== null && (
            <>
              <button
                type="button"
                className="btn btn--secondary"
                data-testid="camera-retake"
                onClick={() => {
                  setShot(null);
                  setProblem(null);
                }}
              >
                {t('camera.retake')}
              </button>
              <button
                ref={confirmRef}
                type="button"
                className="btn btn--primary"
                data-testid="camera-use"
                onClick={use}
              >
                {t('camera.usePhoto')}
              </button>
            </>
          )}
        </div>
      </div>
    </Modal>
  );
}
