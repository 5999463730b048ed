import { sql, type Kysely } from 'kysely';

/**
 * The career record (docs/ARCHITECTURE.md, Domain model). Every row belongs to one user; `import_key` makes
 * re-importing the same JSON Resume update rows instead of duplicating them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE profiles (
      user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      label          text,
      phone          text,
      summary        text,
      url            text,
      location       jsonb NOT NULL DEFAULT '{}',
      links          jsonb NOT NULL DEFAULT '[]',
      extra_sections jsonb NOT NULL DEFAULT '{}',
      updated_at     timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE posts (
      id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      employer          text NOT NULL,
      employer_ods_code text,
      site              text,
      title             text NOT NULL,
      grade             text,
      specialty         text,
      contract          text NOT NULL CHECK (contract IN ('substantive', 'bank', 'agency', 'locum', 'fixed-term', 'honorary', 'other')),
      start_date        date NOT NULL,
      end_date          date,
      wte               numeric(3, 2) CHECK (wte > 0 AND wte <= 1.5),
      supervisor        text,
      summary           text,
      achievements      jsonb NOT NULL DEFAULT '[]',
      import_key        text,
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date IS NULL OR end_date >= start_date)
    )`.execute(db);

  await sql`
    CREATE TABLE education (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      institution text NOT NULL,
      study_type  text,
      area        text,
      start_date  date,
      end_date    date,
      score       text,
      import_key  text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE registrations (
      id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      body              text NOT NULL,
      number            text NOT NULL,
      jurisdiction      text,
      status            text,
      conditions        text,
      renewal_date      date,
      revalidation_date date,
      import_key        text,
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE training_catalogue (
      id              text PRIMARY KEY,
      name            text NOT NULL,
      validity_months integer NOT NULL CHECK (validity_months BETWEEN 1 AND 240),
      end_of_month    boolean NOT NULL DEFAULT false,
      updated_at      timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    INSERT INTO training_catalogue (id, name, validity_months, end_of_month) VALUES
      ('aha-bls', 'AHA Basic Life Support (BLS)', 24, true),
      ('aha-acls', 'AHA Advanced Cardiovascular Life Support (ACLS)', 24, true),
      ('aha-pals', 'AHA Pediatric Advanced Life Support (PALS)', 24, true),
      ('apls', 'Advanced Paediatric Life Support (APLS)', 48, false),
      ('atls', 'Advanced Trauma Life Support (ATLS)', 48, false),
      ('als', 'Advanced Life Support (ALS)', 48, false),
      ('ils', 'Immediate Life Support (ILS)', 12, false),
      ('bls', 'Basic Life Support (BLS)', 12, false),
      ('safeguarding-l3', 'Safeguarding Level 3', 36, false),
      ('information-governance', 'Information Governance', 12, false)`.execute(db);

  await sql`
    CREATE TABLE documents (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      type        text NOT NULL CHECK (type IN ('certificate', 'registration', 'dbs', 'identity', 'cv', 'reference', 'other')),
      filename    text NOT NULL,
      mime_type   text NOT NULL CHECK (mime_type IN ('application/pdf', 'image/png', 'image/jpeg')),
      size_bytes  integer NOT NULL,
      sha256      text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      wrapped_key text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE training (
      id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      catalogue_id  text REFERENCES training_catalogue (id),
      name          text NOT NULL,
      provider      text,
      completed_on  date NOT NULL,
      expires_on    date,
      expiry_source text NOT NULL CHECK (expiry_source IN ('given', 'catalogue', 'none')),
      import_key    text,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE dbs_checks (
      id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id                     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      level                       text NOT NULL CHECK (level IN ('basic', 'standard', 'enhanced', 'enhanced-barred')),
      workforce                   text NOT NULL CHECK (workforce IN ('child', 'adult', 'both', 'other')),
      certificate_number          text NOT NULL,
      issue_date                  date NOT NULL,
      update_service              boolean NOT NULL DEFAULT false,
      update_service_renewal_date date,
      status_checks               jsonb NOT NULL DEFAULT '[]',
      import_key                  text,
      created_at                  timestamptz NOT NULL DEFAULT now(),
      updated_at                  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // A document can back any record.
  await sql`
    CREATE TABLE record_documents (
      document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      record_type text NOT NULL CHECK (record_type IN ('post', 'registration', 'training', 'dbs', 'education', 'timecard')),
      record_id   uuid NOT NULL,
      PRIMARY KEY (document_id, record_type, record_id)
    )`.execute(db);
  await sql`CREATE INDEX record_documents_record ON record_documents (record_type, record_id)`.execute(db);

  for (const table of ['posts', 'education', 'registrations', 'training', 'dbs_checks']) {
    await sql.raw(`CREATE INDEX ${table}_user ON ${table} (user_id)`).execute(db);
    await sql.raw(`CREATE UNIQUE INDEX ${table}_import_key ON ${table} (user_id, import_key) WHERE import_key IS NOT NULL`).execute(db);
  }
  await sql`CREATE INDEX documents_user ON documents (user_id)`.execute(db);

  // Embeddings of record items for retrieval. No fixed dimension: each row says which model
  // made it, and search is exact over one user's rows (docs/ARCHITECTURE.md, Retrieval), so no index needs one.
  await sql`
    CREATE TABLE record_embeddings (
      user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      record_type  text NOT NULL,
      record_id    uuid NOT NULL,
      model        text NOT NULL,
      content_hash text NOT NULL,
      embedding    vector NOT NULL,
      updated_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (record_type, record_id)
    )`.execute(db);
  await sql`CREATE INDEX record_embeddings_user ON record_embeddings (user_id)`.execute(db);
}
