import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';

/** The meta tag cannot import the shared policy, so this keeps it from drifting. */
describe('renderer/index.html', () => {
  it('carries the shared Content-Security-Policy in its meta tag', () => {
    const html = readFileSync(
      resolve(import.meta.dirname, '..', '..', 'renderer', 'index.html'),
      'utf8',
    );
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  });
});
