import { describe, expect, it } from 'vitest';
import { PRODUCT_CATEGORIES } from '../../demo-data/catalogue';
import {
  allowedDispositions,
  allowedDispositionsWith,
  bestGradeAllowed,
  checkSerial,
  CONDITION_GRADES,
  DEFAULT_QC_CHECKLISTS,
  DEFECT_CODE_LIST,
  DEFECT_CODES,
  defectsFor,
  DISPOSITIONS,
  environmentalTags,
  GRADE_MAPPING,
  qcChecklistFor,
} from './qc';

describe('condition grades', () => {
  it('map to Amazon listing conditions and liquidation grades', () => {
    expect(GRADE_MAPPING.NEW).toEqual({
      listingCondition: { conditionType: 'NEW', conditionSubtype: 'NEW', label: 'New' },
      liquidationGrade: 'A',
    });
    expect(GRADE_MAPPING.LIKE_NEW.listingCondition?.conditionSubtype).toBe('MINT');
    expect(GRADE_MAPPING.UNSELLABLE).toEqual({ listingCondition: null, liquidationGrade: 'D' });
    // Worse grades never map to a better liquidation grade.
    const liquidation = CONDITION_GRADES.map((g) => GRADE_MAPPING[g].liquidationGrade);
    expect([...liquidation].sort()).toEqual(liquidation);
  });

  it('never shelves an unsellable unit or destroys a sellable one', () => {
    expect(allowedDispositions('UNSELLABLE')).not.toContain('RESTOCK_STORE');
    expect(allowedDispositions('NEW')).not.toContain('DESTROY_RECYCLE');
    expect(allowedDispositions('NEW')).toContain('RESTOCK_STORE');
    for (const grade of CONDITION_GRADES) {
      expect(allowedDispositions(grade).length, grade).toBeGreaterThan(0);
      for (const d of allowedDispositions(grade)) expect(DISPOSITIONS).toContain(d);
    }
  });
});

describe('defects', () => {
  it('are unique, offered per category, and named in the code list', () => {
    expect(new Set(DEFECT_CODE_LIST).size).toBe(DEFECT_CODES.length);
    for (const d of DEFECT_CODES) {
      if (d.categories !== 'all')
        for (const c of d.categories) expect(PRODUCT_CATEGORIES).toContain(c);
    }
    expect(defectsFor('electronics')).toContain('cracked_screen');
    expect(defectsFor('apparel')).not.toContain('cracked_screen');
    expect(defectsFor('unknown-category')).toContain('not_working');
  });

  it('cap the grade, sometimes per category', () => {
    expect(bestGradeAllowed('electronics', [])).toBe('NEW');
    expect(bestGradeAllowed('electronics', ['packaging_damaged', 'scratched'])).toBe('VERY_GOOD');
    expect(bestGradeAllowed('books_media', ['seal_broken'])).toBe('LIKE_NEW');
    expect(bestGradeAllowed('beauty_hygiene', ['seal_broken'])).toBe('UNSELLABLE');
    expect(bestGradeAllowed('apparel', ['stained'])).toBe('UNSELLABLE');
    expect(bestGradeAllowed('home', ['stained'])).toBe('ACCEPTABLE');
  });

  it('send a swollen battery only to recycling', () => {
    expect(allowedDispositionsWith('UNSELLABLE', ['battery_swollen'])).toEqual(['DESTROY_RECYCLE']);
    expect(allowedDispositionsWith('UNSELLABLE', ['cracked_screen'])).toEqual(
      allowedDispositions('UNSELLABLE'),
    );
  });
});

describe('checklists and tags', () => {
  it('has a checklist for every catalogue category, with unique ids and i18n keys', () => {
    expect(Object.keys(DEFAULT_QC_CHECKLISTS).sort()).toEqual([...PRODUCT_CATEGORIES].sort());
    for (const category of PRODUCT_CATEGORIES) {
      const list = DEFAULT_QC_CHECKLISTS[category];
      expect(new Set(list.map((c) => c.id)).size, category).toBe(list.length);
      for (const item of list) expect(item.labelKey).toBe(`returns.qc.check.${item.id}`);
    }
    expect(DEFAULT_QC_CHECKLISTS.electronics.map((c) => c.id)).toContain('serial_matches');
  });

  it('lets the chain replace a category’s checklist and falls back for unknown categories', () => {
    const own = [{ id: 'x', labelKey: 'chain.x' }];
    expect(qcChecklistFor('toys', { toys: own })).toBe(own);
    expect(qcChecklistFor('toys')).toBe(DEFAULT_QC_CHECKLISTS.toys);
    expect(qcChecklistFor('garden').map((c) => c.id)).toEqual([
      'matches_order',
      'packaging_present',
    ]);
    expect(qcChecklistFor('constructor').map((c) => c.id)).toEqual([
      'matches_order',
      'packaging_present',
    ]);
  });

  it('tags electronics for WEEE and battery collection', () => {
    expect(environmentalTags('electronics')).toEqual(['WEEE', 'BATTERY']);
    expect(environmentalTags('apparel')).toEqual([]);
    expect(environmentalTags('toString')).toEqual([]);
  });
});

describe('checkSerial', () => {
  it('compares without case and whitespace', () => {
    expect(checkSerial('VA7-00123', ' va7-00123\n')).toBe('match');
    expect(checkSerial('VA7 00123', 'VA700123')).toBe('match');
    expect(checkSerial('VA7-00123', 'VA7-00124')).toBe('mismatch');
    expect(checkSerial('VA7-00123', 'VA700123')).toBe('mismatch');
  });

  it('tells a missing scan from an item without a serial', () => {
    expect(checkSerial('VA7-00123', null)).toBe('missing');
    expect(checkSerial('VA7-00123', '   ')).toBe('missing');
    expect(checkSerial(null, 'VA7-00123')).toBe('not_applicable');
    expect(checkSerial('', null)).toBe('not_applicable');
  });
});
