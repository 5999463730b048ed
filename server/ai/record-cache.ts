import { LRUCache } from 'lru-cache';
import type { Db } from '../platform/db/database.ts';
import { loadAiRecord, type AiRecord } from './record-view.ts';

/** Where the assistant gets a clinician's AI record: a cache in front of `loadAiRecord`. */
export interface AiRecordSource {
  /** Outside a transaction only: a copy made from uncommitted rows could outlive a rollback. */
  load(db: Db, userId: string, now: Date): Promise<AiRecord>;
  /** How many clinicians' records are held now. */
  readonly held: number;
}

export interface AiRecordCacheOptions {
  /** Clinicians whose records are kept. */
  max?: number;
  /** Characters of the records' JSON kept in all (a large record counts for more). */
  maxChars?: number;
  /** How long a record is kept after its last use: personal data should not linger in memory. */
  ttlMs?: number;
}

/**
 * Recently used AI records, kept in this process and checked against the clinician's record
 * version (migration 0060) on every use: one small read instead of the twenty a record takes,
 * on the path to the assistant's first token. The version moves at the commit of any change to
 * what the record is built from, in any process, so a copy is used only while it is current.
 * An erased account's copy goes when its time is up, whether or not it is asked for again.
 *
 * The version is read before the record, never alongside it: a record read first could miss a
 * change committed just before the version was read, and be kept as current under it.
 *
 * Each caller gets its own copy, so code that sorts or trims what it was given cannot change
 * what the next caller sees. The record's contents are the same whatever `now` is (approved
 * shifts are finished, so their hours are fixed), which is why `now` is not part of the key.
 */
export function createAiRecordCache(options: AiRecordCacheOptions = {}): AiRecordSource {
  const cache = new LRUCache<string, { version: string; record: AiRecord }>({
    max: options.max ?? 500,
    maxSize: options.maxChars ?? 100_000_000,
    sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.record).length),
    ttl: options.ttlMs ?? 10 * 60_000,
    updateAgeOnGet: true,
    ttlAutopurge: true,
  });
  return {
    async load(db, userId, now) {
      const version = await readVersion(db, userId);
      const kept = cache.get(userId);
      if (version !== undefined && kept?.version === version) return structuredClone(kept.record);
      const record = await loadAiRecord(db, userId, now);
      if (version === undefined) cache.delete(userId);
      else cache.set(userId, { version, record: structuredClone(record) });
      return record;
    },
    get held() {
      return cache.size;
    },
  };
}

async function readVersion(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('record_versions').select('version').where('user_id', '=', userId).executeTakeFirst();
  return row ? String(row.version) : undefined;
}
