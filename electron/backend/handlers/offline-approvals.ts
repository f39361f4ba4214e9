import { randomInt } from 'node:crypto';
import { AppError } from '../../../shared/contracts';
import { LOCKOUT_MS, WINDOW_MS, mayAttempt } from '../../../shared/domain/approvals/attempt-guard';
import {
  approvalResponse,
  challengeMatches,
  checkPartA,
  makeChallenge,
  normalizeDigits,
  signApproval,
  splitResponse,
  verifySignedApproval,
  type ApprovalTerms,
} from '../../../shared/domain/approvals/offline-code';
import type { MarketplaceCode } from '../../../shared/domain/marketplaces';
import type { Currency } from '../../../shared/domain/money';
import { hasPermission, scopeCovers } from '../../../shared/domain/permissions';
import type { EffectivePolicyRules } from '../../../shared/domain/policy/policy-set';
import { tierAllows, type ApprovalTier } from '../../../shared/domain/policy/routing';
import { readSyncState } from '../../../db/repositories/sync-state';
import { regionById, storeById, userById } from '../../../db/repositories/directory';
import {
  challengeById,
  codeFailureTimesSince,
  insertChallenge,
  markChallengeUsed,
  offlineApprovalsSince,
  offlineResponsesSince,
  ownManagerSecret,
  recordCodeFailure,
  storeKeyCandidates,
  type StoreKeyCandidate,
} from '../../../db/repositories/offline-approvals';
import { orderById } from '../../../db/repositories/order-lookup';
import {
  insertApproval,
  pendingRefundRequests,
  refundRequestById,
  setRefundStatus,
  type RefundRequestRow,
} from '../../../db/repositories/returns';
import { signedInUser } from '../call-context';
import type { HandlerContext, HandlerMap } from '../context';
import { refundPolicyFor } from '../returns/refund-policy';
import { refundView } from '../returns/refund-view';

/**
 * Offline approval by phone (issue #7, DESIGN.md §8). The till shows a challenge for a pending
 * request; the regional manager's desktop answers with a code (part A, 2 check digits, part B)
 * or a signed token; the till checks part A with its derived store key and records the approval
 * unconfirmed; the back office checks part B when it arrives (server/sync/rules/offline-proof.ts)
 * and confirms it. Wrong codes are counted (shared/domain/approvals/attempt-guard.ts).
 */

export const CHALLENGE_TTL_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const b64 = (text: string) => Buffer.from(text, 'base64');

/** "123456 789012", as it is read out. */
function formatChallenge(challenge: string): string {
  return `${challenge.slice(0, 6)} ${challenge.slice(6)}`;
}

/** "123456-78-654321". */
function formatResponse(response: string): string {
  const clean = normalizeDigits(response);
  return `${clean.slice(0, 6)}-${clean.slice(6, 8)}-${clean.slice(8)}`;
}

/** The offline limits in force at a store (the published policy sets held here). */
function offlineLimits(
  ctx: HandlerContext,
  storeId: string,
  marketplace: MarketplaceCode | undefined,
): EffectivePolicyRules['offlineApproval'] {
  const region = regionById(ctx.db, ctx.regionOfStore(storeId) ?? '');
  const fallback = (JSON.parse(region?.marketplaces ?? '[]') as MarketplaceCode[])[0];
  return refundPolicyFor(ctx, storeId, marketplace ?? fallback ?? 'US').rules.offlineApproval;
}

