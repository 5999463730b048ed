import { Text } from '@react-email/components';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface CvViewedProps {
  name: string;
  recipient: string;
  viewedAt: string;
  sharesUrl: string;
}

export function CvViewed(p: CvViewedProps) {
  return (
    <EmailLayout preview={`${p.recipient} has opened the CV you shared`}>
      <Text style={styles.paragraph}>Hello {p.name},</Text>
      <Text style={styles.paragraph}>
        {p.recipient} opened the CV you shared with them on {p.viewedAt}.
      </Text>
      <ActionLink href={p.sharesUrl} label="See your shares" />
      <Text style={styles.muted}>You can revoke a link at any time; it stops working at once.</Text>
    </EmailLayout>
  );
}
