import { describe, expect, it } from 'vitest';
import { hexToBytes } from '@noble/hashes/utils.js';
import { ocra, OcraSuiteError, parseOcraSuite } from './ocra';

// RFC 6287, Appendix C: the standard keys ("1234567890…" in ASCII) and SHA1("1234").
const KEY20 = hexToBytes('3132333435363738393031323334353637383930');
const KEY32 = hexToBytes('3132333435363738393031323334353637383930313233343536373839303132');
const KEY64 = hexToBytes(
  '31323334353637383930313233343536373839303132333435363738393031323334353637383930313233343536373839303132333435363738393031323334',
);
const PIN_1234_SHA1 = hexToBytes('7110eda4d09e062aa5e4a390b0a572ac0d2c0220');
const T = 0x132d0b6;
const repeat = (d: number) => String(d).repeat(8);

describe('OCRA (RFC 6287 Appendix C test vectors)', () => {
  it('C.1 one-way: OCRA-1:HOTP-SHA1-6:QN08', () => {
    const expected = [
      '237653',
      '243178',
      '653583',
      '740991',
      '608993',
      '388898',
      '816933',
      '224598',
      '750600',
      '294470',
    ];
    expected.forEach((value, d) =>
      expect(ocra('OCRA-1:HOTP-SHA1-6:QN08', { key: KEY20, question: repeat(d) })).toBe(value),
    );
  });

  it('C.1 one-way: OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1 (counter and PIN)', () => {
    const expected = [
      '65347737',
      '86775851',
      '78192410',
      '71565254',
      '10104329',
      '65983500',
      '70069104',
      '91771096',
      '75011558',
      '08522129',
    ];
    expected.forEach((value, counter) =>
      expect(
        ocra('OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', {
          key: KEY32,
          counter,
          question: '12345678',
          passwordHash: PIN_1234_SHA1,
        }),
      ).toBe(value),
    );
  });

  it('C.1 one-way: OCRA-1:HOTP-SHA256-8:QN08-PSHA1', () => {
    const expected = ['83238735', '01501458', '17957585', '86776967', '86807031'];
    expected.forEach((value, d) =>
      expect(
        ocra('OCRA-1:HOTP-SHA256-8:QN08-PSHA1', {
          key: KEY32,
          question: repeat(d),
          passwordHash: PIN_1234_SHA1,
        }),
      ).toBe(value),
    );
  });

  it('C.1 one-way: OCRA-1:HOTP-SHA512-8:C-QN08', () => {
    const expected = [
      '07016083',
      '63947962',
      '70123924',
      '25341727',
      '33203315',
      '34205738',
      '44343969',
      '51946085',
      '20403879',
      '31409299',
    ];
    expected.forEach((value, d) =>
      expect(
        ocra('OCRA-1:HOTP-SHA512-8:C-QN08', { key: KEY64, counter: d, question: repeat(d) }),
      ).toBe(value),
    );
  });

  it('C.1 one-way: OCRA-1:HOTP-SHA512-8:QN08-T1M (time)', () => {
    const expected = ['95209754', '55907591', '22048402', '24218844', '36209546'];
    expected.forEach((value, d) =>
      expect(
        ocra('OCRA-1:HOTP-SHA512-8:QN08-T1M', { key: KEY64, question: repeat(d), timeSteps: T }),
      ).toBe(value),
    );
  });

  it('C.2 mutual: OCRA-1:HOTP-SHA256-8:QA08 and OCRA-1:HOTP-SHA512-8:QA08(-PSHA1)', () => {
    const server = ['28247970', '01984843', '65387857', '03351211', '83412541'];
    const client = ['15510767', '90175646', '33777207', '95285278', '28934924'];
    const server512 = ['79496648', '76831980', '12250499', '90856481', '12761449'];
    const client512 = ['18806276', '70020315', '01600026', '18951020', '32528969'];
    for (let i = 0; i < 5; i++) {
      const cs = `CLI2222${i}SRV1111${i}`;
      const sc = `SRV1111${i}CLI2222${i}`;
      expect(ocra('OCRA-1:HOTP-SHA256-8:QA08', { key: KEY32, question: cs })).toBe(server[i]);
      expect(ocra('OCRA-1:HOTP-SHA256-8:QA08', { key: KEY32, question: sc })).toBe(client[i]);
      expect(ocra('OCRA-1:HOTP-SHA512-8:QA08', { key: KEY64, question: cs })).toBe(server512[i]);
      expect(
        ocra('OCRA-1:HOTP-SHA512-8:QA08-PSHA1', {
          key: KEY64,
          question: sc,
          passwordHash: PIN_1234_SHA1,
        }),
      ).toBe(client512[i]);
    }
  });

  it('C.3 signature: OCRA-1:HOTP-SHA256-8:QA08 and OCRA-1:HOTP-SHA512-8:QA10-T1M', () => {
    const plain = ['53095496', '04110475', '31331128', '76028668', '46554205'];
    const timed = ['77537423', '31970405', '10235557', '95213541', '65360607'];
    for (let i = 0; i < 5; i++) {
      expect(ocra('OCRA-1:HOTP-SHA256-8:QA08', { key: KEY32, question: `SIG1${i}000` })).toBe(
        plain[i],
      );
      expect(
        ocra('OCRA-1:HOTP-SHA512-8:QA10-T1M', {
          key: KEY64,
          question: `SIG1${i}00000`,
          timeSteps: T,
        }),
      ).toBe(timed[i]);
    }
  });

  it('refuses malformed suites and inputs the suite does not allow', () => {
    for (const bad of [
      'OCRA-2:HOTP-SHA1-6:QN08',
      'OCRA-1:HOTP-MD5-6:QN08',
      'OCRA-1:HOTP-SHA1-3:QN08',
      'OCRA-1:HOTP-SHA1-6:C',
      'OCRA-1:HOTP-SHA1-6:QX08',
    ])
      expect(() => parseOcraSuite(bad)).toThrow(OcraSuiteError);
    expect(() => ocra('OCRA-1:HOTP-SHA1-6:QN08', { key: KEY20, question: '12a45678' })).toThrow(
      RangeError,
    );
    expect(() =>
      ocra('OCRA-1:HOTP-SHA1-6:QN08', { key: KEY20, question: '12345678901234567' }),
    ).toThrow(RangeError);
    expect(() =>
      ocra('OCRA-1:HOTP-SHA256-8:QN08-PSHA1', { key: KEY32, question: '12345678' }),
    ).toThrow(RangeError);
  });
});
