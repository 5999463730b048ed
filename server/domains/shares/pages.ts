import { html, page, type SafeHtml } from '../../platform/http/html.ts';
import { evidenceLegend, type EvidenceMark } from '../record/evidence-words.ts';
import type { PackItem } from './pack.ts';

interface EvidenceItem {
  section: string;
  title: string;
  evidence: EvidenceMark;
}

const MARK_CLASS: Record<EvidenceMark['level'], string> = { 'verifier-confirmed': 'mark', 'supervisor-approved': 'mark shift', 'document-backed': 'mark doc', 'self-declared': '' };

/** Each entry of the CV with its evidence, grouped by section, and the legend for the marks used. */
function evidenceSection(items: EvidenceItem[]) {
  const sections = [...new Set(items.map((i) => i.section))];
  return html`<section class="card" aria-labelledby="evidence-title"><h2 id="evidence-title">What the CV says, and the evidence behind it</h2>
${sections.map(
  (section) =>
    html`<h3>${section}</h3><ul>${items
      .filter((i) => i.section === section)
      .map((i) => html`<li>${i.title}${i.evidence.text ? html`<br><span class="${MARK_CLASS[i.evidence.level]}">${i.evidence.text}</span>` : ''}</li>`)}</ul>`,
)}
<ul class="muted">${evidenceLegend(items.map((i) => i.evidence.level)).map((line) => html`<li>${line}</li>`)}</ul></section>`;
}

/** The compliance pack: each document and credential with its evidence, and how to check a credential. */
export function packSection(v: { items: PackItem[]; hrefOf: (item: PackItem) => string; jwksHref: string; issuer: string }) {
  if (!v.items.length) return html``;
  const hasCredentials = v.items.some((i) => i.type === 'credential');
  return html`<section class="card" aria-labelledby="pack-title"><h2 id="pack-title">Documents and credentials sent with the CV</h2>
<ul>${v.items.map(
    (i) =>
      html`<li><strong>${i.title}</strong>${i.details.length ? html`<br><span class="muted">${i.details.join('. ')}.</span>` : ''}${
        i.available ? html`<br><a href="${v.hrefOf(i)}">${i.type === 'document' ? 'Download (PDFs are stamped with your name)' : 'Download the credential (.jwt)'}</a>` : ''
      }</li>`,
  )}</ul>
${
  hasCredentials
    ? html`<p class="muted">A credential is a W3C Verifiable Credential: a signed file your own systems can check. Its signature verifies against the keys Medfolio publishes at <a href="${v.jwksHref}">${v.jwksHref}</a> (issuer ${v.issuer}), and its entry in the status list it names says whether it has been revoked.</p>`
    : ''
}</section>`;
}

/** The recruiter's pages: who shared what, until when, the evidence of each entry, and the way to the PDF. */
export function sharePage(v: {
  clinicianName: string;
  recipient: string;
  message: string | null;
  expiresAt: string;
  pdfHref: string;
  /** The CV's signed record (absent for CVs made before CVs were signed). */
  check?: { issuedOn: string; items: EvidenceItem[]; withdrawnOn: string | null } | undefined;
  checkHref: string;
  pack?: SafeHtml;
}) {
  return page(
    `CV of ${v.clinicianName}`,
    html`<h1>CV of ${v.clinicianName}</h1>
<section class="card"><dl><dt>Shared with</dt><dd>${v.recipient}</dd><dt>Link works until</dt><dd>${v.expiresAt}</dd>${v.check ? html`<dt>CV issued</dt><dd>${v.check.issuedOn}</dd>` : ''}</dl>
${v.message ? html`<p>${v.message}</p>` : ''}</section>
${v.check?.withdrawnOn ? html`<p class="error" role="alert">${v.clinicianName} withdrew this CV on ${v.check.withdrawnOn}.</p>` : ''}
<p><a class="primary" href="${v.pdfHref}" style="display:inline-block;padding:.6rem 1.1rem;border-radius:4px;background:#005eb8;color:#fff;text-decoration:none">View the CV (PDF)</a>
<a href="${v.pdfHref}?download=1" style="margin-left:1rem">Download</a></p>
${v.check ? evidenceSection(v.check.items) : ''}
${v.pack ?? ''}
<p class="muted">Every view is shown to ${v.clinicianName}. The PDF carries your name as the recipient. ${
      v.check ? html`To check that a copy of the PDF is genuine and unchanged, upload it at <a href="${v.checkHref}">${v.checkHref}</a> or use the check code printed at its end.` : ''
    }</p>`,
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
