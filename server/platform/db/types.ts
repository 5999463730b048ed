import type { ColumnType, Generated } from 'kysely';

/** Kysely table types. Each domain adds its tables here as its migrations create them. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<string>;
  name: string;
  payload: ColumnType<unknown, string, string>;
  dedupe_key: string | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  run_after: Timestamp;
  heartbeat_at: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export type UserRole = 'clinician' | 'platform_admin';

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: 'trust' | 'practice' | 'agency' | 'other';
  created_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  profession: 'doctor' | 'nurse' | 'midwife' | 'ahp' | 'other' | null;
  home_nation: 'england' | 'scotland' | 'wales' | 'northern-ireland' | 'other' | null;
  time_zone: ColumnType<string, string | undefined, string>;
  email_verified_at: NullableTimestamp;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: number | null;
  locked_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  user_agent: string | null;
  ip_prefix: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

export interface EmailTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: EmailTokenPurpose;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  role: 'member' | 'admin';
  joined_at: Timestamp;
}

export interface PlansTable {
  id: string;
  name: string;
  monthly_assistant_messages: number;
  monthly_cv_generations: number;
  monthly_llm_tokens: number;
  active_share_links: number;
  conversation_retention_days: number;
  updated_at: Timestamp;
}

export interface SubscriptionsTable {
  id: Generated<string>;
  plan_id: string;
  user_id: string | null;
  organisation_id: string | null;
  status: ColumnType<'active' | 'cancelled', 'active' | 'cancelled' | undefined, 'active' | 'cancelled'>;
  started_at: Timestamp;
  cancelled_at: NullableTimestamp;
}

export type UsageMetric = 'assistant_messages' | 'cv_generations' | 'llm_tokens';

export interface UsageLedgerTable {
  id: Generated<string>;
  user_id: string;
  metric: UsageMetric;
  kind: 'hold' | 'charge';
  amount: number;
  request_id: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  released_at: NullableTimestamp;
}

export type AuditActorType = 'user' | 'system' | 'verifier' | 'recruiter' | 'admin';

export interface AuditEventsTable {
  id: Generated<number>;
  chain_id: string;
  seq: number;
  actor_type: AuditActorType;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
  created_at: Timestamp;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadsTable {
  chain_id: string;
  last_seq: number;
  last_hash: string;
  head_mac: string;
}

export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | null;
}

export interface Database {
  jobs: JobsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  recovery_codes: RecoveryCodesTable;
  organisation_members: OrganisationMembersTable;
  plans: PlansTable;
  subscriptions: SubscriptionsTable;
  usage_ledger: UsageLedgerTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  rate_limits: RateLimitsTable;
}
