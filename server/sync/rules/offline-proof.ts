import { z } from 'zod';
import {
  challengeMatches,
  verifyPartB,
  verifySignedApproval,
} from '../../../shared/domain/approvals/offline-code';
import { CURRENCIES, type Currency } from '../../../shared/domain/money';
import { managerKeyById } from '../../directory/manager-keys';
import type { ApprovalRow } from '../row-schemas';
import type { MutationContext } from './context';
import { reject } from './rejection';

/** What a store records with an offline-code approval (electron/backend/handlers/offline-approvals.ts). */
export const OfflineProofSchema = z.object({
  challenge: z.string().regex(/^\d{12}$/),
  amountMinor: z.int().nonnegative(),
  currency: z.enum(CURRENCIES as [Currency, ...Currency[]]),
  keyId: z.uuid(),
  /** Part B of a typed code, or a signed (QR) token instead. */
  partB: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  token: z.string().max(2000).optional(),
});
export type OfflineProof = z.infer<typeof OfflineProofSchema>;

export interface ProofSubject {
  requestDigest: string;
  storeId: string;
  totalMinor: number;
  currency: string;
}

/**
 * DESIGN.md §8, issue #7: an approval made at a store with a manager's offline code stands only
 * if its part B (which only the manager's key makes — a store holds just its derived key) or its
 * signed token checks out with the key it names, that key is the decider's and was not revoked
 * before the decision, the challenge was made for this request at this store, and the amount and
 * currency are the request's. Throws the rejection that says which failed.
 */
export async function requireOfflineProof(
  ctx: MutationContext,
  row: ApprovalRow,
  subject: ProofSubject,
): Promise<void> {
  if (row.decision !== 'approved') reject('INVALID_ROW', 'An offline code only approves.');
  let proof: OfflineProof;
  try {
    proof = OfflineProofSchema.parse(JSON.parse(row.offlineProof ?? 'null'));
  } catch {
    reject('OFFLINE_CODE_INVALID', 'The offline approval carries no readable proof.');
  }
  if (!proof.partB === !proof.token) {
    reject('OFFLINE_CODE_INVALID', 'The proof has neither a part B nor a signed token.');
  }
  const key = await managerKeyById(ctx.tx, proof.keyId);
  if (!key || key.userId !== row.decidedBy) {
    reject('OFFLINE_CODE_INVALID', 'The proof names no key of the manager who approved.');
  }
  if (key.revokedAt && key.revokedAt.getTime() <= Date.parse(row.decidedAt)) {
    reject('MANAGER_KEY_REVOKED', 'The manager’s key was revoked before this approval.');
  }
  if (proof.amountMinor !== subject.totalMinor || proof.currency !== subject.currency) {
    reject('OFFLINE_CODE_WRONG_AMOUNT', 'The code was made for another amount than the request’s.');
  }
  if (
    !challengeMatches(proof.challenge, {
      requestDigest: subject.requestDigest,
      storeId: subject.storeId,
    })
  ) {
    reject('OFFLINE_CODE_INVALID', 'The challenge was not made for this request at this store.');
  }
  const terms = {
    challenge: proof.challenge,
    amountMinor: proof.amountMinor,
    currency: proof.currency as Currency,
  };
  if (proof.partB !== undefined) {
    if (!verifyPartB(Buffer.from(key.secret, 'base64'), terms, proof.partB)) {
      reject('OFFLINE_CODE_INVALID', 'Part B of the code does not check out.');
    }
    return;
  }
  const facts = verifySignedApproval(Buffer.from(key.publicKey, 'base64'), proof.token!);
  if (
    !facts ||
    facts.challenge !== proof.challenge ||
    facts.amountMinor !== proof.amountMinor ||
    facts.currency !== proof.currency ||
    facts.storeId !== subject.storeId ||
    facts.managerId !== row.decidedBy ||
    facts.keyId !== key.id ||
    (facts.requestDigest !== '' && facts.requestDigest !== subject.requestDigest)
  ) {
    reject('OFFLINE_CODE_INVALID', 'The signed approval does not check out.');
  }
}
