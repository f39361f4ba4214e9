import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { wrapClient } from '../../db/client';
import { verifyAuditChain } from '../../db/repositories/audit';
import { PHOTO_MAX_BYTES } from '../../shared/contracts';
import { expect, signIn, test } from './fixtures';
import { counterWithOrders, readDb, scan, type Running } from './counter-helpers';
import config from './playwright.config';

/**
 * "Take photo" with a camera: Chromium's fake camera (a moving test pattern) and its fake
 * permission prompt (always yes), only for this file. The photo must reach the database as a
 * JPEG whose stored hash is the hash of its bytes, audited, and the camera must be off after.
 */
const sharedLaunch = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...sharedLaunch,
    args: [
      ...(sharedLaunch.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

const AT_THE_COUNTER = '111-1111111-0000101';
const AT_INTAKE = '111-1111111-0000102';

interface PhotoRow {
  id: string;
  stage: string;
  mime: string;
  sha256: string;
  bytes: Buffer;
  size_bytes: number;
}

/** A JPEG's width and height, from its first start-of-frame marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** Every camera stream the page opens, so the test can see that all of them were stopped. */
async function watchCameras(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { constraints: MediaStreamConstraints; stream: MediaStream }[] = [];
    (window as unknown as { __cameras: typeof seen }).__cameras = seen;
    const media = navigator.mediaDevices;
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      const stream = await original(constraints);
      seen.push({ constraints: constraints ?? {}, stream });
      return stream;
    };
  });
}

async function cameraTracks(page: Page) {
  return page.evaluate(() =>
    (
      window as unknown as {
        __cameras: { constraints: MediaStreamConstraints; stream: MediaStream }[];
      }
    ).__cameras.map((c) => ({
      audio: c.constraints.audio,
      tracks: c.stream.getTracks().map((t) => ({ kind: t.kind, state: t.readyState })),
    })),
  );
}

/** The camera dialog: wait for a live picture, capture, check the shot, use it. */
async function takePhoto(page: Page): Promise<void> {
  const dialog = page.getByTestId('camera-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Take a photo' })).toBeVisible();
  const capture = dialog.getByRole('button', { name: 'Capture' });
  await expect(capture).toBeEnabled();
  await capture.click();
  const shot = dialog.getByTestId('camera-shot');
  await expect(shot).toBeVisible();
  await expect(shot).toHaveAttribute('src', /^data:image\/jpeg;base64,\/9j\//);
  await dialog.getByRole('button', { name: 'Use photo' }).click();
  await expect(dialog).toHaveCount(0);
}

