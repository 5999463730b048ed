import { describe, expect, it } from 'vitest';
import { createHashingEmbedder } from './embedder.ts';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('local hashing embedder', () => {
  const embedder = createHashingEmbedder(384);

  it('is deterministic, L2-normalised and of the configured dimension', async () => {
    const [a, b] = await embedder.embed(['Advanced Life Support', 'Advanced Life Support']);
    expect(a).toHaveLength(384);
    expect(a).toEqual(b);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 6);
    expect(embedder.model).toBe('local-hash-v1-384');
  });

  it('ranks related clinical text above unrelated text', async () => {
    const [query, related, unrelated] = await embedder.embed([
      'emergency medicine registrar resuscitation and trauma',
      'Ran the resuscitation area as shop-floor registrar in a major trauma centre emergency department',
      'Completed the information governance e-learning module',
    ]);
    expect(cosine(query!, related!)).toBeGreaterThan(cosine(query!, unrelated!) + 0.1);
  });

  it('gives an empty text a zero vector rather than NaN', async () => {
    const [v] = await embedder.embed(['']);
    expect(v!.every((x) => x === 0)).toBe(true);
  });
});
