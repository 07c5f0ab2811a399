import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePathId, resolvePath, reviewPath } from '../../../adapters/web/ids.ts';

describe('the playground path id codec', () => {
  it('round-trips any id through a path segment', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        const segment = reviewPath(id).slice('/api/reviews/'.length);
        expect(segment).not.toContain('/');
        expect(decodePathId(segment)).toBe(id);
        expect(resolvePath(id)).toBe(`${reviewPath(id)}/resolve`);
      }),
    );
  });

  it('decodes without throwing: malformed escapes and missing segments are null', () => {
    for (const bad of ['%E0%A4%A', '%', '%zz', '', undefined]) expect(decodePathId(bad)).toBeNull();
    expect(decodePathId('a%2Fb')).toBe('a/b');
    expect(decodePathId('6650f0c0a1b2c3d4e5f60718')).toBe('6650f0c0a1b2c3d4e5f60718');
  });
});
