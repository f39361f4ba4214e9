import { v7 as uuidv7 } from 'uuid';
import {
  AppError,
  CONTRACTS,
  isCallName,
  type CallName,
  type Contract,
  type Envelope,
} from '../../shared/contracts';
import { hasPermission, scopeCovers } from '../../shared/domain/permissions';
import { userById } from '../../db/repositories/directory';
import { captureChangedRows } from '../../db/repositories/sync-capture';
import type { BackendCore } from './core';
import { cachedStoreSettings, createCallContext, signedInUser } from './call-context';
import type { Handler, HandlerMap, SignedInUser } from './context';

export type Dispatch = (
  channel: string,
  name: string,
  input: unknown,
) => Promise<Envelope<unknown>>;

/**
 * The one door into the backend (DESIGN.md §3): validates the input against the contract,
 * checks the session, the permission and the scope, runs the handler — a `change` inside one
 * transaction that must record exactly one audit event and outbox mutation — validates the
 * output, and answers with an envelope. Nothing a handler throws crosses a bridge as-is.
 */
export function createDispatch(core: BackendCore, handlers: HandlerMap): Dispatch {
  return async (channel, name, rawInput) => {
    if (!isCallName(name))
      return failure(new AppError('UNKNOWN_CALL', `There is no call named "${name}".`));
    // Widened: the registry treats every contract alike; handlers get the precise types.
    const contract = CONTRACTS[name] as unknown as Contract;
    const parsed = contract.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return failure(
        new AppError('INVALID_INPUT', 'The request is not valid.', {
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            code: issue.code,
            message: issue.message,
          })),
        }),
      );
    }
    try {
      const user = authorize(core, channel, name, contract, parsed.data);
      const ctx = createCallContext(core, channel, name, parsed.data, user);
      const handler = handlers[name] as Handler<CallName>;
      let output: unknown;
      if (contract.kind === 'change') {
        output = core.db.$client.transaction(() => {
          const result = handler(ctx, parsed.data as never);
          if (result instanceof Promise)
            throw new Error(`change handler ${name} must be synchronous`);
          if (ctx.changes !== 1 || ctx.mutationId === null)
            throw new Error(`change handler ${name} recorded ${ctx.changes} changes, not 1`);
          // The rows as this transaction leaves them travel with the mutation (sync is state-based).
          captureChangedRows(core.db, ctx.mutationId);
          return result;
        })();
      } else {
        output = await handler(ctx, parsed.data as never);
      }
      const checked = contract.output.safeParse(output);
      if (!checked.success)
        throw new Error(`output of ${name} breaks its contract: ${checked.error.message}`);
      const session = core.sessions.get(channel);
      if (session && !session.locked && !contract.background) session.lastActivityAt = core.now();
      if (contract.kind !== 'read') core.afterWrite();
      return { ok: true, data: checked.data };
    } catch (error) {
      // A refused `self` call may still have written (a lockout is queued for the back office).
      if (contract.kind === 'self') core.afterWrite();
      if (error instanceof AppError) return failure(error);
      const traceId = uuidv7();
      core.log({
        level: 'error',
        msg: 'call failed',
        call: name,
        traceId,
        error: String((error as Error)?.stack ?? error),
      });
      return failure(
        new AppError('INTERNAL', 'Something went wrong; nothing was changed.', { traceId }),
      );
    }
  };
}

function failure(error: AppError): Envelope<never> {
  return { ok: false, error: error.toBody() };
}

/** Who is calling, and may they? Throws the AppError that says why not. */
function authorize(
  core: BackendCore,
  channel: string,
  name: CallName,
  contract: Contract,
  input: unknown,
): SignedInUser | null {
  const session = core.sessions.get(channel);
  if (contract.access === 'public') {
    if (!session || session.locked) return null;
    const row = userById(core.db, session.userId);
    return row?.active ? signedInUser(row) : null;
  }
  if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  const row = userById(core.db, session.userId);
  if (!row || !row.active) {
    core.sessions.end(channel);
    throw new AppError('UNAUTHENTICATED', 'Your account is no longer active here.');
  }
  const user = signedInUser(row);
  const { idleLockSeconds } = cachedStoreSettings(core, core.device.storeId);
  if (!session.locked && core.sessions.applyIdleLock(session, core.now(), idleLockSeconds)) {
    const ctx = createCallContext(core, channel, name, input, user);
    ctx.audit({
      action: 'auth.autoLocked',
      entityType: 'session',
      entityId: row.id,
      storeId: core.device.storeId,
      before: null,
      after: { idleLockSeconds },
    });
    ctx.emit('session.changed', { reason: 'locked' });
  }
  if (session.locked)
    throw new AppError('SESSION_LOCKED', 'The till is locked; enter your PIN to unlock.');
  if (contract.access !== 'signedIn' && !hasPermission(user.role, contract.access)) {
    throw new AppError('FORBIDDEN', 'Your role may not do this.', { permission: contract.access });
  }
  const target = contract.scope?.(input);
  if (target && !scopeCovers(user.scope, target, (storeId) => core.regionOfStore(storeId))) {
    throw new AppError('OUT_OF_SCOPE', 'That is outside your store or region.');
  }
  return user;
}
