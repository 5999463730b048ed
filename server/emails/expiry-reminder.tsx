import { Text } from '@react-email/components';
import { peopleDate } from '../platform/words/people-dates.ts';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface ExpiryReminderProps {
  name: string;
  items: Array<{ label: string; date: string; expired: boolean; daysLeft: number }>;
  recordUrl: string;
}

export function ExpiryReminder(p: ExpiryReminderProps) {
  return (
    <EmailLayout preview="Something in your compliance record needs renewing">
      <Text style={styles.paragraph}>Hello {p.name},</Text>
      <Text style={styles.paragraph}>These items in your Medfolio record need attention:</Text>
      {p.items.map((item) => (
        <Text key={`${item.label}-${item.date}`} style={styles.paragraph}>
          • {item.label}: {item.expired ? `expired on ${peopleDate(item.date)}` : `expires on ${peopleDate(item.date)} (in ${item.daysLeft} ${item.daysLeft === 1 ? 'day' : 'days'})`}
        </Text>
      ))}
      <ActionLink href={p.recordUrl} label="Open your record" />
      <Text style={styles.muted}>You get one reminder for each item at 90, 30 and 7 days before it expires, and when it has expired.</Text>
    </EmailLayout>
  );
}
