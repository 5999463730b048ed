import { z } from 'zod';
import { defineJob, type JobHandler } from '../../platform/queue/job.ts';
import { PermanentJobError } from '../../platform/queue/queue.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../adapters/mailer.ts';
import { generateToken, hashToken } from '../../platform/crypto/tokens.ts';
import { verificationRequestMessage } from '../../emails/render.ts';
import * as repo from './repo.ts';
import { findUserById } from '../accounts/repo.ts';

/**
 * Issues the verifier's link and emails it. Like account emails, the token is made here so it
 * exists only in the email; a retry issues a fresh link, which retires the previous one.
 */
export const sendVerificationRequestJob = defineJob({
  name: 'verifications.send-request',
  payload: z.object({ verificationId: z.uuid() }),
  attempts: 5,
  backoff: { type: 'exponential', delayMs: 5_000 },
  dedupeKey: (p) => p.verificationId,
});

export function sendVerificationRequestHandler(deps: { db: Db; mailer: Mailer; appOrigin: string }): JobHandler<z.infer<typeof sendVerificationRequestJob.payload>> {
  return async ({ verificationId }) => {
    const v = await repo.findVerificationById(deps.db, verificationId);
    if (!v) throw new PermanentJobError('verification no longer exists');
    if (v.status !== 'requested') return;
    const owner = await findUserById(deps.db, v.user_id);
    if (!owner) throw new PermanentJobError('owner no longer exists');
    const token = generateToken();
    if (!(await repo.setTokenHash(deps.db, v.id, hashToken(token)))) return;
    const snapshot = v.snapshot as { summary: string };
    const message = await verificationRequestMessage({
      verifierName: v.verifier_name,
      clinicianName: owner.name,
      subject: snapshot.summary,
      kind: v.subject_type,
      verifyUrl: `${deps.appOrigin}/verify/${token}`,
      expiresOn: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(v.expires_at),
    });
    await deps.mailer.send({ to: v.verifier_email, ...message });
  };
}
