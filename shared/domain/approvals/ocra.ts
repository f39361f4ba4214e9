import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';

/**
 * OCRA, the OATH challenge–response algorithm (RFC 6287), as the primitive of offline
 * approval codes. Hand-written because no maintained npm package implements it; the HMACs come
 * from @noble/hashes, which runs the same in Node, Electron and the browser. Proven against the
 * RFC's test vectors (ocra.test.ts).
 *
 *   OCRASuite = "OCRA-1:" CryptoFunction ":" DataInput, e.g. "OCRA-1:HOTP-SHA256-8:QN08-PSHA1"
 *   message   = suite ‖ 0x00 ‖ [C: 8 bytes] ‖ Q: 128 bytes ‖ [P: hash] ‖ [S: n bytes] ‖ [T: 8 bytes]
 *   value     = HOTP dynamic truncation of HMAC(key, message) to `digits` decimal digits
 */

type HashName = 'SHA1' | 'SHA256' | 'SHA512';
const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;
const HASH_BYTES: Record<HashName, number> = { SHA1: 20, SHA256: 32, SHA512: 64 };

export interface OcraSuite {
  text: string;
  hash: HashName;
  /** 4–10, or 0 for the whole HMAC in hex (no truncation). */
  digits: number;
  counter: boolean;
  question: { format: 'N' | 'A' | 'H'; maxLength: number };
  password: HashName | null;
  sessionBytes: number;
  /** Seconds per time step, or null when the suite has no T. */
  timeStepSeconds: number | null;
}

export class OcraSuiteError extends Error {
  constructor(suite: string, why: string) {
    super(`Not an OCRA suite (${why}): ${suite}`);
    this.name = 'OcraSuiteError';
  }
}

const TIME_UNITS: Record<string, number> = { S: 1, M: 60, H: 3600 };

export function parseOcraSuite(text: string): OcraSuite {
  const [version, crypto, dataInput, ...rest] = text.split(':');
  if (version !== 'OCRA-1' || !crypto || !dataInput || rest.length > 0)
    throw new OcraSuiteError(text, 'expected OCRA-1:<function>:<data input>');
  const fn = /^HOTP-(SHA1|SHA256|SHA512)-(\d{1,2})$/.exec(crypto);
  if (!fn) throw new OcraSuiteError(text, 'crypto function');
  const digits = Number(fn[2]);
  if (digits !== 0 && (digits < 4 || digits > 10)) throw new OcraSuiteError(text, 'digits');
  const suite: OcraSuite = {
    text,
    hash: fn[1] as HashName,
    digits,
    counter: false,
    question: { format: 'N', maxLength: 8 },
    password: null,
    sessionBytes: 0,
    timeStepSeconds: null,
  };
  let sawQuestion = false;
  for (const part of dataInput.split('-')) {
    let m: RegExpExecArray | null;
    if (part === 'C' && !sawQuestion) suite.counter = true;
    else if ((m = /^Q([ANH])(\d{2})$/.exec(part))) {
      const maxLength = Number(m[2]);
      if (maxLength < 4 || maxLength > 64) throw new OcraSuiteError(text, 'question length');
      suite.question = { format: m[1] as 'N' | 'A' | 'H', maxLength };
      sawQuestion = true;
    } else if ((m = /^P(SHA1|SHA256|SHA512)$/.exec(part))) suite.password = m[1] as HashName;
    else if ((m = /^S(\d{3})$/.exec(part))) suite.sessionBytes = Number(m[1]);
    else if ((m = /^T(\d{1,2})([SMH])$/.exec(part)))
      suite.timeStepSeconds = Number(m[1]) * TIME_UNITS[m[2]!]!;
    else throw new OcraSuiteError(text, `data input "${part}"`);
  }
  if (!sawQuestion) throw new OcraSuiteError(text, 'no question');
  return suite;
}

