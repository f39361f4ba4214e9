import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/contracts';

export type GrantPurpose = 'returns.override' | 'approvals.decide';

interface Grant {
  channel: string;
  purpose: GrantPurpose;
  userId: string;
  expiresAt: number;
}

export const GRANT_TTL_MS = 2 * 60_000;

/**
 * Step-up grants: a manager's PIN, entered at a clerk's till, authorises one action there.
 * In memory, single-use, bound to the till (channel) and the purpose, and short-lived.
 */
export class GrantStore {
  private readonly grants = new Map<string, Grant>();

  issue(
    channel: string,
    purpose: GrantPurpose,
    userId: string,
    now: number,
  ): { id: string; expiresAt: number } {
    for (const [id, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(id);
    const id = randomBytes(18).toString('base64url');
    const expiresAt = now + GRANT_TTL_MS;
    this.grants.set(id, { channel, purpose, userId, expiresAt });
    return { id, expiresAt };
  }

  /** Uses the grant up, or says why not with GRANT_INVALID. Returns the manager's user id. */
  consume(id: string, channel: string, purpose: GrantPurpose, now: number): string {
    const grant = this.grants.get(id);
    this.grants.delete(id);
    if (
      !grant ||
      grant.channel !== channel ||
      grant.purpose !== purpose ||
      grant.expiresAt <= now
    ) {
      throw new AppError(
        'GRANT_INVALID',
        'The manager’s authorisation is not valid here any more.',
      );
    }
    return grant.userId;
  }
}
