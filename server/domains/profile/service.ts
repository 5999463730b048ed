import type { FieldIssue } from '../../platform/errors.ts';
import { validationError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Db } from '../../platform/db/database.ts';
import { recordAudit } from '../audit/service.ts';
import { addDays, todayIn } from '../record/dates.ts';
import { findUserTimeZone } from '../record/repo.ts';
import * as repo from './repo.ts';
import type { LocumProfile, LocumProfileInput } from './schema.ts';

export interface ProfileDeps {
  db: Db;
}

/** The one rule beyond each field's own: an earliest start is this year's business, as a post's start is. */
export function locumProfileIssues(input: LocumProfileInput, today: string, at = 'body'): FieldIssue[] {
  return input.availableFrom && input.availableFrom > addDays(today, 366) ? [{ path: `${at}.availableFrom`, message: 'is more than a year ahead' }] : [];
}

/** A saved profile says every field: what was left out is empty. */
export const completeLocumProfile = (input: LocumProfileInput): LocumProfile => ({
  specialties: input.specialties ?? [],
  shiftPatterns: input.shiftPatterns ?? [],
  noticeDays: input.noticeDays ?? null,
  regions: input.regions ?? [],
  travelRadiusMiles: input.travelRadiusMiles ?? null,
  availableFrom: input.availableFrom ?? null,
});

export const getLocumProfile = (deps: ProfileDeps, userId: string) => repo.findLocumProfile(deps.db, userId);

/** Replaces the locum profile; the previous values stay in the owner's audit trail. */
export async function replaceLocumProfile(deps: ProfileDeps, userId: string, input: LocumProfileInput, meta: { requestId: string | null; now: Date }): Promise<LocumProfile> {
  const today = todayIn(await findUserTimeZone(deps.db, userId), meta.now);
  const issues = locumProfileIssues(input, today);
  if (issues.length) throw validationError(issues);
  const profile = completeLocumProfile(input);
  await inTransaction(deps.db, async (trx) => {
    const before = await repo.findLocumProfile(trx, userId);
    await repo.saveLocumProfile(trx, userId, profile, meta.now);
    await recordAudit(trx, {
      chainId: userId,
      actor: { type: 'user', id: userId },
      action: 'profile.updated',
      subject: { type: 'user', id: userId },
      details: { part: 'locum', before, changed: (Object.keys(profile) as Array<keyof LocumProfile>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(profile[k])) },
      requestId: meta.requestId,
      now: meta.now,
    });
  });
  return profile;
}
