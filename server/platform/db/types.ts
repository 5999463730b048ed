import type { LinkableType } from '../../domains/record/schema.ts';
import type { ColumnType, Generated } from 'kysely';
import type { CvTemplate as TemplateChoice } from '../../domains/cvs/schema.ts';

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
  processing_restricted_at: NullableTimestamp;
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

export type EmailTokenPurpose = 'verify_email' | 'reset_password' | 'unlock_sign_in';

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
  consent_scope: ColumnType<ConsentScope[], string | undefined, string>;
  consented_at: NullableTimestamp;
}

/** What a member lets their organisation see (organisations/consent.ts). */
export type ConsentScope = 'registration' | 'dbs' | 'training' | 'evidence';

export interface OrganisationInvitationsTable {
  id: Generated<string>;
  organisation_id: string;
  invited_by: string;
  email: string | null;
  role: 'member' | 'admin';
  scope: ColumnType<ConsentScope[], string, string>;
  token_hash: string;
  status: ColumnType<'pending' | 'accepted' | 'declined' | 'revoked', 'pending' | undefined, 'pending' | 'accepted' | 'declined' | 'revoked'>;
  expires_at: Timestamp;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
}

export interface PlansTable {
  id: string;
  name: string;
  monthly_assistant_messages: number;
  monthly_cv_generations: number;
  monthly_llm_tokens: number;
  active_share_links: number;
  conversation_retention_days: number;
  /** List price a month, in pence; null when the plan is not for sale (migration 0051). */
  monthly_price_pence: number | null;
  priced_per_seat: Generated<boolean>;
  updated_at: Timestamp;
}

export interface SubscriptionsTable {
  id: Generated<string>;
  plan_id: string;
  user_id: string | null;
  organisation_id: string | null;
  status: ColumnType<SubscriptionStatus, SubscriptionStatus | undefined, SubscriptionStatus>;
  started_at: Timestamp;
  cancelled_at: NullableTimestamp;
  stripe_subscription_id: string | null;
  /** Stripe's own status word (active, past_due, ...), for what the API says; `status` decides the plan. */
  stripe_status: string | null;
  /** Members a team plan pays for; null when not limited (a plan assigned by an admin). */
  seats: number | null;
  last_event_at: NullableTimestamp;
  last_event_id: string | null;
}

export type SubscriptionStatus = 'active' | 'cancelled' | 'suspended';

export interface BillingCustomersTable {
  stripe_customer_id: string;
  user_id: string | null;
  organisation_id: string | null;
  created_at: Timestamp;
}

export interface StripeEventsTable {
  id: string;
  type: string;
  received_at: Timestamp;
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
  period_start: DateColumn;
}

