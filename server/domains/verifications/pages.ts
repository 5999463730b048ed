import { html, page } from '../../platform/http/html.ts';

/** The verifier's pages: exactly what is to be confirmed, and a form to answer once. */
export function verifierPage(v: {
  clinicianName: string;
  kind: 'post' | 'timecard';
  fields: Array<[string, string]>;
  expiresAt: string;
  action: string;
  error?: string;
}): string {
  const isShift = v.kind === 'timecard';
  return page(
    isShift ? 'Approve a shift' : 'Confirm a post',
    html`<h1>${isShift ? `Did ${v.clinicianName} work this shift?` : `Did ${v.clinicianName} hold this post?`}</h1>
<p>${v.clinicianName} named you as ${isShift ? 'the supervisor of this shift' : 'someone who can confirm this post'}. Please check every detail.</p>
<section class="card" aria-label="What you are asked to confirm"><dl>${v.fields.map(([k, val]) => html`<dt>${k}</dt><dd>${val}</dd>`)}</dl></section>
<form method="post" action="${v.action}">
${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<label for="comment">Comment ${isShift ? '(required to reject: say what is wrong)' : '(required if you dispute it)'}</label>
<textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea>
<button class="primary" type="submit" name="decision" value="confirm">${isShift ? 'Approve shift' : 'Confirm'}</button>
<button class="secondary" type="submit" name="decision" value="dispute">${isShift ? 'Reject shift' : 'Dispute'}</button>
</form>
<p class="muted">This link works once and expires on ${v.expiresAt}. Your answer is recorded with your name in ${v.clinicianName}'s record.</p>`,
  );
}

export const answeredPage = (decision: 'confirm' | 'dispute', kind: 'post' | 'timecard') =>
  page(
    'Thank you',
    html`<h1>Thank you</h1><p>${
      decision === 'confirm' ? (kind === 'timecard' ? 'You approved the shift.' : 'You confirmed the post.') : kind === 'timecard' ? 'You rejected the shift; your reason has been passed on.' : 'You disputed the post; your comment has been passed on.'
    }</p><p class="muted">You can close this page.</p>`,
  );

export const gonePage = (reason: string) => page('Link no longer valid', html`<h1>This link no longer works</h1><p>${reason}</p>`);
