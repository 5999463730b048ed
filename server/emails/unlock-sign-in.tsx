import { Text } from '@react-email/components';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface UnlockSignInProps {
  name: string;
  unlockUrl: string;
  expiresInMinutes: number;
  /** How long sign-in from other browsers stays paused, in words ("1 hour"). */
  pausedFor: string;
}

/**
 * Sent when many wrong passwords from different places pause sign-in from browsers the account
 * has not used before. The link lets the owner in from the browser they open it in.
 */
export function UnlockSignIn({ name, unlockUrl, expiresInMinutes, pausedFor }: UnlockSignInProps) {
  return (
    <EmailLayout preview="Sign in to Medfolio from this browser">
      <Text style={styles.paragraph}>Hello {name},</Text>
      <Text style={styles.paragraph}>
        Someone has tried many wrong passwords for your Medfolio account from different places. To protect it, signing in from browsers that have not signed in before is paused for {pausedFor}.
        Browsers you have signed in with recently still work.
      </Text>
      <Text style={styles.paragraph}>To sign in now from another browser, open this link in it:</Text>
      <ActionLink href={unlockUrl} label="Sign in from this browser" showUrl />
      <Text style={styles.muted}>
        The link expires in {expiresInMinutes} {expiresInMinutes === 1 ? 'minute' : 'minutes'} and can be used once.
      </Text>
      <Text style={styles.muted}>Your password was not guessed. If you use it anywhere else, or it is short, choose a new one after you sign in.</Text>
    </EmailLayout>
  );
}
