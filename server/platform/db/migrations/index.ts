import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.ts';
import * as m0002 from './0002_accounts.ts';
import * as m0003 from './0003_audit.ts';
import * as m0004 from './0004_record.ts';
import * as m0005 from './0005_timecards_verifications.ts';
import * as m0006 from './0006_quotas.ts';
import * as m0007 from './0007_cv_requests.ts';
import * as m0008 from './0008_conversations.ts';
import * as m0009 from './0009_restriction.ts';
import * as m0010 from './0010_pdfs_shares.ts';
import * as m0011 from './0011_privacy.ts';
import * as m0012 from './0012_privacy_in_progress.ts';
import * as m0013 from './0013_import_is_a_claim.ts';
import * as m0014 from './0014_referee_trust.ts';
import * as m0015 from './0015_signing_keys.ts';
import * as m0016 from './0016_cv_checks.ts';
import * as m0017 from './0017_credentials.ts';
import * as m0018 from './0018_share_pack.ts';
import * as m0020 from './0020_unlock_sign_in.ts';
import * as m0035 from './0035_more_courses.ts';
import * as m0040 from './0040_cv_templates.ts';
import * as m0041 from './0041_resume_fields.ts';
import * as m0042 from './0042_organisation_consent.ts';
import * as m0043 from './0043_billing.ts';
import * as m0050 from './0050_cv_prompt_versions.ts';
import * as m0051 from './0051_plan_prices.ts';
import * as m0056 from './0056_reserve_usage.ts';
import * as m0057 from './0057_export_size.ts';
import * as m0058 from './0058_clinical_skills.ts';
import * as m0059 from './0059_locum_availability.ts';
import * as m0060 from './0060_record_versions.ts';
import * as m0061 from './0061_embed_moved_records.ts';
import * as m0046 from './0046_full_record_kinds.ts';
import * as m0047 from './0047_courses_memberships.ts';
import * as m0048 from './0048_languages.ts';

/**
 * Forward-only, versioned migrations, applied in name order. Never edit one that has been
 * released: add the next number. Listed here (not discovered on disk) so bundlers and tsx
 * agree on what exists.
 */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_accounts': m0002,
  '0003_audit': m0003,
  '0004_record': m0004,
  '0005_timecards_verifications': m0005,
  '0006_quotas': m0006,
  '0007_cv_requests': m0007,
  '0008_conversations': m0008,
  '0009_restriction': m0009,
  '0010_pdfs_shares': m0010,
  '0011_privacy': m0011,
  '0012_privacy_in_progress': m0012,
  '0013_import_is_a_claim': m0013,
  '0014_referee_trust': m0014,
  '0015_signing_keys': m0015,
  '0016_cv_checks': m0016,
  '0017_credentials': m0017,
  '0018_share_pack': m0018,
  '0020_unlock_sign_in': m0020,
  '0035_more_courses': m0035,
  '0040_cv_templates': m0040,
  '0041_resume_fields': m0041,
  '0042_organisation_consent': m0042,
  '0043_billing': m0043,
  '0046_full_record_kinds': m0046,
  '0047_courses_memberships': m0047,
  '0048_languages': m0048,
  '0050_cv_prompt_versions': m0050,
  '0051_plan_prices': m0051,
  '0056_reserve_usage': m0056,
  '0057_export_size': m0057,
  '0058_clinical_skills': m0058,
  '0059_locum_availability': m0059,
  '0060_record_versions': m0060,
  '0061_embed_moved_records': m0061,
};
