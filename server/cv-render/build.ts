import type { DbOrTx } from '../platform/db/transaction.ts';
import { findUserById } from '../domains/accounts/repo.ts';
import { findProfile } from '../domains/resume/repo.ts';
import { registrationKind } from '../domains/record/kinds.ts';
import { findRecords } from '../domains/record/repo.ts';
import type { Draft } from '../ai/cv-draft/schema.ts';
import { fillPlaceholders, paperFor, type CvSnapshot } from './snapshot.ts';

/**
 * Freezes a checked draft into the snapshot that is rendered and shared: the clinician's name
 * and contact details come from their account and profile (never from the model), and
 * registration numbers replace their placeholders.
 */
export async function buildSnapshot(db: DbOrTx, userId: string, cv: { template: 'full' | 'locum'; draft: Draft; jobTitle: string | null }): Promise<CvSnapshot> {
  const [user, profile, registrations] = await Promise.all([findUserById(db, userId), findProfile(db, userId), findRecords(db, registrationKind.table, userId)]);
  const regs = registrations.map((r) => registrationKind.fromRow(r) as { body: string; number: string }).map((r, i) => ({ ...r, id: registrations[i]!.id as string }));
  const location = profile?.location ?? {};
  const place = [location.city, location.region].filter(Boolean).join(', ');
  return {
    template: cv.template,
    format: paperFor(regs.map((r) => r.body)),
    name: user?.name ?? '',
    label: profile?.label ?? null,
    contact: [user?.email, profile?.phone, place].filter((c): c is string => Boolean(c)),
    sections: fillPlaceholders(cv.draft, new Map(regs.map((r) => [r.id, r.number]))).sections,
    jobTitle: cv.jobTitle,
  };
}
