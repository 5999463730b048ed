import { Link, Text } from '@react-email/components';
import { EmailLayout, styles } from './layout.tsx';

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
      <Text style={styles.paragraph}>
        <Link href={verifyUrl} style={styles.button}>
          Confirm email address
        </Link>
      </Text>
      {/* The bare URL too, for clients that strip styled links; the text part already shows it
          after the button label, so it is skipped there. */}
      <Text style={styles.muted} data-skip-in-text="true">
        Or open this link in your browser:
      </Text>
      <Text style={styles.url} data-skip-in-text="true">
        <Link href={verifyUrl} style={styles.url}>
          {verifyUrl}
        </Link>
      </Text>
      <Text style={styles.muted}>
        The link expires in {expiresInHours} {expiresInHours === 1 ? 'hour' : 'hours'}. If you did not create a Medfolio
        account, you can ignore this email.
      </Text>
    </EmailLayout>
  );
}
