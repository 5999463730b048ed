import { html, page } from '../../platform/http/html.ts';
import type { FieldIssue } from '../../platform/errors.ts';
import { REFEREE_REGISTERS, type VerifierResponse } from './schema.ts';
import { validationSentence } from '../../platform/words/validation-words.ts';
import { peopleDate } from '../../platform/words/people-dates.ts';
import { capitalise, enumWord } from '../../platform/words/enum-words.ts';

/** Snapshots frozen before dates and contracts were written for people hold ISO days and enum values: show them as words. */
function shownValue(name: string, value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return peopleDate(value);
  return name === 'Contract' ? capitalise(enumWord(value)) : value;
}

/**
 * The verifier's pages: exactly what is to be confirmed, and a form to answer once. The referee
 * says who they are (name, role, organisation, optionally their professional number) and makes
 * a declaration; a recruiter later sees that role and organisation beside the confirmation.
 */
export function verifierPage(v: {
  clinicianName: string;
  kind: 'post' | 'timecard';
  fields: Array<[string, string]>;
  expiresAt: string;
  action: string;
  /** The name the clinician gave for the referee, offered as a starting point. */
  suggestedName: string;
  values?: Partial<VerifierResponse>;
  issues?: FieldIssue[];
}): string {
  const isShift = v.kind === 'timecard';
  const values = v.values ?? {};
  const sentences = (v.issues ?? []).map((i) => ({ path: i.path, message: validationSentence(i.path, i.message) }));
  const issueFor = (field: string) => sentences.find((i) => i.path === `body.${field}`)?.message;
  const describedBy = (field: string) => (issueFor(field) ? html` aria-invalid="true" aria-describedby="${field}-error"` : '');
  const errorOf = (field: string) => {
    const message = issueFor(field);
    return message ? html`<p class="error" id="${field}-error">${message}</p>` : '';
  };
  const input = (field: 'name' | 'role' | 'organisation' | 'registrationNumber', label: string, opts: { value?: string | undefined; autocomplete?: string; hint?: string } = {}) =>
    html`<label for="${field}">${label}</label>${opts.hint ? html`<p class="muted" id="${field}-hint">${opts.hint}</p>` : ''}
<input id="${field}" name="${field}" maxlength="200" value="${opts.value ?? ''}"${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''}${describedBy(field)}>${errorOf(field)}`;
  const body = values.registrationBody ?? '';
  return page(
    isShift ? 'Approve a shift' : 'Confirm a post',
    html`<h1>${isShift ? `Did ${v.clinicianName} work this shift?` : `Did ${v.clinicianName} hold this post?`}</h1>
<p>${v.clinicianName} named you as ${isShift ? 'the supervisor of this shift' : 'someone who can confirm this post'}. Please check every detail.</p>
<section class="card" aria-label="What you are asked to confirm"><dl>${v.fields.map(([k, val]) => html`<dt>${k}</dt><dd>${shownValue(k, val)}</dd>`)}</dl></section>
<form method="post" action="${v.action}" novalidate>
${sentences.length ? html`<div class="error" role="alert"><p><strong>Please check the form</strong></p><ul>${sentences.map((i) => html`<li><a href="#${i.path.replace(/^body\./, '')}">${i.message}</a></li>`)}</ul></div>` : ''}
<fieldset><legend>About you</legend>
${input('name', 'Your full name', { value: values.name ?? v.suggestedName, autocomplete: 'name' })}
${input('role', 'Your job title or role', { value: values.role, autocomplete: 'organization-title', hint: 'For example: Ward Manager, Consultant Anaesthetist, Clinical Lead' })}
${input('organisation', 'The organisation you work for', { value: values.organisation, autocomplete: 'organization' })}
<label for="registrationBody">Your professional register (optional)</label>
<select id="registrationBody" name="registrationBody"${describedBy('registrationBody')}><option value="">None</option>${REFEREE_REGISTERS.map((b) => html`<option value="${b}"${body === b ? html` selected` : ''}>${b}</option>`)}</select>${errorOf('registrationBody')}
${input('registrationNumber', 'Your registration number (optional)', { value: values.registrationNumber, hint: 'GMC: 7 digits. NMC PIN: for example 12A3456B. HCPC: prefix and digits, for example PA123456.' })}
</fieldset>
<label for="comment">Comment ${isShift ? '(required to reject: say what is wrong)' : '(required if you dispute it)'}</label>
<textarea id="comment" name="comment" rows="4" maxlength="2000"${describedBy('comment')}>${values.comment ?? ''}</textarea>${errorOf('comment')}
<p class="check"><input type="checkbox" id="declaration" name="declaration" value="yes"${values.declaration === 'yes' ? html` checked` : ''}${describedBy('declaration')}>
<label for="declaration">I declare that I know this from my own working knowledge of ${v.clinicianName}, that the details I have given about myself are true, and that my answer is true to the best of my knowledge.</label></p>${errorOf('declaration')}
<button class="primary" type="submit" name="decision" value="confirm">${isShift ? 'Approve shift' : 'Confirm'}</button>
<button class="secondary" type="submit" name="decision" value="dispute">${isShift ? 'Reject shift' : 'Dispute'}</button>
</form>
<p class="muted">This link works once and expires on ${v.expiresAt}. Your name, role and organisation are recorded with your answer in ${v.clinicianName}'s record; a CV or credential that relies on your answer shows your role and organisation, and your name only if ${v.clinicianName} chooses.</p>`,
  );
}

export const answeredPage = (decision: 'confirm' | 'dispute', kind: 'post' | 'timecard') =>
  page(
    'Thank you',
    html`<h1>Thank you</h1><p>${
      decision === 'confirm'
        ? kind === 'timecard'
          ? 'You approved the shift.'
          : 'You confirmed the post.'
        : kind === 'timecard'
          ? 'You rejected the shift; your reason has been passed on.'
          : 'You disputed the post; your comment has been passed on.'
    }</p><p class="muted">You can close this page.</p>`,
  );

export const gonePage = (reason: string) => page('Link no longer valid', html`<h1>This link no longer works</h1><p>${reason}</p>`);

/** The clinician opened their own referee's link (signed in on this browser). */
export const requesterPage = (kind: 'post' | 'timecard') =>
  page(
    'This link is for your referee',
    html`<h1>This link is for the person you asked</h1><p>You are signed in to Medfolio as the person whose ${kind === 'timecard' ? 'shift' : 'post'} this is. Only the ${
      kind === 'timecard' ? 'supervisor' : 'referee'
    } you named can answer it, so that the confirmation means something to the people who read your CV.</p><p><a href="/verifications">Back to your verifications</a></p>`,
  );
