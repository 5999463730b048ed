import { createElement, type ReactElement } from 'react';
import { render } from '@react-email/render';
import { ResetPassword, type ResetPasswordProps } from './reset-password.tsx';
import { VerifyEmail, type VerifyEmailProps } from './verify-email.tsx';

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
export async function renderEmail<P extends object>(
  Template: (props: P) => ReactElement,
  props: P,
  subject: string,
): Promise<RenderedEmail> {
  // createElement rather than Template(props): React owns the component call, so templates
  // may use anything a component may.
  const element = createElement(Template, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

export const verifyEmailMessage = (props: VerifyEmailProps) =>
  renderEmail(VerifyEmail, props, 'Confirm your email address for Medfolio');

export const resetPasswordMessage = (props: ResetPasswordProps) =>
  renderEmail(ResetPassword, props, 'Reset your Medfolio password');
