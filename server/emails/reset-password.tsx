import { Text } from '@react-email/components';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface ResetPasswordProps {
  name: string;
  resetUrl: string;
  expiresInMinutes: number;
}

export function ResetPassword({ name, resetUrl, expiresInMinutes }: ResetPasswordProps) {
  return (
    <EmailLayout preview="Reset your Medfolio password">
      <Text style={styles.paragraph}>Hello {name},</Text>
      <Text style={styles.paragraph}>We received a request to reset the password for your Medfolio account.</Text>
      <ActionLink href={resetUrl} label="Choose a new password" showUrl />
      <Text style={styles.muted}>
        The link expires in {expiresInMinutes} {expiresInMinutes === 1 ? 'minute' : 'minutes'} and can be used once.
      </Text>
      <Text style={styles.muted}>If you did not ask to reset your password, you can ignore this email: your password stays the same.</Text>
    </EmailLayout>
  );
}
