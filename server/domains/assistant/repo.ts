import type { DbOrTx } from '../../platform/db/transaction.ts';

export async function insertConversation(db: DbOrTx, row: { user_id: string; title: string; created_at: Date }) {
  return db
    .insertInto('conversations')
    .values({ ...row, updated_at: row.created_at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findConversation(db: DbOrTx, userId: string, id: string) {
  return db.selectFrom('conversations').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function findConversations(db: DbOrTx, userId: string) {
  return db.selectFrom('conversations').select(['id', 'title', 'created_at', 'updated_at']).where('user_id', '=', userId).orderBy('updated_at', 'desc').limit(100).execute();
}

export async function savePseudonyms(db: DbOrTx, id: string, sealed: string, now: Date) {
  await db.updateTable('conversations').set({ pseudonyms: sealed, updated_at: now }).where('id', '=', id).execute();
}

export async function deleteConversation(db: DbOrTx, userId: string, id: string) {
  return db.deleteFrom('conversations').where('user_id', '=', userId).where('id', '=', id).returning('id').executeTakeFirst();
}

export async function insertMessage(
  db: DbOrTx,
  row: { conversation_id: string; user_id: string; role: 'user' | 'assistant'; content: string; cv_request_id?: string | null; usage?: string; created_at: Date },
) {
  return db.insertInto('messages').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMessages(db: DbOrTx, conversationId: string, limit: number) {
  const rows = await db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.reverse();
}

/** Deletes up to `batch` messages older than each user's retention; returns how many went. */
export async function deleteExpiredMessages(db: DbOrTx, userId: string, before: Date, batch: number) {
  const doomed = await db.selectFrom('messages').select('id').where('user_id', '=', userId).where('created_at', '<', before).limit(batch).execute();
  if (!doomed.length) return 0;
  const deleted = await db
    .deleteFrom('messages')
    .where(
      'id',
      'in',
      doomed.map((d) => d.id),
    )
    .returning('id')
    .execute();
  return deleted.length;
}

export async function deleteEmptyConversations(db: DbOrTx, userId: string) {
  const rows = await db
    .deleteFrom('conversations')
    .where('user_id', '=', userId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('messages').select('id').whereRef('messages.conversation_id', '=', 'conversations.id'))))
    .returning('id')
    .execute();
  return rows.length;
}

export async function findUsersWithMessagesBefore(db: DbOrTx, before: Date, limit: number) {
  return db.selectFrom('messages').select('user_id').distinct().where('created_at', '<', before).limit(limit).execute();
}

/** The advert last pasted in a conversation (its CV request holds the text), for follow-up questions. */
export async function findLatestAdvert(db: DbOrTx, userId: string, conversationId: string) {
  return db
    .selectFrom('messages')
    .innerJoin('cv_requests', 'cv_requests.id', 'messages.cv_request_id')
    .select(['cv_requests.job_description'])
    .where('messages.conversation_id', '=', conversationId)
    .where('cv_requests.user_id', '=', userId)
    .orderBy('messages.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
