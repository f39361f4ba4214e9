import { randomInt } from 'node:crypto';
import { sha256Hex } from './device-token';

/**
 * One-time enrollment codes, read out or typed by a person: 12 characters of Crockford's base32
 * (no I, L, O, U: nothing to confuse), grouped by four — 60 bits, far beyond guessing within a
 * code's lifetime. Only the sha256 of the normalised code is stored.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/** What a person may have typed: any case, spaces or dashes, O for 0, I or L for 1. */
export function normaliseEnrollmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function enrollmentCodeHash(typed: string): string {
  return sha256Hex(normaliseEnrollmentCode(typed));
}
