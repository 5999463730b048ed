import { expect } from 'vitest';
import type { TestClient } from './client.ts';
import { linkFrom, type CapturedEmail } from './smtp.ts';
import { waitFor } from './wait.ts';

type Smtp = { received: CapturedEmail[] };

/** Sends an invitation and returns its token, read from the email that arrives for it. */
export async function invite(smtp: Smtp, admin: TestClient, organisationId: string, email: string, body: { role?: 'member' | 'admin'; scope?: string[] } = {}) {
  const before = smtp.received.length;
  const res = await admin.post(`/api/organisations/${organisationId}/invitations`, { email, role: body.role ?? 'member', scope: body.scope ?? [] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const mail = await waitFor('invitation email', async () => smtp.received.slice(before).find((m) => m.to.includes(email.toLowerCase()) && /invites you to join/.test(m.subject)));
  return { res, mail, token: linkFrom(mail, '/invitations').searchParams.get('token')! };
}

/** An admin invites `member`, who accepts through the emailed link: how everyone joins. */
export async function joinOrganisation(
  smtp: Smtp,
  admin: TestClient,
  organisationId: string,
  member: { client: TestClient; email: string },
  body: { role?: 'member' | 'admin'; scope?: string[] } = {},
) {
  const { token } = await invite(smtp, admin, organisationId, member.email, body);
  const accepted = await member.client.post(`/api/invitations/${token}/accept`);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return token;
}
