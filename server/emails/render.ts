import { createElement, type ReactElement } from 'react';
import { render } from '@react-email/render';
import { ResetPassword, type ResetPasswordProps } from './reset-password.tsx';
import { VerifyEmail, type VerifyEmailProps } from './verify-email.tsx';
import { UnlockSignIn, type UnlockSignInProps } from './unlock-sign-in.tsx';
import { VerificationRequest, type VerificationRequestProps } from './verification-request.tsx';
import { ExpiryReminder, type ExpiryReminderProps } from './expiry-reminder.tsx';
import { CvShared, type CvSharedProps } from './cv-shared.tsx';
import { CvViewed, type CvViewedProps } from './cv-viewed.tsx';
import { OrganisationInvitation, type OrganisationInvitationProps } from './organisation-invitation.tsx';
import { AccountErased, ErasureCancelled, ErasureScheduled, ExportReady, type AccountErasedProps, type ErasureCancelledProps, type ErasureScheduledProps, type ExportReadyProps } from './privacy.tsx';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders a template to both parts of a multipart/alternative message. The text part is
 * derived from the same HTML, so the two never drift apart; it is what screen readers,
 * text-only clients and spam filters see.
 */
export async function renderEmail<P extends object>(Template: (props: P) => ReactElement, props: P, subject: string): Promise<RenderedEmail> {
  // createElement rather than Template(props): React owns the component call, so templates
  // may use anything a component may.
  const element = createElement(Template, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

export const verifyEmailMessage = (props: VerifyEmailProps) => renderEmail(VerifyEmail, props, 'Confirm your email address for Medfolio');

export const resetPasswordMessage = (props: ResetPasswordProps) => renderEmail(ResetPassword, props, 'Reset your Medfolio password');

export const unlockSignInMessage = (props: UnlockSignInProps) => renderEmail(UnlockSignIn, props, 'Someone is trying to sign in to your Medfolio account');

export const verificationRequestMessage = (props: VerificationRequestProps) =>
  renderEmail(VerificationRequest, props, `${props.clinicianName} asks you to ${props.kind === 'timecard' ? 'approve a shift' : 'confirm a post'} on Medfolio`);

export const expiryReminderMessage = (props: ExpiryReminderProps) =>
  renderEmail(ExpiryReminder, props, props.items.some((i) => i.expired) ? 'Something in your Medfolio record has expired' : 'Something in your Medfolio record expires soon');

export const cvSharedMessage = (props: CvSharedProps) => renderEmail(CvShared, props, `${props.clinicianName} has shared their CV with you`);
export const cvViewedMessage = (props: CvViewedProps) => renderEmail(CvViewed, props, 'Your CV has been viewed');
export const exportReadyMessage = (props: ExportReadyProps) => renderEmail(ExportReady, props, 'Your data export is ready');
export const erasureScheduledMessage = (props: ErasureScheduledProps) => renderEmail(ErasureScheduled, props, 'Your account will be erased');
export const erasureCancelledMessage = (props: ErasureCancelledProps) => renderEmail(ErasureCancelled, props, 'The erasure of your account was cancelled');
export const accountErasedMessage = (props: AccountErasedProps) => renderEmail(AccountErased, props, 'Your account has been erased');
export const organisationInvitationMessage = (props: OrganisationInvitationProps) =>
  renderEmail(OrganisationInvitation, props, `${props.inviterName} invites you to join ${props.organisationName} on Medfolio`);
