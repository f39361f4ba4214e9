import type { AppErrorBody, Envelope } from '../../shared/contracts/errors';

/** What every bridge answers when the backend cannot be reached: a value, never a throw. */
export const UNREACHABLE: AppErrorBody = Object.freeze({
  code: 'INTERNAL',
  message: 'backend unreachable',
}) as AppErrorBody;

export function unreachable<T>(): Envelope<T> {
  return { ok: false, error: { ...UNREACHABLE } };
}

export function internalError<T>(message: string): Envelope<T> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

/** Does `value` look like `{ok:true,data}` or `{ok:false,error:{code,message}}`? */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; data?: unknown; error?: unknown };
  if (v.ok === true) return 'data' in v;
  if (v.ok === false) {
    const e = v.error as { code?: unknown; message?: unknown } | null | undefined;
    return (
      typeof e === 'object' &&
      e !== null &&
      typeof e.code === 'string' &&
      typeof e.message === 'string'
    );
  }
  return false;
}
