import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  approvalResponse,
  challengeMatches,
  checkPartA,
  deriveStoreKey,
  makeChallenge,
  newSigningKeyPair,
  responsePartA,
  responsePartB,
  signApproval,
  splitResponse,
  verifyPartA,
  verifyPartB,
  verifySignedApproval,
  type ApprovalTerms,
} from './offline-code';
import {
  LOCKOUT_MS,
  MAX_ATTEMPTS_PER_CHALLENGE,
  MAX_FAILURES_PER_WINDOW,
  mayAttempt,
} from './attempt-guard';

const managerKey = new Uint8Array(32).fill(7);
const otherManagerKey = new Uint8Array(32).fill(9);
const STORE = '0190a000-0000-7000-8000-000000000001';
const OTHER_STORE = '0190a000-0000-7000-8000-000000000002';
const subject = { requestDigest: 'a'.repeat(64), storeId: STORE };

function termsFor(challenge: string, amountMinor = 30000): ApprovalTerms {
  return { challenge, amountMinor, currency: 'USD' };
}

describe('offline approval codes', () => {
  const challenge = makeChallenge(subject, '123456');

  it('binds the challenge to the request and the store', () => {
    expect(challenge).toMatch(/^123456\d{6}$/);
    expect(challengeMatches(challenge, subject)).toBe(true);
    expect(challengeMatches(`${challenge.slice(0, 6)} ${challenge.slice(6)}`, subject)).toBe(true);
    expect(challengeMatches(challenge, { ...subject, requestDigest: 'b'.repeat(64) })).toBe(false);
    expect(challengeMatches(challenge, { ...subject, storeId: OTHER_STORE })).toBe(false);
  });

  it('the store verifies part A with its derived key; the back office verifies part B', () => {
    const response = splitResponse(approvalResponse(managerKey, STORE, termsFor(challenge)))!;
    const storeKey = deriveStoreKey(managerKey, STORE);
    expect(verifyPartA(storeKey, termsFor(challenge), response.partA)).toBe(true);
    expect(verifyPartB(managerKey, termsFor(challenge), response.partB)).toBe(true);
  });

  it('refuses part A of another store’s key, another amount, another currency, another manager', () => {
    const { partA } = splitResponse(approvalResponse(managerKey, STORE, termsFor(challenge)))!;
    expect(verifyPartA(deriveStoreKey(managerKey, OTHER_STORE), termsFor(challenge), partA)).toBe(
      false,
    );
    expect(verifyPartA(deriveStoreKey(managerKey, STORE), termsFor(challenge, 30001), partA)).toBe(
      false,
    );
    expect(
      verifyPartA(
        deriveStoreKey(managerKey, STORE),
        { ...termsFor(challenge), currency: 'CAD' },
        partA,
      ),
    ).toBe(false);
    expect(verifyPartA(deriveStoreKey(otherManagerKey, STORE), termsFor(challenge), partA)).toBe(
      false,
    );
  });

  it('a store holding its derived key cannot make a part B the back office accepts', () => {
    const storeKey = deriveStoreKey(managerKey, STORE);
    // The only things a store can compute with its key: part A, or OCRA with the store key.
    const forged = responsePartB(storeKey, termsFor(challenge));
    expect(verifyPartB(managerKey, termsFor(challenge), forged)).toBe(false);
    expect(
      verifyPartB(managerKey, termsFor(challenge), responsePartA(storeKey, termsFor(challenge))),
    ).toBe(false);
  });

  it('different amounts never share a response (property, over random challenges)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (nonce, a, b) => {
          fc.pre(a !== b);
          const c = makeChallenge(subject, nonce);
          return (
            approvalResponse(managerKey, STORE, termsFor(c, a)) !==
            approvalResponse(managerKey, STORE, termsFor(c, b))
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tells a code for another amount from a forgery by its check digits', () => {
    const storeKey = deriveStoreKey(managerKey, STORE);
    const ok = splitResponse(approvalResponse(managerKey, STORE, termsFor(challenge)))!;
    expect(checkPartA(storeKey, termsFor(challenge), ok)).toBe('valid');
    // Made for 300.01 USD (or CAD), typed against a 300.00 USD request.
    const otherAmount = splitResponse(
      approvalResponse(managerKey, STORE, termsFor(challenge, 30001)),
    )!;
    expect(otherAmount.check).toBe(ok.check);
    expect(checkPartA(storeKey, termsFor(challenge), otherAmount)).toBe('wrong_amount');
    const otherCurrency = splitResponse(
      approvalResponse(managerKey, STORE, { ...termsFor(challenge), currency: 'CAD' }),
    )!;
    expect(checkPartA(storeKey, termsFor(challenge), otherCurrency)).toBe('wrong_amount');
    // Another store's key, another manager, another challenge: neither part fits.
    const otherStore = splitResponse(
      approvalResponse(managerKey, OTHER_STORE, termsFor(challenge)),
    )!;
    const otherManager = splitResponse(
      approvalResponse(otherManagerKey, STORE, termsFor(challenge)),
    )!;
    const otherChallenge = splitResponse(
      approvalResponse(managerKey, STORE, termsFor(makeChallenge(subject, '654321'))),
    )!;
    for (const forged of [otherStore, otherManager, otherChallenge]) {
      // 1 in 100 forgeries fits the check digits by chance; these fixed keys do not.
      expect(forged.check).not.toBe(ok.check);
      expect(checkPartA(storeKey, termsFor(challenge), forged)).toBe('invalid');
    }
  });

  it('rejects malformed responses', () => {
    expect(splitResponse('12345-12-123456')).toBeNull();
    expect(splitResponse('123456-12-12345a')).toBeNull();
    expect(splitResponse('123456-654321')).toBeNull();
    expect(splitResponse('123 456 78 654 321')).toEqual({
      partA: '123456',
      check: '78',
      partB: '654321',
    });
  });
});

