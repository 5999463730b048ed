import { Text } from '@react-email/components';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface VerificationRequestProps {
  verifierName: string;
  clinicianName: string;
  /** What is to be confirmed, e.g. "a shift at Northgate ED on 3 Oct 2026, 20:00 to 08:30". */
  subject: string;
  kind: 'post' | 'timecard';
  verifyUrl: string;
  expiresOn: string;
}

export function VerificationRequest(p: VerificationRequestProps) {
  const ask = p.kind === 'timecard' ? 'approve or reject a shift they worked' : 'confirm a post they held';
  return (
    <EmailLayout
      preview={`${p.clinicianName} asks you to ${ask}`}
      footer={`You received this email because ${p.clinicianName} named you as a verifier on Medfolio. If you do not know them, ignore it: nothing happens unless you open the link.`}
    >
      <Text style={styles.paragraph}>Hello {p.verifierName},</Text>
      <Text style={styles.paragraph}>
        {p.clinicianName} asks you to {ask}: {p.subject}.
      </Text>
      <Text style={styles.paragraph}>The link shows exactly what you are asked to confirm. You do not need an account.</Text>
      <ActionLink href={p.verifyUrl} label="Review and respond" showUrl />
      <Text style={styles.muted}>The link works once and expires on {p.expiresOn}.</Text>
    </EmailLayout>
  );
}
