import { Text } from '@react-email/components';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface OrganisationInvitationProps {
  organisationName: string;
  inviterName: string;
  role: 'member' | 'admin';
  /** The terms from platform/words/organisation-words.ts: the same lines the invitation page shows. */
  terms: string[];
  acceptUrl: string;
  expiresOn: string;
}

/**
 * The same email whether or not the address has a Medfolio account: the link's page offers to
 * sign in or to sign up, so nothing here (or in the API's answer) says which.
 */
export function OrganisationInvitation(p: OrganisationInvitationProps) {
  return (
    <EmailLayout
      preview={`${p.inviterName} invites you to join ${p.organisationName} on Medfolio`}
      footer={`You received this email because ${p.inviterName} entered this address to invite you to ${p.organisationName}. Nothing happens unless you accept; if you do not want to join, decline or ignore it.`}
    >
      <Text style={styles.paragraph}>Hello,</Text>
      <Text style={styles.paragraph}>
        {p.inviterName} invites you to join {p.organisationName} on Medfolio{p.role === 'admin' ? ' as an admin' : ''}.
      </Text>
      {p.terms.map((line) => (
        <Text key={line} style={styles.paragraph}>
          {line}
        </Text>
      ))}
      <ActionLink href={p.acceptUrl} label="Read the invitation and decide" showUrl />
      <Text style={styles.muted}>The link works once, until {p.expiresOn}. If you have no Medfolio account yet, you can create one from the link.</Text>
    </EmailLayout>
  );
}