function requireWithinLimits(
  ctx: HandlerContext,
  input: {
    storeId: string;
    marketplace: MarketplaceCode | undefined;
    amountMinor: number;
    currency: Currency;
    countToday: number;
  },
) {
  const limits = offlineLimits(ctx, input.storeId, input.marketplace);
  const maxAmount = limits.maxAmountMinor[input.currency] ?? 0;
  if (input.amountMinor > maxAmount) {
    throw new AppError('OFFLINE_LIMIT_EXCEEDED', 'That amount is above the offline limit.', {
      limit: 'amount',
      maxAmountMinor: maxAmount,
      currency: input.currency,
    });
  }
  if (input.countToday >= limits.maxPerDay) {
    throw new AppError('OFFLINE_LIMIT_EXCEEDED', 'Too many offline approvals today.', {
      limit: 'perDay',
      maxPerDay: limits.maxPerDay,
    });
  }
  // A desktop offline for longer may not know of a revocation: it stops accepting codes.
  const lastSynced = readSyncState(ctx.db).lastSyncedAt;
  if (lastSynced && ctx.now() - Date.parse(lastSynced) > limits.maxDaysOffline * DAY_MS) {
    throw new AppError('OFFLINE_LIMIT_EXCEEDED', 'This desktop has been offline too long.', {
      limit: 'daysOffline',
      maxDaysOffline: limits.maxDaysOffline,
    });
  }
}

/** A manager who may decide this store's refunds (and did not request this one). */
function mayDecide(ctx: HandlerContext, userId: string, request: RefundRequestRow): boolean {
  const row = userById(ctx.db, userId);
  if (!row?.active) return false;
  const user = signedInUser(row);
  return (
    hasPermission(user.role, 'approvals.decide') &&
    scopeCovers(user.scope, { storeId: request.storeId }, ctx.regionOfStore) &&
    userId !== request.requestedBy &&
    // The policy that routed the request named who may decide it (escalation tiers).
    (!request.approvalTier || tierAllows(request.approvalTier as ApprovalTier, user.role))
  );
}

type Verdict =
  | { kind: 'valid'; key: StoreKeyCandidate; proof: { partB?: string; token?: string } }
  | { kind: 'revoked' | 'wrong_amount' | 'invalid' };

/** Which key, if any, made this code (or signed this token) for these terms. */
function judge(
  candidates: StoreKeyCandidate[],
  terms: ApprovalTerms,
  storeId: string,
  response: string,
): Verdict {
  let revoked = false;
  let wrongAmount = false;
  if (response.includes('.')) {
    for (const key of candidates) {
      const facts = verifySignedApproval(b64(key.publicKey), response);
      if (
        !facts ||
        facts.keyId !== key.keyId ||
        facts.managerId !== key.userId ||
        facts.storeId !== storeId ||
        normalizeDigits(facts.challenge) !== terms.challenge
      )
        continue;
      if (facts.amountMinor !== terms.amountMinor || facts.currency !== terms.currency) {
        wrongAmount = true;
      } else if (key.revokedAt) revoked = true;
      else return { kind: 'valid', key, proof: { token: response } };
    }
  } else {
    const parts = splitResponse(response);
    if (!parts) return { kind: 'invalid' };
    for (const key of candidates) {
      const verdict = checkPartA(b64(key.storeKey), terms, parts);
      if (verdict === 'valid') {
        if (key.revokedAt) revoked = true;
        else return { kind: 'valid', key, proof: { partB: parts.partB } };
      } else if (verdict === 'wrong_amount' && !key.revokedAt) wrongAmount = true;
    }
  }
  if (revoked) return { kind: 'revoked' };
  return { kind: wrongAmount ? 'wrong_amount' : 'invalid' };
}

const REFUSALS = {
  revoked: ['MANAGER_KEY_REVOKED', 'That manager’s key was revoked at the back office.'],
  wrong_amount: ['OFFLINE_CODE_WRONG_AMOUNT', 'That code was made for another amount.'],
  invalid: ['OFFLINE_CODE_INVALID', 'That code is not right.'],
} as const;

