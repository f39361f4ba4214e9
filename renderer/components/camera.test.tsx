// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { useState } from 'react';
import { createI18n } from '../../shared/i18n';
import type * as cameraModule from './camera';
import { CAMERA_STORAGE_KEY, cameraProblem, fitWithin, videoInputs } from './camera';
import { PhotoPicker, type PhotoDraft } from './PhotoPicker';

vi.mock('./camera', async (importOriginal) => ({
  ...(await importOriginal<typeof cameraModule>()),
  // jsdom has no canvas: the frame → JPEG step is proven in the browser (tests/e2e/camera.e2e.ts).
  captureJpeg: vi.fn(async () => ({
    dataUrl: 'data:image/jpeg;base64,/9j/4AAQ',
    dataBase64: '/9j/4AAQ',
    sizeBytes: 6,
    width: 1280,
    height: 960,
  })),
}));

interface FakeTrack {
  stop: ReturnType<typeof vi.fn>;
  getSettings: () => { deviceId: string };
}

function fakeStream(deviceId: string) {
  const track: FakeTrack = { stop: vi.fn(), getSettings: () => ({ deviceId }) };
  return { track, stream: { getTracks: () => [track], getVideoTracks: () => [track] } };
}

const device = (kind: string, deviceId: string, label: string) =>
  ({ kind, deviceId, label, groupId: 'g' }) as MediaDeviceInfo;

let streams: ReturnType<typeof fakeStream>[];
let getUserMedia: ReturnType<typeof vi.fn>;

function installMedia(fail?: string) {
  streams = [];
  getUserMedia = vi.fn(async (constraints: MediaStreamConstraints) => {
    if (fail) throw new DOMException('refused', fail);
    const video = constraints.video as { deviceId?: { exact: string } };
    const made = fakeStream(video.deviceId?.exact ?? 'cam-front');
    streams.push(made);
    return made.stream;
  });
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia,
      enumerateDevices: vi.fn(async () => [
        device('audioinput', 'mic-1', 'Microphone'),
        device('videoinput', 'cam-front', 'Front camera'),
        device('videoinput', 'cam-desk', 'Desk camera'),
      ]),
    },
  });
}

function Picker({ onChange }: { onChange: (photos: PhotoDraft[]) => void }) {
  const [photos, setPhotos] = useState<PhotoDraft[]>([]);
  return (
    <PhotoPicker
      photos={photos}
      onChange={(p) => {
        setPhotos(p);
        onChange(p);
      }}
    />
  );
}

function renderPicker(language = 'en') {
  const onChange = vi.fn();
  const i18n = createI18n(language, { react: { useSuspense: false } });
  render(
    <I18nextProvider i18n={i18n}>
      <Picker onChange={onChange} />
    </I18nextProvider>,
  );
  return onChange;
}

/** The dialog, once the camera's first frame is there. */
async function openCamera() {
  fireEvent.click(screen.getByRole('button', { name: 'Take photo' }));
  const dialog = await screen.findByRole('dialog', { name: 'Take a photo' });
  await waitFor(() => expect(streams.length).toBeGreaterThan(0));
  fireEvent.loadedData(within(dialog).getByTestId('camera-video'));
  return dialog;
}

