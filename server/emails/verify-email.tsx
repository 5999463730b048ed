import { Text } from '@react-email/components';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface VerifyEmailProps {
  name: string;
  verifyUrl: string;
  expiresInHours: number;
}

export function VerifyEmail({ name, verifyUrl, expiresInHours }: VerifyEmailProps) {
  return (
    <EmailLayout preview="Confirm your email address to finish setting up Medfolio">
      <Text style={styles.paragraph}>Hello {name},</Text>
      <Text style={styles.paragraph}>Please confirm that this is your email address to finish setting up your Medfolio account.</Text>
      <ActionLink href={verifyUrl} label="Confirm email address" showUrl />
      <Text style={styles.muted}>
        The link expires in {expiresInHours} {expiresInHours === 1 ? 'hour' : 'hours'}. If you did not create a Medfolio account, you can ignore this email.
      </Text>
    </EmailLayout>
  );
}
