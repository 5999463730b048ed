import { z } from 'zod';

/** Request and response contracts of the accounts domain; the web app imports these. */

/** Every email address the API takes: an empty one is "required", not "not a valid address". */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(254)
  .pipe(z.email({ message: 'must be a valid email address' }));
/**
 * Text a person typed: no control characters (Postgres refuses NUL; the rest is never wanted),
 * and none of the invisible bidirectional embeddings, overrides and isolates (U+202A-202E,
 * U+2066-2069), which make text display differently from what it says: a recruiter would read
 * an employer or a date reversed (issue 16). This is the one check every free-text field of a
 * record, a profile, a share and a verification goes through. (The ordinary direction marks
 * U+200E and U+200F, which right-to-left names need, are allowed.)
 */
// eslint-disable-next-line no-control-regex
export const noControlCharacters = (value: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(value);

/** For text nobody typed (a model's draft): the same bidirectional controls, removed. */
export const stripBidiControls = (value: string) => value.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
const ZName = z.string().trim().min(1, 'is required').max(200).refine(noControlCharacters, 'must not contain control characters');
// Policy (length, common passwords) is checked in the service, where the email is known.
const ZNewPassword = z.string().min(1, 'is required').max(256);
const ZToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'is not a valid link token');
/** A six-digit authenticator code, or a recovery code (xxxxx-xxxxx). */
export const ZSecondFactor = z
  .string()
  .trim()
  .regex(/^(\d{6}|[a-z2-9]{5}-[a-z2-9]{5})$/i, 'must be a 6-digit code or a recovery code');

export const ZRegisterRequest = z.object({ email: ZEmail, password: ZNewPassword, name: ZName });
export const ZLoginRequest = z.object({ email: ZEmail, password: z.string().min(1).max(256), totp: ZSecondFactor.optional() });
export const ZVerifyEmailRequest = z.object({ token: ZToken });
export const ZUnlockSignInRequest = z.object({ token: ZToken });
export const ZForgotPasswordRequest = z.object({ email: ZEmail });
export const ZResetPasswordRequest = z.object({ token: ZToken, password: ZNewPassword });
export const ZChangePasswordRequest = z.object({ currentPassword: z.string().min(1).max(256), newPassword: ZNewPassword });
export const ZTotpSetupRequest = z.object({ password: z.string().min(1).max(256) });
export const ZTotpEnableRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6-digit code from your app'),
});
export const ZPasswordConfirmation = z.object({ password: z.string().min(1).max(256) });
export const ZTotpDisableRequest = ZPasswordConfirmation.extend({ totp: ZSecondFactor });

export const ZUpdateProfileRequest = z
  .object({
    name: ZName,
    profession: z.enum(['doctor', 'nurse', 'midwife', 'ahp', 'other']).nullable(),
    homeNation: z.enum(['england', 'scotland', 'wales', 'northern-ireland', 'other']).nullable(),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/London'),
  })
  .partial();

export const ZMe = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['clinician', 'platform_admin']),
  profession: z.enum(['doctor', 'nurse', 'midwife', 'ahp', 'other']).nullable(),
  homeNation: z.enum(['england', 'scotland', 'wales', 'northern-ireland', 'other']).nullable(),
  timeZone: z.string(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  recoveryCodesRemaining: z.number().int(),
  processingRestricted: z.boolean().describe('AI processing and embedding are paused at your request'),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.enum(['member', 'admin']) })),
  createdAt: z.string(),
});
export type Me = z.infer<typeof ZMe>;

export const ZSession = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  ipPrefix: z.string().nullable().describe('Network prefix only (IPv4 /24, IPv6 /48)'),
  current: z.boolean(),
});
export const ZSessionList = z.object({ sessions: z.array(ZSession) });
export const ZIdParams = z.object({ id: z.uuid({ message: 'must be an id' }) });

export const ZCsrfToken = z.object({ csrfToken: z.string() });
export const ZAccepted = z.object({ status: z.literal('accepted'), message: z.string() });
export const ZOk = z.object({ status: z.literal('ok') });
export const ZRestrictionRequest = z.object({ restricted: z.boolean().describe('true: no AI calls, no embedding, no reminders') });

export const ZTotpSetup = z.object({
  otpauthUrl: z.string().describe('otpauth:// URI for authenticator apps'),
  qrCodeDataUrl: z.string().describe('PNG data URL of the same URI'),
  secret: z.string().describe('Base32 secret, for manual entry'),
});
export const ZRecoveryCodes = z.object({
  recoveryCodes: z.array(z.string()).length(10).describe('Shown once: store them somewhere safe'),
});