export interface UsageBalancesTable {
  user_id: string;
  metric: UsageMetric;
  period_start: DateColumn;
  used: ColumnType<number, number | undefined, number>;
  held: ColumnType<number, number | undefined, number>;
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

type DateColumn = ColumnType<string, string, string>;
type NullableDateColumn = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface ProfilesTable {
  user_id: string;
  label: string | null;
  phone: string | null;
  summary: string | null;
  url: string | null;
  location: Json<Record<string, string>>;
  links: Json<Array<Record<string, string>>>;
  extra_sections: Json<Record<string, unknown>>;
  /** The locum profile (domains/profile): what the one-page locum CV prints beside compliance. */
  specialties: Json<string[]>;
  shift_patterns: Json<string[]>;
  notice_days: number | null;
  regions: Json<string[]>;
  travel_radius_miles: number | null;
  available_from: NullableDateColumn;
  updated_at: Timestamp;
}

export type PostContract = 'substantive' | 'bank' | 'agency' | 'locum' | 'fixed-term' | 'honorary' | 'other';

export interface PostsTable {
  id: Generated<string>;
  user_id: string;
  employer: string;
  employer_ods_code: string | null;
  site: string | null;
  title: string;
  grade: string | null;
  specialty: string | null;
  contract: PostContract;
  start_date: DateColumn;
  end_date: NullableDateColumn;
  wte: ColumnType<string | null, number | null | undefined, number | null>;
  supervisor: string | null;
  summary: string | null;
  achievements: Json<string[]>;
  location: string | null;
  description: string | null;
  url: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EducationTable {
  id: Generated<string>;
  user_id: string;
  institution: string;
  study_type: string | null;
  area: string | null;
  start_date: NullableDateColumn;
  end_date: NullableDateColumn;
  score: string | null;
  url: string | null;
  courses: Json<string[]>;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegistrationsTable {
  id: Generated<string>;
  user_id: string;
  body: string;
  number: string;
  jurisdiction: string | null;
  status: string | null;
  conditions: string | null;
  renewal_date: NullableDateColumn;
  revalidation_date: NullableDateColumn;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingCatalogueTable {
  id: string;
  name: string;
  validity_months: number;
  end_of_month: boolean;
  updated_at: Timestamp;
}

export interface DocumentsTable {
  id: Generated<string>;
  user_id: string;
  type: 'certificate' | 'registration' | 'dbs' | 'identity' | 'cv' | 'reference' | 'other';
  filename: string;
  mime_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  size_bytes: number;
  sha256: string;
  storage_key: string;
  wrapped_key: string;
  uploaded_at: Timestamp;
}

export interface ActivitiesTable {
  id: Generated<string>;
  user_id: string;
  category: 'audit' | 'quality-improvement' | 'teaching' | 'presentation' | 'poster' | 'leadership' | 'management' | 'project';
  title: string;
  organisation: string | null;
  roles: Json<string[]>;
  start_date: NullableDateColumn;
  end_date: NullableDateColumn;
  description: string | null;
  highlights: Json<string[]>;
  keywords: Json<string[]>;
  url: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PublicationsTable {
  id: Generated<string>;
  user_id: string;
  title: string;
  publication_type: string;
  authors: string | null;
  publisher: string | null;
  published_on: NullableDateColumn;
  doi: string | null;
  pmid: string | null;
  url: string | null;
  summary: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AwardsTable {
  id: Generated<string>;
  user_id: string;
  title: string;
  awarder: string | null;
  awarded_on: NullableDateColumn;
  summary: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CoursesTable {
  id: Generated<string>;
  user_id: string;
  title: string;
  format: 'course' | 'conference' | 'workshop' | 'e-learning' | 'other';
  organiser: string | null;
  start_date: DateColumn;
  end_date: NullableDateColumn;
  /** numeric: read back as a string. */
  cpd_hours: ColumnType<string | null, number | null | undefined, number | null>;
  reflection: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Clinical skills and procedures: logbook counts and supervision levels, and JSON Resume's skills. */
export interface ClinicalSkillsTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  supervision: 'independent' | 'supervised' | 'observed' | null;
  proficiency: string | null;
  performed: number | null;
  period_start: NullableDateColumn;
  period_end: NullableDateColumn;
  keywords: Json<string[]>;
  logbook: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LanguagesTable {
  id: Generated<string>;
  user_id: string;
  language: string;
  fluency: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  id: Generated<string>;
  user_id: string;
  organisation: string;
  grade: string | null;
  post_nominals: string | null;
  since: NullableDateColumn;
  until: NullableDateColumn;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A clinician's referees: contact details shared on request only, never sent to a model. */
export interface RefereesTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  position: string | null;
  organisation: string | null;
  relationship: string | null;
  email: string | null;
  phone: string | null;
  reference: string | null;
  show_on_cv: Generated<boolean>;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingTable {
  id: Generated<string>;
  user_id: string;
  catalogue_id: string | null;
  name: string;
  provider: string | null;
  completed_on: DateColumn;
  expires_on: NullableDateColumn;
  expiry_source: 'given' | 'catalogue' | 'none';
  url: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DbsChecksTable {
  id: Generated<string>;
  user_id: string;
  level: 'basic' | 'standard' | 'enhanced' | 'enhanced-barred';
  workforce: 'child' | 'adult' | 'both' | 'other';
  certificate_number: string;
  issue_date: DateColumn;
  update_service: boolean;
  update_service_renewal_date: NullableDateColumn;
  status_checks: Json<Array<{ checkedOn: string; result: string }>>;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A record kind (`domains/record/schema.ts`, the one list) or a time card. */
export type RecordType = LinkableType;

export interface RecordDocumentsTable {
  document_id: string;
  user_id: string;
  record_type: RecordType;
  record_id: string;
}

export interface RecordEmbeddingsTable {
  user_id: string;
  record_type: string;
  record_id: string;
  model: string;
  content_hash: string;
  embedding: ColumnType<string, string, string>;
  updated_at: Timestamp;
}

export type TimecardStatus = 'open' | 'submitted' | 'approved' | 'rejected';

export interface TimecardsTable {
  id: Generated<string>;
  user_id: string;
  employer: string;
  site: string | null;
  role: string;
  clock_in: Timestamp;
  clock_out: NullableTimestamp;
  break_minutes: ColumnType<number, number | undefined, number>;
  break_started_at: NullableTimestamp;
  time_zone: string;
  status: ColumnType<TimecardStatus, TimecardStatus | undefined, TimecardStatus>;
  rejection_reason: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  notes: string | null;
  import_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type VerificationStatus = 'requested' | 'confirmed' | 'disputed' | 'expired' | 'cancelled' | 'superseded';

export interface VerificationsTable {
  id: Generated<string>;
  user_id: string;
  subject_type: 'post' | 'timecard';
  subject_id: string;
  verifier_name: string;
  verifier_email: string;
  relationship: string;
  token_hash: string;
  status: ColumnType<VerificationStatus, VerificationStatus | undefined, VerificationStatus>;
  comment: string | null;
  snapshot: Json<Record<string, unknown>>;
  requested_at: Timestamp;
  expires_at: Timestamp;
  responded_at: NullableTimestamp;
  responder_name: string | null;
  responder_role: string | null;
  responder_organisation: string | null;
  responder_registration_body: string | null;
  responder_registration_number: string | null;
  declared_at: NullableTimestamp;
  email_kind: RefereeEmailKind | null;
  email_domain: string | null;
}

export type RefereeEmailKind = 'employer' | 'nhs' | 'personal' | 'other';

export interface RemindersSentTable {
  user_id: string;
  item_type: string;
  item_id: string;
  threshold: '90' | '30' | '7' | 'expired';
  item_date: DateColumn;
  sent_at: Timestamp;
}

export interface CvRequestsTable {
  id: Generated<string>;
  user_id: string;
  job_description: string;
  template: ColumnType<TemplateChoice, TemplateChoice | undefined, TemplateChoice>;
  as_of: DateColumn;
  status: ColumnType<'queued' | 'running' | 'done' | 'failed', 'queued' | 'running' | 'done' | 'failed' | undefined, 'queued' | 'running' | 'done' | 'failed'>;
  stage: ColumnType<string, string | undefined, string>;
  composer: string | null;
  /** Prompt task -> version, for each LLM step the CV used (migration 0050). */
  prompt_versions: Json<Record<string, string>>;
  analysis: Json<unknown>;
  assessment: Json<unknown>;
  draft: Json<unknown>;
  removed: Json<unknown>;
  warnings: Json<unknown>;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: NullableTimestamp;
  pdf_id: string | null;
  show_referee_names: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ConversationsTable {
  id: Generated<string>;
  user_id: string;
  title: string;
  pseudonyms: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<string>;
  conversation_id: string;
  user_id: string;
  role: 'user' | 'assistant';
  content: string;
  cv_request_id: string | null;
  usage: Json<unknown>;
  created_at: Timestamp;
}

export interface CvPdfsTable {
  id: Generated<string>;
  user_id: string;
  content_hash: string;
  template: string;
  format: string;
  pages: number;
  size_bytes: number;
  render_ms: number;
  storage_key: string;
  wrapped_key: string;
  created_at: Timestamp;
}

export interface ShareLinksTable {
  id: Generated<string>;
  user_id: string;
  cv_request_id: string;
  pdf_id: string;
  recipient_email: string;
  recipient_name: string | null;
  message: string | null;
  token_hash: string;
  passcode_hash: string | null;
  expires_at: Timestamp;
  max_views: number | null;
  view_count: ColumnType<number, number | undefined, number>;
  revoked_at: NullableTimestamp;
  first_viewed_at: NullableTimestamp;
  created_at: Timestamp;
}

export type ShareViewKind = 'page' | 'pdf' | 'document' | 'credential';

export interface ShareViewsTable {
  id: Generated<string>;
  share_id: string;
  user_id: string;
  kind: ShareViewKind;
  item_id: string | null;
  ip_prefix: string | null;
  user_agent: string | null;
  viewed_at: Timestamp;
}

export type PrivacyRequestType = 'access' | 'erasure' | 'restriction' | 'objection';
export type PrivacyRequestStatus = 'received' | 'scheduled' | 'in_progress' | 'completed' | 'cancelled' | 'failed';

export interface PrivacyRequestsTable {
  id: Generated<string>;
  user_id: string | null;
  subject_ref: Generated<string>;
  type: PrivacyRequestType;
  source: 'user' | 'admin';
  status: PrivacyRequestStatus;
  received_at: Timestamp;
  due_at: Timestamp;
  scheduled_for: NullableTimestamp;
  completed_at: NullableTimestamp;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export type DataExportStatus = 'queued' | 'building' | 'ready' | 'failed' | 'expired';

export interface DataExportsTable {
  id: Generated<string>;
  user_id: string;
  request_id: string | null;
  status: DataExportStatus;
  storage_key: string | null;
  wrapped_key: string | null;
  size_bytes: number | null;
  files: number | null;
  error: string | null;
  created_at: Timestamp;
  ready_at: NullableTimestamp;
  expires_at: NullableTimestamp;
}

export interface FindingCommentsTable {
  user_id: string;
  finding_id: string;
  comment: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SigningKeysTable {
  kid: string;
  algorithm: 'EdDSA';
  public_jwk: Json<Record<string, string>>;
  private_key_sealed: string;
  created_at: Timestamp;
  retired_at: NullableTimestamp;
}

export interface CvChecksTable {
  id: Generated<string>;
  user_id: string;
  pdf_id: string;
  code_hash: string;
  pdf_sha256: string;
  signature: string;
  issued_at: Timestamp;
  withdrawn_at: NullableTimestamp;
}

export interface CvCheckCopiesTable {
  sha256: string;
  check_id: string;
  user_id: string;
  share_id: string | null;
  signature: string;
  created_at: Timestamp;
}

export type CredentialKind = 'post-confirmation' | 'shift-rollup' | 'registration' | 'dbs';
export type RevocationReason = 'superseded' | 'withdrawn' | 'no-longer-supported';

export interface StatusListsTable {
  id: number;
  purpose: 'revocation';
  size: number;
  created_at: Timestamp;
}

export interface StatusEntriesTable {
  list_id: number;
  idx: number;
  revoked_at: NullableTimestamp;
}

export interface CredentialsTable {
  id: Generated<string>;
  user_id: string;
  kind: CredentialKind;
  source_key: string;
  fingerprint: string;
  title: string;
  status_list_id: number;
  status_index: number;
  jwt: string;
  issued_at: Timestamp;
  revoked_at: NullableTimestamp;
  revocation_reason: RevocationReason | null;
}

export interface ShareItemsTable {
  share_id: string;
  user_id: string;
  item_type: 'document' | 'credential';
  item_id: string;
  position: number;
}

/** Moves at the commit of any change to what the AI record is built from (migration 0060). */
export interface RecordVersionsTable {
  user_id: string;
  version: ColumnType<string, never, never>;
  /** The transaction that last moved it: the triggers move it once per transaction. */
  changed_in: ColumnType<string | null, never, never>;
}

export interface Database {
  jobs: JobsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  recovery_codes: RecoveryCodesTable;
  organisation_members: OrganisationMembersTable;
  organisation_invitations: OrganisationInvitationsTable;
  plans: PlansTable;
  subscriptions: SubscriptionsTable;
  billing_customers: BillingCustomersTable;
  stripe_events: StripeEventsTable;
  usage_ledger: UsageLedgerTable;
  usage_balances: UsageBalancesTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  rate_limits: RateLimitsTable;
  profiles: ProfilesTable;
  posts: PostsTable;
  education: EducationTable;
  activities: ActivitiesTable;
  publications: PublicationsTable;
  awards: AwardsTable;
  courses: CoursesTable;
  clinical_skills: ClinicalSkillsTable;
  languages: LanguagesTable;
  memberships: MembershipsTable;
  referees: RefereesTable;
  registrations: RegistrationsTable;
  training_catalogue: TrainingCatalogueTable;
  documents: DocumentsTable;
  training: TrainingTable;
  dbs_checks: DbsChecksTable;
  record_documents: RecordDocumentsTable;
  record_embeddings: RecordEmbeddingsTable;
  timecards: TimecardsTable;
  verifications: VerificationsTable;
  reminders_sent: RemindersSentTable;
  cv_requests: CvRequestsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  cv_pdfs: CvPdfsTable;
  share_links: ShareLinksTable;
  share_views: ShareViewsTable;
  privacy_requests: PrivacyRequestsTable;
  data_exports: DataExportsTable;
  finding_comments: FindingCommentsTable;
  signing_keys: SigningKeysTable;
  cv_checks: CvChecksTable;
  cv_check_copies: CvCheckCopiesTable;
  status_lists: StatusListsTable;
  status_entries: StatusEntriesTable;
  credentials: CredentialsTable;
  share_items: ShareItemsTable;
  record_versions: RecordVersionsTable;
}
