/**
 * Text embeddings behind one interface. The local hashing embedder needs no model weights or
 * network (docs/ARCHITECTURE.md, Embedded defaults): it is the embedded default and works offline.
 */
export interface Embedder {
  /** Stored beside each vector; rows made by another model are re-embedded. */
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
}

/** FNV-1a, 32-bit: fast, well spread, and stable across machines and releases. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Feature hashing of words, word bigrams and character trigrams into `dimensions` buckets, each
 * with a hash-chosen sign, then L2 normalisation. Words carry most weight; trigrams let
 * "paediatric" and "pediatric", or "ALS" inside "RCUK-ALS", still meet.
 */
export function createHashingEmbedder(dimensions: number): Embedder {
  const vectorFor = (text: string): number[] => {
    const v = new Array<number>(dimensions).fill(0);
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      v[h % dimensions]! += (h & 0x80000000 ? -1 : 1) * weight;
    };
    const words = (text.toLowerCase().normalize('NFKD').match(WORD) ?? []).map((w) => w.replace(/\p{M}/gu, ''));
    words.forEach((word, i) => {
      add(`w:${word}`, 1);
      if (i > 0) add(`b:${words[i - 1]} ${word}`, 0.7);
      const padded = `^${word}$`;
      for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.25);
    });
    const norm = Math.hypot(...v);
    return norm > 0 ? v.map((x) => x / norm) : v;
  };
  return {
    model: `local-hash-v1-${dimensions}`,
    dimensions,
    embed: async (texts) => texts.map(vectorFor),
  };
}
