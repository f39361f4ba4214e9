import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LanguageSchema, UserScopeSchema } from '../contracts/common';
import { MARKETPLACE_CODES } from '../domain/marketplaces';
import { ROLES, ROLE_SCOPE_KIND } from '../domain/permissions';
import { DEMO_SECRETS, generateChain } from './index';

describe('generateChain', () => {
  const chain = generateChain();

  it('is the same on every call', () => {
    expect(generateChain()).toEqual(chain);
    expect(JSON.stringify(generateChain())).toBe(JSON.stringify(chain));
  });

  it('has the three regions with their marketplaces', () => {
    expect(chain.regions.map((r) => [r.code, r.name, r.marketplaces])).toEqual([
      ['NA', 'North America', ['US', 'CA']],
      ['EU', 'Europe', ['DE', 'FR', 'UK']],
      ['JP', 'Japan', ['JP']],
    ]);
    // Every marketplace the chain sells on is taken back by exactly one region.
    expect(chain.regions.flatMap((r) => r.marketplaces).sort()).toEqual(
      [...MARKETPLACE_CODES].sort(),
    );
  });

  it('has the eight stores in the right regions, currencies and time zones', () => {
    const regionCode = new Map(chain.regions.map((r) => [r.id, r.code]));
    expect(
      chain.stores.map((s) => [
        s.code,
        regionCode.get(s.regionId),
        s.countryCode,
        s.currency,
        s.timeZone,
      ]),
    ).toEqual([
      ['NY01', 'NA', 'US', 'USD', 'America/New_York'],
      ['BO01', 'NA', 'US', 'USD', 'America/New_York'],
      ['CH01', 'NA', 'US', 'USD', 'America/Chicago'],
      ['SE01', 'NA', 'US', 'USD', 'America/Los_Angeles'],
      ['BE01', 'EU', 'DE', 'EUR', 'Europe/Berlin'],
      ['MU01', 'EU', 'DE', 'EUR', 'Europe/Berlin'],
      ['TK01', 'JP', 'JP', 'JPY', 'Asia/Tokyo'],
      ['OS01', 'JP', 'JP', 'JPY', 'Asia/Tokyo'],
    ]);
    for (const s of chain.stores) {
      expect(s.name.length).toBeGreaterThan(2);
      expect(s.address.length).toBeGreaterThan(10);
      // The time zone must be one the platform knows, or deadline maths would throw later.
      expect(() => new Intl.DateTimeFormat('en', { timeZone: s.timeZone })).not.toThrow();
    }
  });

  it('gives every id the UUID shape, version 7, and no id twice', () => {
    const ids = [
      ...chain.regions.map((r) => r.id),
      ...chain.stores.map((s) => s.id),
      ...chain.users.map((u) => u.id),
    ];
    for (const id of ids) {
      expect(z.uuid().safeParse(id).success, id).toBe(true);
      expect(id[14]).toBe('7');
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a clerk and a manager per store, a regional manager per region, finance and admin', () => {
    const usernames = chain.users.map((u) => u.username);
    for (const s of chain.stores) {
      const code = s.code.toLowerCase();
      const clerk = chain.users.find((u) => u.username === `clerk.${code}`);
      const manager = chain.users.find((u) => u.username === `manager.${code}`);
      expect(clerk).toMatchObject({ role: 'clerk', scope: { kind: 'store', storeId: s.id } });
      expect(manager).toMatchObject({
        role: 'store_manager',
        scope: { kind: 'store', storeId: s.id },
      });
    }
    for (const r of chain.regions) {
      expect(chain.users.find((u) => u.username === `rm.${r.code.toLowerCase()}`)).toMatchObject({
        role: 'regional_manager',
        scope: { kind: 'region', regionId: r.id },
      });
    }
    expect(chain.users.find((u) => u.username === 'finance')).toMatchObject({
      role: 'finance',
      scope: { kind: 'chain' },
    });
    expect(chain.users.find((u) => u.username === 'admin')).toMatchObject({
      role: 'admin',
      scope: { kind: 'chain' },
    });
    expect(chain.users).toHaveLength(8 * 2 + 3 + 2);
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(new Set(chain.users.map((u) => u.role))).toEqual(new Set(ROLES));
  });

  it('gives each user the scope kind of their role, valid by the contract schema', () => {
    const storeIds = new Set(chain.stores.map((s) => s.id));
    const regionIds = new Set(chain.regions.map((r) => r.id));
    for (const u of chain.users) {
      expect(u.scope.kind).toBe(ROLE_SCOPE_KIND[u.role]);
      expect(UserScopeSchema.safeParse(u.scope).success).toBe(true);
      expect(LanguageSchema.safeParse(u.language).success).toBe(true);
      if (u.scope.kind === 'store') expect(storeIds.has(u.scope.storeId)).toBe(true);
      if (u.scope.kind === 'region') expect(regionIds.has(u.scope.regionId)).toBe(true);
    }
  });

  it('uses the demo secrets: PINs at the counter, passwords in the office', () => {
    expect(DEMO_SECRETS).toEqual({
      clerk: '1234',
      store_manager: '2468',
      regional_manager: '1357',
      finance: 'finance-demo',
      admin: 'admin-demo',
    });
    for (const u of chain.users) {
      expect(u.secret).toBe(DEMO_SECRETS[u.role]);
      if (u.secretKind === 'pin') expect(u.secret).toMatch(/^\d{4,6}$/);
      expect(u.secretKind).toBe(u.role === 'finance' || u.role === 'admin' ? 'password' : 'pin');
    }
  });

  it('names Japanese store staff in Japanese script, with one Chinese-reading clerk', () => {
    const jpStoreIds = new Set(chain.stores.filter((s) => s.countryCode === 'JP').map((s) => s.id));
    const jpStaff = chain.users.filter(
      (u) => u.scope.kind === 'store' && jpStoreIds.has(u.scope.storeId),
    );
    expect(jpStaff).toHaveLength(4);
    for (const u of jpStaff) expect(u.displayName).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(chain.users.filter((u) => u.language === 'zh-CN').map((u) => u.username)).toEqual([
      'clerk.os01',
    ]);
  });
});
