import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { ConsentScope } from '../../platform/db/types.ts';
import { findEvidence, type EvidenceLevel } from '../record/evidence.ts';
import { dbsCheckWords, enumWord } from '../../platform/words/enum-words.ts';
import * as repo from './repo.ts';
import type { ComplianceView, MemberCompliance } from './schema.ts';

/**
 * What an organisation sees of a member: only the record kinds the member consented to, only the
 * columns named in repo.findComplianceItems, and nothing at all of a member who shares nothing.
 * The admin's view, the CSV and the member's own "what my organisation sees" all come from
 * `memberCompliance`, so they cannot disagree.
 */

const DAY_MS = 24 * 3600 * 1000;
/** Record dates are calendar dates compared as strings (docs/ARCHITECTURE.md, Domain model). */
const dayOffset = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const todayOf = (now: Date) => now.toISOString().slice(0, 10);

export function countExpiring(dates: Array<string | null>, today: string) {
  const counts = { expired: 0, within30: 0, within60: 0, within90: 0 };
  for (const date of dates) {
    if (!date) continue;
    if (date < today) counts.expired++;
    else {
      if (date <= dayOffset(today, 30)) counts.within30++;
      if (date <= dayOffset(today, 60)) counts.within60++;
      if (date <= dayOffset(today, 90)) counts.within90++;
    }
  }
  return counts;
}

export async function memberCompliance(db: DbOrTx, member: { id: string; name: string; scope: ConsentScope[] }, today: string): Promise<MemberCompliance> {
  const has = (s: ConsentScope) => member.scope.includes(s);
  const items = await repo.findComplianceItems(db, member.id);
  const noEvidence = () => null;
  const evidenceOf = async (type: 'registration' | 'dbs' | 'training'): Promise<(id: string) => EvidenceLevel | null> => {
    if (!has('evidence')) return noEvidence;
    const lookup = await findEvidence(db, member.id, type);
    return (id) => lookup(id).level;
  };
  const registrations = has('registration')
    ? await (async () => {
        const level = await evidenceOf('registration');
        return items.registrations.map((r) => ({ body: r.body, status: r.status, renewalDate: r.renewal_date, revalidationDate: r.revalidation_date, evidence: level(r.id) }));
      })()
    : null;
  const dbsChecks = has('dbs')
    ? await (async () => {
        const level = await evidenceOf('dbs');
        return items.dbsChecks.map((d) => ({
          level: d.level,
          workforce: d.workforce,
          issueDate: d.issue_date,
          updateService: d.update_service,
          updateServiceRenewalDate: d.update_service ? d.update_service_renewal_date : null,
          evidence: level(d.id),
        }));
      })()
    : null;
  const training = has('training')
    ? await (async () => {
        const level = await evidenceOf('training');
        return items.training.map((t) => ({ name: t.name, completedOn: t.completed_on, expiresOn: t.expires_on, evidence: level(t.id) }));
      })()
    : null;
  const expiring = countExpiring(
    [...(registrations ?? []).flatMap((r) => [r.renewalDate, r.revalidationDate]), ...(dbsChecks ?? []).map((d) => d.updateServiceRenewalDate), ...(training ?? []).map((t) => t.expiresOn)],
    today,
  );
  return { memberId: member.id, name: member.name, scope: member.scope, registrations, dbsChecks, training, expiring };
}

export async function organisationCompliance(db: DbOrTx, organisationId: string, now: Date): Promise<ComplianceView> {
  const today = todayOf(now);
  const members = await repo.findMembers(db, organisationId);
  const sharing = members.filter((m) => m.consent_scope.length > 0);
  const views: MemberCompliance[] = [];
  for (const m of sharing) views.push(await memberCompliance(db, { id: m.id, name: m.name, scope: m.consent_scope }, today));
  const expiring = { expired: 0, within30: 0, within60: 0, within90: 0 };
  for (const v of views) for (const k of Object.keys(expiring) as Array<keyof typeof expiring>) expiring[k] += v.expiring[k];
  return { asOf: today, members: views, notSharing: members.length - sharing.length, expiring };
}

/**
 * A spreadsheet cell that starts with one of these is run as a formula by Excel, LibreOffice
 * and Sheets (CSV injection): such a value is prefixed with an apostrophe, which they show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const EVIDENCE_WORDS: Record<EvidenceLevel, string> = { 'self-declared': 'self-declared', 'document-backed': 'document on file', 'verifier-confirmed': 'confirmed by a verifier' };

/** One row per item, the same columns for every kind, in words a person reads. */
export function complianceCsv(view: ComplianceView): string {
  const header = ['Member', 'Item', 'Detail', 'Completed or issued', 'Expires or renews', 'Evidence'];
  const rows: Array<Array<string | null>> = [];
  const ev = (level: EvidenceLevel | null) => (level ? EVIDENCE_WORDS[level] : null);
  for (const m of view.members) {
    for (const r of m.registrations ?? []) {
      rows.push([m.name, `${r.body} registration`, r.status, null, r.renewalDate, ev(r.evidence)]);
      if (r.revalidationDate) rows.push([m.name, `${r.body} revalidation`, null, null, r.revalidationDate, ev(r.evidence)]);
    }
    for (const d of m.dbsChecks ?? [])
      rows.push([m.name, dbsCheckWords(d.level), `${enumWord(d.workforce)}${d.updateService ? ', on the update service' : ''}`, d.issueDate, d.updateServiceRenewalDate, ev(d.evidence)]);
    for (const t of m.training ?? []) rows.push([m.name, t.name, 'training', t.completedOn, t.expiresOn, ev(t.evidence)]);
  }
  // CRLF line ends and a byte-order mark: what spreadsheet programs expect of UTF-8 CSV.
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
