import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { ShareViewKind } from '../../platform/db/types.ts';

export async function insertShare(
  db: DbOrTx,
  row: {
    user_id: string;
    cv_request_id: string;
    pdf_id: string;
    recipient_email: string;
    recipient_name: string | null;
    message: string | null;
    token_hash: string;
    passcode_hash: string | null;
    expires_at: Date;
    max_views: number | null;
    created_at: Date;
  },
) {
  return db.insertInto('share_links').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findShares(db: DbOrTx, userId: string) {
  return db.selectFrom('share_links').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export async function findShare(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('share_links').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function findShareByTokenHash(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('share_links')
    .innerJoin('users', 'users.id', 'share_links.user_id')
    .selectAll('share_links')
    .select(['users.name as clinician_name', 'users.email as clinician_email', 'users.locked_at as owner_locked_at'])
    .where('share_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Serialises share creation per user, so the plan's cap on active links cannot be raced. */
export async function lockUserShares(db: DbOrTx, userId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`shares:${userId}`}, 0))`.execute(db);
}

export async function countActiveShares(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('share_links')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) => eb.or([eb('max_views', 'is', null), eb('view_count', '<', eb.ref('max_views'))]))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function revokeShare(db: DbOrTx, userId: string, id: string, now: Date) {
  return db.updateTable('share_links').set({ revoked_at: now }).where('user_id', '=', userId).where('id', '=', id).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
}

/** Counts a PDF view if the link still allows one; undefined when it is used up. */
export async function countView(db: DbOrTx, id: string, now: Date) {
  return db
    .updateTable('share_links')
    .set({ view_count: sql`view_count + 1`, first_viewed_at: sql`coalesce(first_viewed_at, ${now}::timestamptz)` })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('max_views', 'is', null), eb('view_count', '<', eb.ref('max_views'))]))
    .returning(['view_count', 'first_viewed_at'])
    .executeTakeFirst();
}

export async function insertView(
  db: DbOrTx,
  view: { share_id: string; user_id: string; kind: ShareViewKind; item_id?: string | null; ip_prefix: string | null; user_agent: string | null; viewed_at: Date },
) {
  await db.insertInto('share_views').values(view).execute();
}

export async function findViews(db: DbOrTx, shareIds: string[]) {
  if (!shareIds.length) return [];
  return db.selectFrom('share_views').selectAll().where('share_id', 'in', shareIds).orderBy('viewed_at').execute();
}

// ---- the compliance pack

export async function insertShareItems(db: DbOrTx, rows: Array<{ share_id: string; user_id: string; item_type: 'document' | 'credential'; item_id: string; position: number }>) {
  if (rows.length) await db.insertInto('share_items').values(rows).execute();
}

export async function findShareItems(db: DbOrTx, shareIds: string[]) {
  if (!shareIds.length) return [];
  return db.selectFrom('share_items').selectAll().where('share_id', 'in', shareIds).orderBy('position').execute();
}

export async function findShareItem(db: DbOrTx, shareId: string, itemType: 'document' | 'credential', itemId: string) {
  return db.selectFrom('share_items').selectAll().where('share_id', '=', shareId).where('item_type', '=', itemType).where('item_id', '=', itemId).executeTakeFirst();
}