export interface OcraInput {
  /** The shared secret. */
  key: Uint8Array;
  /** The challenge as the user sees it: decimal digits (N), text (A) or hex (H). */
  question: string;
  counter?: bigint | number;
  /** The PIN's hash (of the suite's P algorithm), when the suite has P. */
  passwordHash?: Uint8Array;
  session?: Uint8Array;
  /** Time steps since the Unix epoch (RFC 6287 §5.1), when the suite has T. */
  timeSteps?: bigint | number;
}

/** The 128-byte Q field: the question converted to bytes, padded with zeros on the right. */
function questionBytes(suite: OcraSuite, question: string): Uint8Array {
  const { format, maxLength } = suite.question;
  // Mutual mode (RFC 6287 §7.3) concatenates the two sides' challenges, each up to maxLength.
  if (question.length < 4 || question.length > 2 * maxLength)
    throw new RangeError(`The challenge must have 4 to ${2 * maxLength} characters.`);
  let hex: string;
  if (format === 'N') {
    if (!/^\d+$/.test(question)) throw new RangeError('The challenge must be digits.');
    hex = BigInt(question).toString(16).toUpperCase();
    // The RFC's reference code pads an odd-length hex string on the right.
    if (hex.length % 2 === 1) hex += '0';
  } else if (format === 'A') {
    hex = [...new TextEncoder().encode(question)]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
  } else {
    if (!/^[0-9a-fA-F]+$/.test(question)) throw new RangeError('The challenge must be hex.');
    hex = question.length % 2 === 1 ? `${question}0` : question;
  }
  const bytes = new Uint8Array(128);
  bytes.set(hexToBytes(hex).subarray(0, 128));
  return bytes;
}

function uint64(value: bigint | number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

/** The message HMAC'ed for one OCRA computation (exported for the tests' inspection). */
export function ocraMessage(suite: OcraSuite, input: OcraInput): Uint8Array {
  const parts: Uint8Array[] = [new TextEncoder().encode(suite.text), new Uint8Array([0])];
  if (suite.counter) {
    if (input.counter === undefined) throw new RangeError('This suite needs a counter.');
    parts.push(uint64(input.counter));
  }
  parts.push(questionBytes(suite, input.question));
  if (suite.password) {
    if (input.passwordHash?.length !== HASH_BYTES[suite.password])
      throw new RangeError(`This suite needs a ${suite.password} hash of the PIN.`);
    parts.push(input.passwordHash);
  }
  if (suite.sessionBytes > 0) {
    const session = new Uint8Array(suite.sessionBytes);
    if (!input.session) throw new RangeError('This suite needs session information.');
    // Right-aligned: the reference code pads session information with leading zeros.
    session.set(
      input.session.subarray(0, suite.sessionBytes),
      Math.max(0, suite.sessionBytes - input.session.length),
    );
    parts.push(session);
  }
  if (suite.timeStepSeconds !== null) {
    if (input.timeSteps === undefined) throw new RangeError('This suite needs a time step.');
    parts.push(uint64(input.timeSteps));
  }
  const length = parts.reduce((n, p) => n + p.length, 0);
  const message = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    message.set(p, at);
    at += p.length;
  }
  return message;
}

/** The OCRA value: `digits` decimal digits (zero-padded), or the whole HMAC in hex for 0. */
export function ocra(suiteOrText: OcraSuite | string, input: OcraInput): string {
  const suite = typeof suiteOrText === 'string' ? parseOcraSuite(suiteOrText) : suiteOrText;
  const mac = hmac(HASHES[suite.hash], input.key, ocraMessage(suite, input));
  if (suite.digits === 0) return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) |
    (mac[offset + 1]! << 16) |
    (mac[offset + 2]! << 8) |
    mac[offset + 3]!;
  return (binary % 10 ** suite.digits).toString().padStart(suite.digits, '0');
}

/** Time steps of a suite with T at a moment (ms since the epoch). */
export function ocraTimeSteps(suite: OcraSuite, atMs: number): bigint {
  if (suite.timeStepSeconds === null) throw new RangeError('This suite has no time input.');
  return BigInt(Math.floor(atMs / 1000 / suite.timeStepSeconds));
}
