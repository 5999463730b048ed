import { html, page } from '../../platform/http/html.ts';
import type { Plan } from '../plans/schema.ts';
import { priceWords } from '../../platform/words/price-words.ts';

/**
 * The public home page for signed-out visitors: what Medfolio does for a clinician, the
 * verified-CV promise, what recruiters see, the plans (from the plans table, the one source of
 * truth for what each plan includes), privacy in plain words, and the ways in. Server-rendered,
 * no scripts, no third-party requests, one inline stylesheet: fast on a phone.
 */

const STYLE = `.lead{font-size:1.15rem}.cta{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.cta a{display:inline-block;padding:.7rem 1.2rem;border-radius:4px;text-decoration:none;font-weight:600;min-height:44px;box-sizing:border-box}
.cta .go{background:#005eb8;color:#fff}.cta .in{background:#fff;color:#003d78;border:2px solid #005eb8}
.plans{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));padding:0;list-style:none}
.plans li{margin:0}.plans h3{margin-top:0}.price{font-size:1.25rem;font-weight:700;margin:0}h2{margin-top:2rem}`;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function planCard(plan: Plan) {
  const l = plan.limits;
  return html`<li class="card"><h3>${plan.name}</h3><p class="price">${priceWords(plan.price)}</p><ul>
<li>${plural(l.cvGenerations, 'tailored CV', 'tailored CVs')} a month</li>
<li>${plural(l.assistantMessages, 'assistant message', 'assistant messages')} a month</li>
<li>${plural(l.activeShareLinks, 'share link', 'share links')} open at once</li>
<li>Conversations kept for ${plural(l.conversationRetentionDays, 'day', 'days')}</li>
<li>Your whole record, documents, time cards and checks: always included</li>
</ul></li>`;
}

export function landingPage(v: { plans: Plan[] }): string {
  return page(
    'Your verified career passport',
    html`<h1>One career record, a CV that proves itself</h1>
<p class="lead">Medfolio keeps the career of a doctor, nurse, midwife or paramedic in one place, gets it confirmed by the people who know, and turns it into a CV for each job in minutes, on your phone.</p>
<div class="cta"><a class="go" href="/sign-up">Create your free account</a><a class="in" href="/sign-in">Sign in</a></div>

<h2>What it does for you</h2>
<ul>
<li>Keeps your posts, GMC, NMC or HCPC registration, mandatory training, DBS checks, qualifications and documents together, and reminds you before anything expires.</li>
<li>Clocks your shifts, with breaks, and asks your shift supervisor to approve them by email.</li>
<li>Reads a job advert, shows what it asks for that your record does and does not show, and drafts a tailored CV from your record alone: nothing is invented.</li>
<li>Checks your record like a recruiter's compliance team would (gaps, overlaps, expiring training), as advice, never a decision.</li>
</ul>

<h2>A CV that proves itself</h2>
<p>Every entry on a Medfolio CV says how it is known: confirmed by a referee through their own link (with their role and organisation), backed by a document you uploaded, or approved by your shift supervisor. Your own word carries no mark, so nothing claims more than it should. Each PDF carries a check code: anyone can upload it at <a href="/check">the check page</a> and see that it is genuine and unchanged.</p>

<h2>What recruiters see</h2>
<p>You send a link, not an attachment. It expires when you choose, can need a passcode, and you can revoke it at any time. The recruiter sees your CV, the evidence behind each entry and any documents you chose to send, with their name stamped on every page. You see every time it is opened.</p>

<h2>Plans</h2>
${v.plans.length ? html`<ul class="plans" aria-label="Plans">${v.plans.map(planCard)}</ul>` : html`<p>Every account starts on the free plan.</p>`}
<p class="muted">Prices include VAT. Pay monthly, cancel at any time. Organisations can give their staff a plan; you always get the more generous of yours and theirs.</p>

<h2>Your privacy, in plain words</h2>
<ul>
<li>Your record is yours. Only you see it, and recruiters see only what you share, for as long as you allow.</li>
<li>Documents and CVs are encrypted on our servers. This page and the app load nothing from anyone else: no adverts, no trackers.</li>
<li>When AI drafts a CV it works on a copy with your name, contact details and registration numbers taken out.</li>
<li>You can pause AI processing, download everything we hold about you, or erase your account, at any time.</li>
</ul>
<div class="cta"><a class="go" href="/sign-up">Create your free account</a><a class="in" href="/sign-in">Sign in</a></div>`,
    { indexable: true, extraStyle: STYLE, description: 'A verified career passport and CV builder for doctors, nurses, midwives and paramedics.' },
  );
}