function expectStoredJpeg(row: PhotoRow): void {
  expect(row.mime).toBe('image/jpeg');
  expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(createHash('sha256').update(row.bytes).digest('hex')).toBe(row.sha256);
  expect(row.size_bytes).toBe(row.bytes.length);
  expect(row.size_bytes).toBeLessThan(PHOTO_MAX_BYTES);
  expect([...row.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  const size = jpegSize(row.bytes);
  expect(size).not.toBeNull();
  expect(Math.max(size!.width, size!.height)).toBeLessThanOrEqual(1600);
  expect(Math.min(size!.width, size!.height)).toBeGreaterThan(0);
}

test.describe('photos from the till camera', () => {
  test.describe.configure({ mode: 'serial' });
  let ny: Running;

  test.beforeAll(async () => {
    const line = {
      sku: 'VOL-CABLE-USB',
      title: 'Voltra USB-C Cable 2 m',
      category: 'electronics',
      quantity: 1,
      unitPriceMinor: 1599,
      itemTaxMinor: 128,
    };
    ny = await counterWithOrders('NY01', [
      {
        amazonOrderId: AT_THE_COUNTER,
        marketplace: 'US',
        deliveredDaysAgo: 2,
        buyerName: 'Riley Park',
        lines: [line],
      },
      {
        amazonOrderId: AT_INTAKE,
        marketplace: 'US',
        deliveredDaysAgo: 4,
        buyerName: 'Casey Lin',
        lines: [line],
      },
    ]);
  });
  test.afterAll(async () => {
    await ny.stop();
  });

  test('on the return screen: the photo shows, is stored as a JPEG under 5 MB with its sha256, audited; the camera is off', async ({
    page,
  }) => {
    await watchCameras(page);
    await page.goto(ny.app.openUrl);
    await signIn(page, 'clerk.ny01', '1234');
    await expect(page.getByTestId('home-clerk')).toBeVisible();
    await scan(page, AT_THE_COUNTER);
    await page.getByLabel('Reason', { exact: true }).selectOption('DEFECTIVE');
    await expect(page.getByTestId('assess-verdict')).toBeVisible();
    await page.getByRole('button', { name: 'Take return' }).click();
    const rma = (await page.getByTestId('rma-number').textContent())!.trim();

    const photos = page.getByTestId('return-photos');
    await expect(photos).toContainText('No photos yet.');
    await photos.getByRole('button', { name: 'Take photo' }).click();
    await takePhoto(page);

    const thumb = photos.getByRole('img', { name: 'Photo 1 (at inspection)' });
    await expect(thumb).toBeVisible();
    await expect(thumb).toHaveAttribute('src', /^data:image\/jpeg;base64,\/9j\//);
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // One camera, video only, every track stopped.
    const cameras = await cameraTracks(page);
    expect(cameras).toHaveLength(1);
    expect(cameras[0]!.audio).toBe(false);
    expect(cameras[0]!.tracks).toEqual([{ kind: 'video', state: 'ended' }]);

    readDb(ny.app, (db) => {
      const ret = db.prepare('SELECT id FROM returns WHERE rma_number = ?').get(rma) as {
        id: string;
      };
      const rows = db
        .prepare(
          'SELECT id, stage, mime, sha256, bytes, size_bytes FROM photos WHERE return_id = ?',
        )
        .all(ret.id) as PhotoRow[];
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row.stage).toBe('qc');
      expectStoredJpeg(row);
      console.log(`camera photo on the return screen: ${row.size_bytes} bytes`);

      const audit = db
        .prepare(
          "SELECT entity_type, entity_id, after FROM audit_events WHERE action = 'photos.attach'",
        )
        .all() as { entity_type: string; entity_id: string; after: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity_type: 'photo', entity_id: row.id });
      expect(JSON.parse(audit[0]!.after)).toMatchObject({
        returnId: ret.id,
        mime: 'image/jpeg',
        sha256: row.sha256,
        sizeBytes: row.size_bytes,
      });
      const outbox = db
        .prepare("SELECT count(*) AS n FROM outbox WHERE name = 'photos.attach'")
        .get() as { n: number };
      expect(outbox.n).toBe(1);
      expect(verifyAuditChain(wrapClient(db))).toMatchObject({ intact: true });
    });
  });

  test('at intake: the photo is kept until the return is taken, then attached at intake', async ({
    page,
  }) => {
    await watchCameras(page);
    await page.goto(ny.app.openUrl);
    await signIn(page, 'clerk.ny01', '1234');
    await expect(page.getByTestId('home-clerk')).toBeVisible();
    await scan(page, AT_INTAKE);
    await page.getByLabel('Reason', { exact: true }).selectOption('DEFECTIVE');
    await expect(page.getByTestId('assess-verdict')).toBeVisible();

    await page.getByRole('button', { name: 'Take photo' }).click();
    await takePhoto(page);
    await expect(page.getByRole('img', { name: 'Camera photo 1' })).toBeVisible();
    // Nothing is stored before the return exists: only the first test's photo is there.
    expect(readDb(ny.app, (db) => db.prepare('SELECT count(*) AS n FROM photos').get())).toEqual({
      n: 1,
    });

    await page.getByRole('button', { name: 'Take return' }).click();
    const rma = (await page.getByTestId('rma-number').textContent())!.trim();
    await expect(
      page.getByTestId('return-photos').getByRole('img', { name: 'Photo 1 (at intake)' }),
    ).toBeVisible();
    expect((await cameraTracks(page)).flatMap((c) => c.tracks.map((t) => t.state))).toEqual([
      'ended',
    ]);

    readDb(ny.app, (db) => {
      const rows = db
        .prepare(
          `SELECT p.id, p.stage, p.mime, p.sha256, p.bytes, p.size_bytes FROM photos p
             JOIN returns r ON r.id = p.return_id WHERE r.rma_number = ?`,
        )
        .all(rma) as PhotoRow[];
      expect(rows).toHaveLength(1);
      expect(rows[0]!.stage).toBe('intake');
      expectStoredJpeg(rows[0]!);
      const audited = db
        .prepare(
          "SELECT count(*) AS n FROM audit_events WHERE action = 'photos.attach' AND entity_id = ?",
        )
        .get(rows[0]!.id) as { n: number };
      expect(audited.n).toBe(1);
      expect(verifyAuditChain(wrapClient(db))).toMatchObject({ intact: true });
    });
  });
});