beforeEach(() => {
  localStorage.clear();
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

describe('camera helpers', () => {
  it('keeps the long side at 1600 px at most, never enlarging, aspect kept', () => {
    expect(fitWithin(1280, 960)).toEqual({ width: 1280, height: 960 });
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(1080, 1920)).toEqual({ width: 900, height: 1600 });
    expect(fitWithin(1600, 1600)).toEqual({ width: 1600, height: 1600 });
  });

  it('names what went wrong by the DOMException', () => {
    expect(cameraProblem(new DOMException('', 'NotFoundError'))).toBe('noCamera');
    expect(cameraProblem(new DOMException('', 'OverconstrainedError'))).toBe('noCamera');
    expect(cameraProblem(new DOMException('', 'NotAllowedError'))).toBe('denied');
    expect(cameraProblem(new DOMException('', 'SecurityError'))).toBe('denied');
    expect(cameraProblem(new DOMException('', 'NotReadableError'))).toBe('busy');
    expect(cameraProblem(new Error('boom'))).toBe('failed');
    expect(cameraProblem(undefined)).toBe('failed');
  });

  it('lists only cameras the page may name', () => {
    expect(
      videoInputs([
        device('videoinput', '', ''),
        device('audioinput', 'mic', 'Mic'),
        device('videoinput', 'cam', 'Cam'),
      ]),
    ).toEqual([{ deviceId: 'cam', label: 'Cam' }]);
  });
});

describe('Take photo', () => {
  it('is not offered where the page cannot use a camera; the file picker stays', () => {
    renderPicker();
    expect(screen.queryByRole('button', { name: 'Take photo' })).toBeNull();
    expect(screen.getByLabelText('Add photos')).toBeTruthy();
  });

  it('previews, captures, asks for confirmation, hands over a JPEG and turns the camera off', async () => {
    installMedia();
    const onChange = renderPicker();
    const dialog = await openCamera();
    expect(getUserMedia).toHaveBeenCalledWith({
      video: { width: { ideal: 1280 }, height: { ideal: 960 } },
      audio: false,
    });

    fireEvent.click(await within(dialog).findByRole('button', { name: 'Capture' }));
    const shot = await within(dialog).findByRole('img', { name: 'The photo just taken' });
    expect(shot.getAttribute('src')).toBe('data:image/jpeg;base64,/9j/4AAQ');
    expect(within(dialog).getByText(/1280 × 960 pixels/)).toBeTruthy();
    // Retake goes back to the live picture without reopening the camera.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retake' }));
    expect(within(dialog).queryByRole('img', { name: 'The photo just taken' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Capture' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Use photo' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(streams[0]!.track.stop).toHaveBeenCalled();
    expect(onChange).toHaveBeenCalledWith([
      expect.objectContaining({
        name: 'Camera photo 1',
        mime: 'image/jpeg',
        dataBase64: '/9j/4AAQ',
        dataUrl: 'data:image/jpeg;base64,/9j/4AAQ',
      }),
    ]);
    // The thumbnail, as for a chosen file.
    expect(screen.getByRole('img', { name: 'Camera photo 1' })).toBeTruthy();
  });

  it('offers a choice of cameras, remembers it, and opens the chosen one exactly', async () => {
    installMedia();
    renderPicker();
    const dialog = await openCamera();
    const choice = (await within(dialog).findByLabelText('Camera')) as HTMLSelectElement;
    expect([...choice.options].map((o) => o.textContent)).toEqual(['Front camera', 'Desk camera']);
    expect(choice.value).toBe('cam-front');

    fireEvent.change(choice, { target: { value: 'cam-desk' } });
    await waitFor(() => expect(streams).toHaveLength(2));
    expect(streams[0]!.track.stop).toHaveBeenCalled();
    expect(getUserMedia).toHaveBeenLastCalledWith({
      video: { width: { ideal: 1280 }, height: { ideal: 960 }, deviceId: { exact: 'cam-desk' } },
      audio: false,
    });
    expect(localStorage.getItem(CAMERA_STORAGE_KEY)).toBe('cam-desk');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(streams[1]!.track.stop).toHaveBeenCalled();
  });

  it.each([
    ['NotAllowedError', 'Access to the camera was denied.'],
    ['NotFoundError', 'No camera was found on this till.'],
    ['NotReadableError', 'The camera is in use by another program or is not working.'],
  ])('explains %s and leaves the file picker usable', async (name, text) => {
    installMedia(name);
    renderPicker();
    fireEvent.click(screen.getByRole('button', { name: 'Take photo' }));
    const alert = await screen.findByTestId('camera-error');
    expect(alert.textContent).toContain(text);
    expect(alert.textContent).toContain('You can still add photos from a file.');
    expect(screen.queryByRole('button', { name: 'Capture' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((screen.getByLabelText('Add photos') as HTMLInputElement).disabled).toBe(false);
  });

  it('falls back to the default camera when the remembered one is gone', async () => {
    installMedia();
    localStorage.setItem(CAMERA_STORAGE_KEY, 'unplugged');
    const first = getUserMedia.getMockImplementation()!;
    getUserMedia.mockImplementationOnce(async () => {
      throw new DOMException('gone', 'OverconstrainedError');
    });
    getUserMedia.mockImplementation(first);
    renderPicker();
    await openCamera();
    expect(getUserMedia).toHaveBeenCalledTimes(2);
    expect(getUserMedia).toHaveBeenLastCalledWith({
      video: { width: { ideal: 1280 }, height: { ideal: 960 } },
      audio: false,
    });
    expect(screen.queryByTestId('camera-error')).toBeNull();
  });

  it('speaks Chinese', async () => {
    installMedia('NotAllowedError');
    renderPicker('zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '拍照' }));
    expect((await screen.findByTestId('camera-error')).textContent).toContain('摄像头访问被拒绝');
  });
});
