import { describe, expect, it } from 'vitest';
import { chooseDeviceCode } from './device-codes';
import { newDeviceToken, parseDeviceToken, secretMatches } from './device-token';
import { enrollmentCodeHash, newEnrollmentCode, normaliseEnrollmentCode } from './enrollment-code';

describe('enrollment codes', () => {
  it('are 12 unambiguous characters in groups of four, different every time', () => {
    const codes = new Set(Array.from({ length: 200 }, newEnrollmentCode));
    expect(codes.size).toBe(200);
    for (const code of codes)
      expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){2}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('forgive what people type: case, spaces, dashes, O for 0, I and L for 1', () => {
    expect(normaliseEnrollmentCode(' k7qm-3xr9 ht2p ')).toBe('K7QM3XR9HT2P');
    expect(enrollmentCodeHash('0O1I-L000-1111')).toBe(enrollmentCodeHash('0011-1000-1111'));
    expect(enrollmentCodeHash('K7QM-3XR9-HT2P')).not.toBe(enrollmentCodeHash('K7QM-3XR9-HT2Q'));
  });
});

describe('device codes', () => {
  it('prefer the desktop’s own letter, else the first free one, A…Z then AA…', () => {
    expect(chooseDeviceCode(new Set(), 'K')).toBe('K');
    expect(chooseDeviceCode(new Set(['K']), 'K')).toBe('A');
    expect(chooseDeviceCode(new Set(['A', 'B']))).toBe('C');
    const singleLetters = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
    expect(chooseDeviceCode(singleLetters)).toBe('AA');
    expect(chooseDeviceCode(new Set([...singleLetters, 'AA']))).toBe('AB');
  });
});

describe('device tokens', () => {
  it('carry the device id and a secret only the hash of which is kept', () => {
    const { token, secretHash } = newDeviceToken('0190a5b2-0000-7000-8000-000000000001');
    const parsed = parseDeviceToken(token)!;
    expect(parsed.deviceId).toBe('0190a5b2-0000-7000-8000-000000000001');
    expect(secretHash).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, secretHash)).toBe(true);
    expect(secretMatches(`${parsed.secret}x`, secretHash)).toBe(false);
    expect(parseDeviceToken('no-dot-here')).toBeNull();
    expect(parseDeviceToken('trailing.')).toBeNull();
  });
});
