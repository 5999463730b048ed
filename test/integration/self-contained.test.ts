import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands on its own: no tracked file reads or cites a path outside it (a clone
 * has nothing beside it) or a design document it does not hold.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
// Built from parts, so this file does not itself name what it looks for.
const OUTSIDE = [['..', 'shared'].join('/'), ['DESIGN', 'md'].join('.')];

describe('a clone with nothing beside it', () => {
  it('has no tracked file that names a path outside the repository', () => {
    const found = OUTSIDE.flatMap((needle) => {
      try {
        // -F: the needle as written; -l: file names. Exit 1 means nothing found.
        return execFileSync('git', ['grep', '-lF', needle, '--', '.'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
      } catch (err) {
        if ((err as { status?: number }).status === 1) return [];
        throw err;
      }
    });
    expect(found).toEqual([]);
  });
});
