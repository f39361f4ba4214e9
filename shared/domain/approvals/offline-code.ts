import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Currency } from '../money';
import { ocra, parseOcraSuite } from './ocra';

/**
 * Offline approval codes (DESIGN.md §8): a regional manager approves a refund at a store while
 * the store, the manager or both are offline, by phone.
 *
 * 1. The store shows a challenge for one pending request: 6 digits of a single-use nonce and 6
 *    digits binding it to the request's digest (id, order, lines, amount, currency) and the store.
 * 2. The manager types the challenge and the amount into their own desktop, which finds the
 *    request among its own data when it has it (`challengeMatches`) and answers two parts, each
 *    an OCRA value (RFC 6287) over Q = challenge ‖ amount ‖ currency:
 *    - part A with the store key, HMAC(managerKey, store id): the store checks it offline;
 *    - part B with the manager key itself: only the back office (and the manager) hold it, so a
 *      store PC, which holds only its derived key, cannot make a part B — and the back office
 *      checks part B before the refund executor may pay;
 *    plus 2 check digits, the last two of OCRA(store key, challenge) without the amount: when
 *    they fit and part A does not, the code was made for this challenge but another amount (or
 *    currency), which the store tells apart from a forgery (`checkPartA`).
 * Where a camera or 2D scanner is available, an Ed25519 signature over the same facts travels as
 * a QR code instead (`signApproval` / `verifySignedApproval`).
 */

export const OFFLINE_APPROVAL_SUITE = 'OCRA-1:HOTP-SHA256-6:QN32';
const SUITE = parseOcraSuite(OFFLINE_APPROVAL_SUITE);
const STORE_KEY_LABEL = 'returndesk/offline-approval/store-key/v1/';
const BINDING_LABEL = 'returndesk/offline-approval/challenge/v1/';

/** ISO 4217 numeric codes: Q is numeric, so the currency travels as its number. */
const CURRENCY_NUMBERS: Record<Currency, string> = {
  USD: '840',
  CAD: '124',
  GBP: '826',
  EUR: '978',
  JPY: '392',
  MXN: '484',
};

const encoder = new TextEncoder();
const AMOUNT_DIGITS = 12;

/** Six decimal digits from a hash (dynamic truncation, as HOTP does). */
function sixDigits(bytes: Uint8Array): string {
  const offset = bytes[bytes.length - 1]! & 0x0f;
  const value =
    ((bytes[offset]! & 0x7f) << 24) |
    (bytes[offset + 1]! << 16) |
    (bytes[offset + 2]! << 8) |
    bytes[offset + 3]!;
  return (value % 1_000_000).toString().padStart(6, '0');
}

/** The per-store key a store verifies part A with; distributed to that store by sync. */
export function deriveStoreKey(managerKey: Uint8Array, storeId: string): Uint8Array {
  return hmac(sha256, managerKey, encoder.encode(STORE_KEY_LABEL + storeId));
}

export interface ChallengeSubject {
  /** The refund request's digest (electron/backend/returns/digest.ts). */
  requestDigest: string;
  storeId: string;
}

/** The 6 digits that bind a nonce to one request at one store. */
function binding(subject: ChallengeSubject, nonce: string): string {
  return sixDigits(
    sha256(encoder.encode(`${BINDING_LABEL}${subject.requestDigest}|${subject.storeId}|${nonce}`)),
  );
}

/** A 12-digit challenge from a fresh 6-digit nonce (the caller draws it at random). */
export function makeChallenge(subject: ChallengeSubject, nonce: string): string {
  if (!/^\d{6}$/.test(nonce)) throw new RangeError('The nonce is 6 digits.');
  return nonce + binding(subject, nonce);
}

/** Whether a challenge was made for this request: how a manager's desktop finds the request. */
export function challengeMatches(challenge: string, subject: ChallengeSubject): boolean {
  const clean = normalizeDigits(challenge);
  return clean.length === 12 && binding(subject, clean.slice(0, 6)) === clean.slice(6);
}

export interface ApprovalTerms {
  challenge: string;
  amountMinor: number;
  currency: Currency;
}

/** Q = challenge ‖ amount (12 digits) ‖ currency number: a code for another amount is another code. */
export function approvalQuestion(terms: ApprovalTerms): string {
  if (
    !Number.isSafeInteger(terms.amountMinor) ||
    terms.amountMinor < 0 ||
    terms.amountMinor >= 10 ** AMOUNT_DIGITS
  )
    throw new RangeError('The amount is out of range.');
  const challenge = normalizeDigits(terms.challenge);
  if (challenge.length !== 12) throw new RangeError('The challenge is 12 digits.');
  return (
    challenge +
    String(terms.amountMinor).padStart(AMOUNT_DIGITS, '0') +
    CURRENCY_NUMBERS[terms.currency]
  );
}

export function responsePartA(storeKey: Uint8Array, terms: ApprovalTerms): string {
  return ocra(SUITE, { key: storeKey, question: approvalQuestion(terms) });
}

