import { html, page } from '../../platform/http/html.ts';

/** The recruiter's pages: who shared what, until when, and the way to the PDF. */
export function sharePage(v: { clinicianName: string; recipient: string; message: string | null; expiresAt: string; pdfHref: string }) {
  return page(
    `CV of ${v.clinicianName}`,
    html`<h1>CV of ${v.clinicianName}</h1>
<section class="card"><dl><dt>Shared with</dt><dd>${v.recipient}</dd><dt>Link works until</dt><dd>${v.expiresAt}</dd></dl>
${v.message ? html`<p>${v.message}</p>` : ''}</section>
<p><a class="primary" href="${v.pdfHref}" style="display:inline-block;padding:.6rem 1.1rem;border-radius:4px;background:#005eb8;color:#fff;text-decoration:none">View the CV (PDF)</a>
<a href="${v.pdfHref}?download=1" style="margin-left:1rem">Download</a></p>
<p class="muted">Every view is shown to ${v.clinicianName}. The PDF carries your name as the recipient.</p>`,
  );
}

export function passcodePage(v: { clinicianName: string; action: string; error?: string }) {
  return page(
    'Passcode needed',
    html`<h1>CV of ${v.clinicianName}</h1><p>${v.clinicianName} protected this link with a passcode, which they will have given you separately.</p>
<form method="post" action="${v.action}">${v.error ? html`<p class="error" role="alert">${v.error}</p>` : ''}
<label for="passcode">Passcode</label><input id="passcode" name="passcode" type="password" autocomplete="off" required maxlength="64">
<button class="primary" type="submit">Open</button></form>`,
  );
}

export const goneSharePage = (reason: string) => page('Link no longer valid', html`<h1>This link no longer works</h1><p>${reason}</p>`);
