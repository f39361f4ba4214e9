import { PHOTO_MAX_BYTES } from '../../shared/contracts';

/**
 * The till's camera, without React: open a stream, choose among several cameras, turn one
 * frame into a JPEG small enough for `photos.attach`. The UI is CameraCapture.tsx.
 */

/** What we ask the camera for: about 1.2 MP, 4:3, never the microphone. */
export const CAMERA_CONSTRAINTS = {
  video: { width: { ideal: 1280 }, height: { ideal: 960 } },
  audio: false,
} as const satisfies MediaStreamConstraints;

/** The long side of a captured photo, at most (a label or a scratch is readable at this size). */
export const CAPTURE_MAX_SIDE = 1600;
/** JPEG quality of a capture; lowered step by step only if a photo would still be too large. */
export const CAPTURE_QUALITIES = [0.8, 0.65, 0.5] as const;

/** Where this till remembers the camera the clerk chose (one device id, nothing personal). */
export const CAMERA_STORAGE_KEY = 'returndesk.camera';

export type CameraProblem = 'noCamera' | 'denied' | 'busy' | 'failed';

/** Can this page use a camera at all (a secure context with `getUserMedia`)? */
export function cameraSupported(nav: Navigator | undefined = globalThis.navigator): boolean {
  return typeof nav?.mediaDevices?.getUserMedia === 'function';
}

/** The translated message for a failed `getUserMedia`, by the DOMException's name. */
export function cameraProblem(error: unknown): CameraProblem {
  const name =
    typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : '';
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'noCamera';
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/** The size a frame is drawn at: the long side at most `max`, never enlarged, aspect kept. */
export function fitWithin(
  width: number,
  height: number,
  max = CAPTURE_MAX_SIDE,
): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const scale = max / long;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

export interface CameraDevice {
  deviceId: string;
  label: string;
}

/** The cameras among `enumerateDevices()`' answer (those with an id: permission granted). */
export function videoInputs(devices: readonly MediaDeviceInfo[]): CameraDevice[] {
  return devices
    .filter((d) => d.kind === 'videoinput' && d.deviceId !== '')
    .map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

export function rememberedCamera(): string | null {
  try {
    return globalThis.localStorage?.getItem(CAMERA_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberCamera(deviceId: string): void {
  try {
    globalThis.localStorage?.setItem(CAMERA_STORAGE_KEY, deviceId);
  } catch {
    // Storage full or disabled: the camera is simply asked for again next time.
  }
}

/** Opens the camera (a chosen one exactly, else the default), video only. */
export function openCamera(
  deviceId: string | undefined,
  media: MediaDevices = navigator.mediaDevices,
): Promise<MediaStream> {
  const video = deviceId
    ? { ...CAMERA_CONSTRAINTS.video, deviceId: { exact: deviceId } }
    : CAMERA_CONSTRAINTS.video;
  return media.getUserMedia({ video, audio: false });
}

/** Turns the camera off: every track of the stream is stopped (the camera's light goes out). */
export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The id of the camera a stream comes from, if the browser says. */
export function streamCameraId(stream: MediaStream): string | undefined {
  return stream.getVideoTracks()[0]?.getSettings().deviceId;
}

function canvasBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

function blobDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

export interface CapturedJpeg {
  /** `data:image/jpeg;base64,…` for the confirmation and the thumbnail. */
  dataUrl: string;
  /** The same bytes as base64, without the `data:` prefix (what `photos.attach` takes). */
  dataBase64: string;
  sizeBytes: number;
  width: number;
  height: number;
}

/**
 * The video's current frame as a JPEG: scaled to `CAPTURE_MAX_SIDE`, quality 0.8 (lower only
 * if it would exceed the 5 MB limit). Null when the video has no frame yet or the browser
 * cannot encode one.
 */
export async function captureJpeg(
  video: HTMLVideoElement,
  canvas: HTMLCanvasElement = document.createElement('canvas'),
): Promise<CapturedJpeg | null> {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  const { width, height } = fitWithin(video.videoWidth, video.videoHeight);
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  for (const quality of CAPTURE_QUALITIES) {
    const blob = await canvasBlob(canvas, quality);
    if (!blob || blob.type !== 'image/jpeg') return null;
    if (blob.size > PHOTO_MAX_BYTES) continue;
    const dataUrl = await blobDataUrl(blob);
    return {
      dataUrl,
      dataBase64: dataUrl.slice(dataUrl.indexOf(',') + 1),
      sizeBytes: blob.size,
      width,
      height,
    };
  }
  return null;
}
