import { Link, Text } from '@react-email/components';
import { EmailLayout, styles } from './layout.tsx';

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
      <Text style={styles.paragraph}>
        <Link href={p.sharesUrl} style={styles.button}>
          See your shares
        </Link>
      </Text>
      <Text style={styles.muted}>You can revoke a link at any time; it stops working at once.</Text>
    </EmailLayout>
  );
}