export const offlineApprovalHandlers = {
  'approvals.offlineChallenge': (ctx, input) => {
    const request = refundRequestById(ctx.db, input.refundRequestId);
    if (!request || request.storeId !== ctx.device.storeId)
      throw new AppError('NOT_FOUND', 'No such refund request at this store.');
    if (request.status !== 'pending_approval')
      throw new AppError('ALREADY_DECIDED', 'This request was decided already.', {
        status: request.status,
      });
    const nonce = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const challenge = makeChallenge(
      { requestDigest: request.digest, storeId: request.storeId },
      nonce,
    );
    const row = {
      id: ctx.newId(),
      refundRequestId: request.id,
      challenge,
      requestDigest: request.digest,
      amountMinor: request.totalMinor,
      currency: request.currency,
      createdBy: ctx.requireUser().row.id,
      createdAt: ctx.nowIso(),
      expiresAt: new Date(ctx.now() + CHALLENGE_TTL_MS).toISOString(),
    };
    insertChallenge(ctx.db, row);
    ctx.recordChange({
      entityType: 'approval_challenge',
      entityId: row.id,
      storeId: request.storeId,
      before: null,
      // The digits stay at the till: the audit says a challenge was shown, not which.
      after: { refundRequestId: request.id, expiresAt: row.expiresAt },
      mutation: { name: 'approvals.offlineChallenge', args: { refundRequestId: request.id } },
    });
    return {
      challengeId: row.id,
      challenge: formatChallenge(challenge),
      amount: { amountMinor: request.totalMinor, currency: request.currency as Currency },
      expiresAt: row.expiresAt,
    };
  },

  'approvals.offlineEnter': (ctx, input) => {
    const challenge = challengeById(ctx.db, input.challengeId);
    const request = challenge && refundRequestById(ctx.db, challenge.refundRequestId);
    if (!challenge || !request || request.storeId !== ctx.device.storeId)
      throw new AppError('NOT_FOUND', 'No such challenge at this store.');
    const now = ctx.now();
    // The guard first: a locked store learns nothing about the code.
    const verdict = mayAttempt({
      challengeFailures: challenge.failures,
      storeFailureTimes: codeFailureTimesSince(
        ctx.db,
        new Date(now - Math.max(WINDOW_MS, LOCKOUT_MS)).toISOString(),
      ),
      now,
    });
    if (!verdict.allowed) {
      throw new AppError(
        'OFFLINE_CODE_LOCKED',
        verdict.reason === 'store_locked'
          ? 'Too many wrong codes at this store; offline approval is locked for a while.'
          : 'Too many wrong codes for this challenge; ask for a new one.',
        verdict.reason === 'store_locked'
          ? { reason: verdict.reason, until: new Date(verdict.until).toISOString() }
          : { reason: verdict.reason },
      );
    }
    if (challenge.usedAt) throw new AppError('OFFLINE_CODE_USED', 'This code was used already.');
    if (Date.parse(challenge.expiresAt) <= now)
      throw new AppError('OFFLINE_CODE_EXPIRED', 'The challenge expired; ask for a new one.');
    if (request.status !== 'pending_approval')
      throw new AppError('ALREADY_DECIDED', 'This request was decided already.', {
        status: request.status,
      });

    const terms: ApprovalTerms = {
      challenge: challenge.challenge,
      amountMinor: request.totalMinor,
      currency: request.currency as Currency,
    };
    const candidates = storeKeyCandidates(ctx.db, request.storeId).filter((key) =>
      mayDecide(ctx, key.userId, request),
    );
    const judged = judge(candidates, terms, request.storeId, input.response);
    if (judged.kind !== 'valid') {
      const [code, message] = REFUSALS[judged.kind];
      ctx.db.$client.transaction(() => {
        recordCodeFailure(ctx.db, {
          id: ctx.newId(),
          challengeId: challenge.id,
          at: new Date(now).toISOString(),
        });
        ctx.audit({
          action: 'approvals.offlineCodeRefused',
          entityType: 'refund_request',
          entityId: request.id,
          storeId: request.storeId,
          before: null,
          after: { challengeId: challenge.id, code },
        });
      })();
      throw new AppError(code, message);
    }

    const managerId = judged.key.userId;
    const order = orderById(ctx.db, request.orderId);
    requireWithinLimits(ctx, {
      storeId: request.storeId,
      marketplace: order?.marketplace as MarketplaceCode | undefined,
      amountMinor: request.totalMinor,
      currency: request.currency as Currency,
      countToday: offlineApprovalsSince(ctx.db, managerId, new Date(now - DAY_MS).toISOString()),
    });
    const at = new Date(now).toISOString();
    const approval = {
      id: ctx.newId(),
      refundRequestId: request.id,
      decision: 'approved' as const,
      method: 'offline_code',
      decidedBy: managerId,
      comment: '',
      requestDigest: request.digest,
      deviceId: ctx.device.id,
      decidedAt: at,
      offlineProof: JSON.stringify({
        challenge: challenge.challenge,
        amountMinor: request.totalMinor,
        currency: request.currency,
        keyId: judged.key.keyId,
        ...judged.proof,
      }),
      confirmedAt: null,
    };
    ctx.db.$client.transaction(() => {
      insertApproval(ctx.db, approval);
      setRefundStatus(ctx.db, request.id, 'approved');
      markChallengeUsed(ctx.db, challenge.id, at);
      ctx.recordChange({
        entityType: 'approval',
        entityId: approval.id,
        storeId: request.storeId,
        before: { status: request.status },
        after: approval,
        mutation: {
          name: 'approvals.offlineEnter',
          args: { approvalId: approval.id, refundRequestId: request.id },
        },
      });
    })();
    return refundView(ctx, refundRequestById(ctx.db, request.id)!);
  },

  'approvals.offlineRespond': (ctx, input) => {
    const user = ctx.requireUser();
    const own = ownManagerSecret(ctx.db, user.row.id);
    if (!own)
      throw new AppError(
        'NO_MANAGER_KEY',
        'This desktop holds no offline approval key of yours. Sync it with the back office.',
      );
    if (!storeById(ctx.db, input.storeId)) throw new AppError('NOT_FOUND', 'No such store.');
    const request =
      pendingRefundRequests(ctx.db, [input.storeId]).find((r) =>
        challengeMatches(input.challenge, { requestDigest: r.digest, storeId: input.storeId }),
      ) ?? null;
    if (request) {
      if (request.totalMinor !== input.amountMinor || request.currency !== input.currency) {
        throw new AppError('AMOUNT_MISMATCH', 'The request is for another amount.', {
          amountMinor: request.totalMinor,
          currency: request.currency,
        });
      }
      if (request.requestedBy === user.row.id)
        throw new AppError('FORBIDDEN', 'Nobody approves their own refund request.');
    }
    const now = ctx.now();
    const order = request ? orderById(ctx.db, request.orderId) : undefined;
    requireWithinLimits(ctx, {
      storeId: input.storeId,
      marketplace: order?.marketplace as MarketplaceCode | undefined,
      amountMinor: input.amountMinor,
      currency: input.currency,
      countToday: offlineResponsesSince(ctx.db, user.row.id, new Date(now - DAY_MS).toISOString()),
    });
    const terms = {
      challenge: input.challenge,
      amountMinor: input.amountMinor,
      currency: input.currency,
    };
    const response = formatResponse(approvalResponse(b64(own.secret), input.storeId, terms));
    const token = signApproval(b64(own.signingSecret), {
      requestDigest: request?.digest ?? '',
      storeId: input.storeId,
      ...terms,
      managerId: user.row.id,
      keyId: own.keyId,
      decidedAt: ctx.nowIso(),
    });
    ctx.recordChange({
      entityType: 'offline_approval_code',
      entityId: request?.id ?? null,
      storeId: input.storeId,
      before: null,
      // Not the code itself: the audit log travels, and the code is as good as the approval.
      after: {
        amountMinor: input.amountMinor,
        currency: input.currency,
        keyId: own.keyId,
        refundRequestId: request?.id ?? null,
      },
      mutation: { name: 'approvals.offlineRespond', args: { storeId: input.storeId } },
    });
    return {
      response,
      token,
      keyId: own.keyId,
      request: request ? refundView(ctx, request) : null,
    };
  },
} satisfies Partial<HandlerMap>;
