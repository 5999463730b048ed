import type { DbOrTx } from '../../platform/db/transaction.ts';
import { EMPTY_LOCUM_PROFILE, type LocumProfile } from './schema.ts';

/** The locum profile's columns of the profile row (the JSON Resume basics live beside them, in resume/repo.ts). */
export async function findLocumProfile(db: DbOrTx, userId: string): Promise<LocumProfile> {
  const row = await db
    .selectFrom('profiles')
    .select(['specialties', 'shift_patterns', 'notice_days', 'regions', 'travel_radius_miles', 'available_from'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return EMPTY_LOCUM_PROFILE;
  return {
    specialties: row.specialties,
    shiftPatterns: row.shift_patterns as LocumProfile['shiftPatterns'],
    noticeDays: row.notice_days,
    regions: row.regions,
    travelRadiusMiles: row.travel_radius_miles,
    availableFrom: row.available_from,
  };
}

export async function saveLocumProfile(db: DbOrTx, userId: string, profile: LocumProfile, now: Date) {
  const values = {
    specialties: JSON.stringify(profile.specialties),
    shift_patterns: JSON.stringify(profile.shiftPatterns),
    notice_days: profile.noticeDays,
    regions: JSON.stringify(profile.regions),
    travel_radius_miles: profile.travelRadiusMiles,
    available_from: profile.availableFrom,
    updated_at: now,
  };
  await db
    .insertInto('profiles')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