export function responsePartB(managerKey: Uint8Array, terms: ApprovalTerms): string {
  return ocra(SUITE, { key: managerKey, question: approvalQuestion(terms) });
}

/**
 * The 2 check digits: bound to the challenge and the store key only, not to the amount. A code
 * whose check digits fit but whose part A does not was made for another amount.
 */
export function responseCheck(storeKey: Uint8Array, challenge: string): string {
  const clean = normalizeDigits(challenge);
  if (!/^\d{12}$/.test(clean)) throw new RangeError('The challenge is 12 digits.');
  return ocra(SUITE, { key: storeKey, question: clean }).slice(-2);
}

/** What the manager reads out: "123456-78-654321" (part A, the check digits, then part B). */
export function approvalResponse(
  managerKey: Uint8Array,
  storeId: string,
  terms: ApprovalTerms,
): string {
  const storeKey = deriveStoreKey(managerKey, storeId);
  return `${responsePartA(storeKey, terms)}-${responseCheck(storeKey, terms.challenge)}-${responsePartB(managerKey, terms)}`;
}

/** Digits only: people read codes out in groups, with spaces or dashes. */
export function normalizeDigits(text: string): string {
  return text.replace(/[\s-]/g, '');
}

export interface ResponseParts {
  partA: string;
  check: string;
  partB: string;
}

/** 14 digits, however grouped: part A (6), check digits (2), part B (6). */
export function splitResponse(response: string): ResponseParts | null {
  const clean = normalizeDigits(response);
  if (!/^\d{14}$/.test(clean)) return null;
  return { partA: clean.slice(0, 6), check: clean.slice(6, 8), partB: clean.slice(8) };
}

/** Equal without an early exit, so timing does not tell how many digits were right. */
export function sameDigits(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function verifyPartA(storeKey: Uint8Array, terms: ApprovalTerms, partA: string): boolean {
  return sameDigits(responsePartA(storeKey, terms), partA);
}

/**
 * What the store can tell from a code with one store key: `valid` (part A fits), `wrong_amount`
 * (the check digits fit, part A does not: made for this challenge, another amount or currency),
 * or `invalid` (neither: another key, another challenge, or a guess).
 */
export function checkPartA(
  storeKey: Uint8Array,
  terms: ApprovalTerms,
  parts: Pick<ResponseParts, 'partA' | 'check'>,
): 'valid' | 'wrong_amount' | 'invalid' {
  const checkFits = sameDigits(responseCheck(storeKey, terms.challenge), parts.check);
  const partAFits = verifyPartA(storeKey, terms, parts.partA);
  if (checkFits && partAFits) return 'valid';
  return checkFits ? 'wrong_amount' : 'invalid';
}

export function verifyPartB(managerKey: Uint8Array, terms: ApprovalTerms, partB: string): boolean {
  return sameDigits(responsePartB(managerKey, terms), partB);
}

// ---------------------------------------------------------------------------------------------
// Signed approvals (QR)

export interface SignedApprovalFacts {
  requestDigest: string;
  storeId: string;
  challenge: string;
  amountMinor: number;
  currency: Currency;
  managerId: string;
  keyId: string;
  decidedAt: string;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The facts in a fixed order, so the signed bytes do not depend on how an object was built. */
function factsBytes(f: SignedApprovalFacts): Uint8Array {
  return encoder.encode(
    JSON.stringify([
      1,
      f.requestDigest,
      f.storeId,
      normalizeDigits(f.challenge),
      f.amountMinor,
      f.currency,
      f.managerId,
      f.keyId,
      f.decidedAt,
    ]),
  );
}

export function newSigningKeyPair(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

/** `payload.signature`, both base64url: what the QR code holds. */
export function signApproval(secretKey: Uint8Array, facts: SignedApprovalFacts): string {
  const payload = factsBytes(facts);
  return `${toBase64Url(payload)}.${toBase64Url(ed25519.sign(payload, secretKey))}`;
}

/** The facts, when the signature is the manager's over exactly these bytes; null otherwise. */
export function verifySignedApproval(
  publicKey: Uint8Array,
  token: string,
): SignedApprovalFacts | null {
  const [payloadText, signatureText, extra] = token.split('.');
  if (!payloadText || !signatureText || extra !== undefined) return null;
  try {
    const payload = fromBase64Url(payloadText);
    if (!ed25519.verify(fromBase64Url(signatureText), payload, publicKey)) return null;
    const [
      v,
      requestDigest,
      storeId,
      challenge,
      amountMinor,
      currency,
      managerId,
      keyId,
      decidedAt,
    ] = JSON.parse(new TextDecoder().decode(payload)) as unknown[];
    if (v !== 1) return null;
    return {
      requestDigest,
      storeId,
      challenge,
      amountMinor,
      currency,
      managerId,
      keyId,
      decidedAt,
    } as SignedApprovalFacts;
  } catch {
    return null;
  }
}
