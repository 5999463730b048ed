/**
 * The small server-rendered pages for people without an account (verifiers, recruiters):
 * escaped by construction, no scripts, one inline stylesheet (allowed by the app's CSP).
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Marks a string as already-escaped HTML for `html`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

/** Tagged template that escapes every interpolated value unless it is SafeHtml (or a list of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const render = (v: unknown): string => (v instanceof SafeHtml ? v.value : Array.isArray(v) ? v.map(render).join('') : escapeHtml(v));
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));
}

const STYLE = `body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f6f7f9;color:#1b1f24;margin:0;line-height:1.5}
main{max-width:640px;margin:0 auto;padding:1.5rem 1rem}.brand{color:#005eb8;font-weight:700;font-size:1.2rem}
.card{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}dt{font-weight:600}dd{margin:0}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}textarea,input,select{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #8a949e;border-radius:4px}
fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:700;font-size:1.1rem}
.check{display:flex;gap:.6rem;align-items:flex-start;margin:1rem 0 0}.check input{width:1.4rem;height:1.4rem;flex:none;margin:.15rem 0 0}.check label{font-weight:400;margin:0}
.mark{display:inline-block;font-size:.85rem;background:#e6f0fa;color:#003d78;border-radius:4px;padding:.05rem .45rem;margin:.15rem 0}
.mark.doc{background:#eef5ea;color:#2b5220}.mark.shift{background:#f3eefa;color:#4a2f73}
button{font:inherit;padding:.6rem 1.1rem;border-radius:4px;border:0;margin:.75rem .5rem 0 0;cursor:pointer}
.primary{background:#005eb8;color:#fff}.secondary{background:#e8edf2;color:#1b1f24}
button:focus-visible,textarea:focus-visible,input:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid #ffb81c;outline-offset:2px}
.muted{color:#52606d;font-size:.9rem}.error{color:#b10e1e}`;

/**
 * A whole page. Pages behind a link (a referee's, a recruiter's) are kept out of search engines;
 * the public home page is `indexable` and may add its own styles (`extraStyle`, still inline).
 */
export function page(title: string, body: SafeHtml, options: { indexable?: boolean; extraStyle?: string; description?: string } = {}): string {
  const robots = options.indexable ? '' : '<meta name="robots" content="noindex,nofollow">';
  const description = options.description ? `<meta name="description" content="${escapeHtml(options.description)}">` : '';
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${robots}${description}<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} · Medfolio</title><style>${STYLE}${options.extraStyle ?? ''}</style></head>
<body><main><div class="brand">Medfolio</div>${body.value}</main></body></html>`;
}
