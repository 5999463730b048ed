import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { RecordType } from '../../platform/db/types.ts';
import { describeRefereeEmail } from '../verifications/referee-email.ts';
import { findConfirmations } from '../verifications/repo.ts';
import type { ConfirmationFacts } from './evidence-words.ts';
import * as repo from './repo.ts';

export type EvidenceLevel = 'self-declared' | 'document-backed' | 'verifier-confirmed';

export interface Evidence {
  level: EvidenceLevel;
  documentIds: string[];
  /** The newest confirmation of a verifier-confirmed record: who, from where, and when. */
  confirmation: (ConfirmationFacts & { verificationId: string; emailLabel: string | null }) | null;
}

/**
 * The evidence behind each record of one type: a confirmed verification beats a document,
 * which beats the clinician's word. One query per kind, not per record. Only a referee's answer
 * through Medfolio's own link confirms (docs/ARCHITECTURE.md, Evidence).
 */
export async function findEvidence(db: DbOrTx, userId: string, type: RecordType): Promise<(recordId: string) => Evidence> {
  const [links, confirmations] = await Promise.all([repo.findDocumentLinks(db, userId, [type]), type === 'post' || type === 'timecard' ? findConfirmations(db, userId, [type]) : Promise.resolve([])]);
  return evidenceOf(links, confirmations);
}

/** The same for every type at once (two queries whatever the number of kinds), for reading a whole record. */
export async function findAllEvidence(db: DbOrTx, userId: string, types: readonly RecordType[]): Promise<(type: RecordType) => (recordId: string) => Evidence> {
  const confirmable = types.filter((t): t is 'post' | 'timecard' => t === 'post' || t === 'timecard');
  const [links, confirmations] = await Promise.all([repo.findDocumentLinks(db, userId, types), confirmable.length ? findConfirmations(db, userId, confirmable) : Promise.resolve([])]);
  const byType = new Map(
    types.map((t) => [
      t,
      evidenceOf(
        links.filter((l) => l.record_type === t),
        confirmations.filter((c) => c.subject_type === t),
      ),
    ]),
  );
  return (type) => byType.get(type) ?? evidenceOf([], []);
}

type Links = Awaited<ReturnType<typeof repo.findDocumentLinks>>;
type Confirmations = Awaited<ReturnType<typeof findConfirmations>>;

function evidenceOf(links: Links, confirmations: Confirmations): (recordId: string) => Evidence {
  const documents = new Map<string, string[]>();
  for (const link of links) documents.set(link.record_id, [...(documents.get(link.record_id) ?? []), link.document_id]);
  const newest = new Map<string, Confirmations[number]>();
  for (const c of confirmations) if (!newest.has(c.subject_id)) newest.set(c.subject_id, c);
  return (recordId) => {
    const documentIds = documents.get(recordId) ?? [];
    const c = newest.get(recordId);
    return {
      level: c ? 'verifier-confirmed' : documentIds.length ? 'document-backed' : 'self-declared',
      documentIds,
      confirmation: c
        ? {
            verificationId: c.id,
            // Answers given before referees stated their role fall back to what the clinician said.
            name: c.responder_name ?? c.verifier_name,
            role: c.responder_role ?? c.relationship,
            organisation: c.responder_organisation,
            at: c.responded_at ?? new Date(0),
            emailKind: c.email_kind,
            emailDomain: c.email_domain,
            emailLabel: describeRefereeEmail(c.email_kind, c.email_domain),
          }
        : null,
    };
  };
}
