import { Text } from '@react-email/components';
import { ActionLink, EmailLayout, styles } from './layout.tsx';

export interface ExportReadyProps {
  name: string;
  privacyUrl: string;
  expiresAt: string;
}

export function ExportReady(p: ExportReadyProps) {
  return (
    <EmailLayout preview="Your Medfolio data export is ready">
      <Text style={styles.paragraph}>Hello {p.name},</Text>
      <Text style={styles.paragraph}>The copy of your data you asked for is ready. Sign in to download it; the download is available until {p.expiresAt} and is then deleted.</Text>
      <ActionLink href={p.privacyUrl} label="Open your privacy centre" />
      <Text style={styles.muted}>If you did not ask for this export, change your password and contact us.</Text>
    </EmailLayout>
  );
}

export interface ErasureScheduledProps {
  name: string;
  erasesOn: string;
  cancelUrl: string;
  reference: string;
}

export function ErasureScheduled(p: ErasureScheduledProps) {
  return (
    <EmailLayout preview="Your Medfolio account will be erased">
      <Text style={styles.paragraph}>Hello {p.name},</Text>
      <Text style={styles.paragraph}>
        You asked us to erase your account. It is locked now and every link you shared has stopped working. On {p.erasesOn} we will delete everything we hold about you: your record, documents, time
        cards, CVs, conversations and logs.
      </Text>
      <Text style={styles.paragraph}>Changed your mind? You can cancel until then with your password.</Text>
      <ActionLink href={p.cancelUrl} label="Cancel the erasure" />
      <Text style={styles.muted}>Request reference: {p.reference}. Keep it if you want to ask us about this request later.</Text>
    </EmailLayout>
  );
}

export interface ErasureCancelledProps {
  name: string;
  signInUrl: string;
}

export function ErasureCancelled(p: ErasureCancelledProps) {
  return (
    <EmailLayout preview="The erasure of your Medfolio account was cancelled">
      <Text style={styles.paragraph}>Hello {p.name},</Text>
      <Text style={styles.paragraph}>
        The erasure of your account was cancelled with your password, so your account and record are kept. Links you had shared stay revoked: share again if you need to.
      </Text>
      <ActionLink href={p.signInUrl} label="Sign in" />
      <Text style={styles.muted}>If you did not cancel it, someone knows your password: change it now and turn on two-factor authentication.</Text>
    </EmailLayout>
  );
}

export interface AccountErasedProps {
  reference: string;
}

export function AccountErased(p: AccountErasedProps) {
  return (
    <EmailLayout preview="Your Medfolio account has been erased">
      <Text style={styles.paragraph}>Hello,</Text>
      <Text style={styles.paragraph}>As you asked, your Medfolio account and everything we held about you have been deleted. This is the last email you will receive from us.</Text>
      <Text style={styles.muted}>Request reference: {p.reference}.</Text>
    </EmailLayout>
  );
}
