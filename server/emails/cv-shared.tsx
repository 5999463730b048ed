import { Text } from '@react-email/components';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface CvSharedProps {
  recipientName: string | null;
  clinicianName: string;
  message: string | null;
  shareUrl: string;
  expiresOn: string;
  passcode: boolean;
}

export function CvShared(p: CvSharedProps) {
  return (
    <EmailLayout
      preview={`${p.clinicianName} has shared their CV with you`}
      footer={`You received this email because ${p.clinicianName} shared a CV with this address through Medfolio. The link is for you alone; every view is shown to them.`}
    >
      <Text style={styles.paragraph}>Hello{p.recipientName ? ` ${p.recipientName}` : ''},</Text>
      <Text style={styles.paragraph}>{p.clinicianName} has shared their CV with you through Medfolio.</Text>
      {p.message ? <Text style={styles.paragraph}>Their message: “{p.message}”</Text> : null}
      <ActionLink href={p.shareUrl} label="View the CV" showUrl />
      <Text style={styles.muted}>
        The link works until {p.expiresOn}.{p.passcode ? ` It needs a passcode, which ${p.clinicianName} will give you separately.` : ''}
      </Text>
    </EmailLayout>
  );
}
