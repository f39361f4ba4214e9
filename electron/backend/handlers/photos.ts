import { createHash } from 'node:crypto';
import { AppError, PHOTO_MAX_BYTES } from '../../../shared/contracts';
import {
  insertPhoto,
  photoByHash,
  photoById,
  returnLineById,
} from '../../../db/repositories/returns';
import type { HandlerMap } from '../context';
import { returnInScope } from '../returns/return-view';

/**
 * The first bytes of each accepted image type. Hand-written because three fixed signatures are
 * all a till needs to refuse a file that is not a photo; decoding happens in the browser.
 */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP',
};
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const photoHandlers = {
  'photos.attach': (ctx, input) => {
    const ret = returnInScope(ctx, input.returnId);
    if (input.returnLineId && returnLineById(ctx.db, input.returnLineId)?.returnId !== ret.id) {
      throw new AppError('NOT_FOUND', 'That line is not part of this return.');
    }
    if (!BASE64.test(input.dataBase64))
      throw new AppError('NOT_AN_IMAGE', 'The photo data is not base64.');
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length > PHOTO_MAX_BYTES)
      throw new AppError('TOO_LARGE', 'Photos may be 5 MB at most.', { maxBytes: PHOTO_MAX_BYTES });
    if (!SIGNATURES[input.mime]!(bytes))
      throw new AppError('NOT_AN_IMAGE', `That file is not a ${input.mime} image.`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = photoByHash(ctx.db, ret.id, sha256);
    if (existing)
      throw new AppError('CONFLICT', 'This photo is already attached.', { photoId: existing.id });
    const row = {
      id: input.id,
      returnId: ret.id,
      returnLineId: input.returnLineId ?? null,
      stage: input.stage,
      mime: input.mime,
      sha256,
      bytes,
      sizeBytes: bytes.length,
      createdBy: ctx.requireUser().row.id,
      createdAt: ctx.nowIso(),
    };
    insertPhoto(ctx.db, row);
    const meta = {
      id: row.id,
      returnId: row.returnId,
      returnLineId: row.returnLineId,
      stage: row.stage,
      mime: row.mime,
      sha256,
      sizeBytes: row.sizeBytes,
    };
    // The outbox carries the photo's description; the bytes travel by content hash with sync.
    ctx.recordChange({
      entityType: 'photo',
      entityId: row.id,
      storeId: ret.storeId,
      before: null,
      after: meta,
      mutation: { name: 'photos.attach', args: meta },
    });
    return { id: row.id, sha256, sizeBytes: row.sizeBytes };
  },

  'photos.get': (ctx, input) => {
    const photo = photoById(ctx.db, input.photoId);
    if (!photo) throw new AppError('NOT_FOUND', 'No such photo.');
    returnInScope(ctx, photo.returnId);
    return { mime: photo.mime, dataBase64: photo.bytes.toString('base64') };
  },
} satisfies Partial<HandlerMap>;
