import { sql, type Kysely } from 'kysely';

/**
 * Assistant conversations. Message content is stored only after redaction (docs/ARCHITECTURE.md, Redaction);
 * the per-conversation pseudonym map, which can undo it, is sealed with the master key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE conversations (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      title           text NOT NULL,
      pseudonyms      text,
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX conversations_user ON conversations (user_id, updated_at DESC)`.execute(db);
  await sql`
    CREATE TABLE messages (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role            text NOT NULL CHECK (role IN ('user', 'assistant')),
      content         text NOT NULL,
      cv_request_id   uuid REFERENCES cv_requests (id) ON DELETE SET NULL,
      usage           jsonb,
      created_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX messages_conversation ON messages (conversation_id, created_at)`.execute(db);
  await sql`CREATE INDEX messages_retention ON messages (user_id, created_at)`.execute(db);
}
