import { describe, expect, it } from 'vitest';
import { SPAPI_OPERATION_NAMES, findOperation, usagePlanFromDescription } from '../models';
import { PUBLISHED_USAGE_PLANS } from './published-limits';

describe('published usage plans', () => {
  it.each(SPAPI_OPERATION_NAMES)('%s matches the table in its model description', (name) => {
    const fromModel = usagePlanFromDescription(findOperation(name).spec.description ?? '');
    expect(fromModel).not.toBeNull();
    expect(PUBLISHED_USAGE_PLANS[name]).toEqual(fromModel);
  });

  it('reads the table format Amazon uses', () => {
    const text = 'x\n\n| Rate (requests per second) | Burst |\n| ---- | ---- |\n| 0.0083 | 15 |\n';
    expect(usagePlanFromDescription(text)).toEqual({ rate: 0.0083, burst: 15 });
    expect(usagePlanFromDescription('no table here')).toBeNull();
  });
});