describe('signed approvals (QR)', () => {
  const facts = {
    requestDigest: 'c'.repeat(64),
    storeId: STORE,
    challenge: '123456789012',
    amountMinor: 30000,
    currency: 'USD' as const,
    managerId: '0190a000-0000-7000-8000-0000000000ff',
    keyId: 'k1',
    decidedAt: '2026-11-22T10:00:00.000Z',
  };

  it('verifies with the manager’s public key and refuses any changed byte or another key', () => {
    const { secretKey, publicKey } = newSigningKeyPair();
    const token = signApproval(secretKey, facts);
    expect(verifySignedApproval(publicKey, token)).toEqual(facts);
    expect(verifySignedApproval(newSigningKeyPair().publicKey, token)).toBeNull();
    const [payload, sig] = token.split('.');
    const tampered = signApproval(secretKey, { ...facts, amountMinor: 99999 }).split('.')[0];
    expect(verifySignedApproval(publicKey, `${tampered}.${sig}`)).toBeNull();
    expect(verifySignedApproval(publicKey, `${payload}`)).toBeNull();
    expect(verifySignedApproval(publicKey, 'not a token')).toBeNull();
  });
});

describe('the guessing guard at the store', () => {
  it('burns a challenge after its attempts, and locks the store after the window’s failures', () => {
    const now = 1_000_000_000;
    expect(mayAttempt({ challengeFailures: 0, storeFailureTimes: [], now })).toEqual({
      allowed: true,
    });
    expect(
      mayAttempt({ challengeFailures: MAX_ATTEMPTS_PER_CHALLENGE, storeFailureTimes: [], now }),
    ).toEqual({ allowed: false, reason: 'challenge_burnt' });
    const failures = Array.from({ length: MAX_FAILURES_PER_WINDOW }, (_, i) => now - 60_000 + i);
    const locked = mayAttempt({ challengeFailures: 0, storeFailureTimes: failures, now });
    expect(locked).toEqual({
      allowed: false,
      reason: 'store_locked',
      until: failures.at(-1)! + LOCKOUT_MS,
    });
    expect(
      mayAttempt({
        challengeFailures: 0,
        storeFailureTimes: failures,
        now: failures.at(-1)! + LOCKOUT_MS,
      }),
    ).toEqual({ allowed: true });
  });
});
