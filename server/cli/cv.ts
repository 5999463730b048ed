import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config/env.ts';
import { createLogger } from '../platform/logger.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { createJobQueue } from '../platform/queue/queue.ts';
import { createInProcessTransport } from '../platform/queue/in-process-transport.ts';
import { configureAuditKey } from '../domains/audit/chain.ts';
import { createVerifiedUser } from '../domains/accounts/service.ts';
import { importJsonResume } from '../domains/resume/import.ts';
import { ZJsonResume } from '../domains/resume/schema.ts';
import { runCvPipeline } from '../ai/pipeline.ts';
import { createHashingEmbedder } from '../adapters/embedder.ts';
import { createLlmProvider, createProviderEmbedder } from '../adapters/llm.ts';
import { findChromium, CHROMIUM_HELP } from '../adapters/browser.ts';
import { createPdfRenderer, type PdfRenderer } from '../adapters/pdf/renderer.ts';
import { checkPdfText } from '../adapters/pdf/text-check.ts';
import { buildSnapshot } from '../cv-render/build.ts';
import { expectedText, renderCvHtml } from '../cv-render/templates.ts';
import { jobDefinitions } from '../jobs.ts';
import { renderCvDocx } from '../cv-render/docx.ts';
import { renderWithinBudget } from '../cv-render/fit.ts';
import { LAYOUTS } from '../cv-render/layouts.ts';
import type { CvTemplate } from '../domains/cvs/schema.ts';

/**
 * `medfolio cv`: the whole pipeline without a server, on a throwaway in-memory database:
 * import the resume into a temporary profile, analyse the job, draft, check grounding, lay out for
 * the template, render within its page budget and check the PDF's text (or write a Word document). Nothing is kept but the files asked for.
 */
export interface CvCommandOptions {
  resume: string;
  job: string;
  out: string;
  draft?: string | undefined;
  template?: CvTemplate | undefined;
  asOf?: string | undefined;
  /** pdf (default): rendered and text-checked with Chromium; docx: the same CV as a Word document. */
  format?: 'pdf' | 'docx' | undefined;
}

/** `renderer`: reuse a running page pool (several CVs in one process); by default one is started and closed. */
export async function runCvCommand(options: CvCommandOptions, env: NodeJS.ProcessEnv, shared?: { renderer: PdfRenderer }) {
  const config: Config = loadConfig({ ...env, DATABASE_URL: '', REDIS_URL: '' });
  const logger = createLogger({ level: 'warn', name: 'cli', destination: process.stderr });
  const format = options.format ?? 'pdf';
  const chromium = format === 'pdf' ? findChromium(config.chromiumPath) : undefined;
  if (format === 'pdf' && !chromium) throw new Error(CHROMIUM_HELP);
  const parsed = ZJsonResume.safeParse(JSON.parse(fs.readFileSync(options.resume, 'utf8')));
  if (!parsed.success) throw new Error(`${options.resume} is not a JSON Resume: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const jobDescription = fs.readFileSync(options.job, 'utf8');
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const now = new Date(`${asOf}T12:00:00Z`);

  const database = await openDatabase({ url: undefined, poolMax: 1, embeddedDir: 'memory://' }, logger);
  const key = randomBytes(32);
  configureAuditKey(key);
  const queue = createJobQueue({ db: database.db, transport: createInProcessTransport(), definitions: jobDefinitions, logger, stuckAfterMs: 60_000 });
  const renderer = format === 'docx' ? undefined : (shared?.renderer ?? createPdfRenderer({ executablePath: chromium!, logger }));
  try {
    await migrateToLatest(database.db, logger);
    const name = parsed.data.basics?.name ?? 'Clinician';
    const userId = (await createVerifiedUser(database.db, { email: parsed.data.basics?.email ?? 'cv@medfolio.invalid', name, password: randomBytes(18).toString('base64url') }, now))!;
    const report = await importJsonResume({ db: database.db, queue }, { id: userId, name }, parsed.data, { requestId: null, now });
    const llm = createLlmProvider(config.llm);
    const result = await runCvPipeline(
      {
        db: database.db,
        embedder: createProviderEmbedder(config.llm) ?? createHashingEmbedder(config.llm.embeddingDimensions),
        llm: llm ? { db: database.db, llm, requestId: 'cli', now: () => now } : undefined,
        logger,
      },
      { userId, jobDescription, asOf, now },
      async () => {},
    );
    if (options.draft) fs.writeFileSync(options.draft, `${JSON.stringify(result.draft, null, 2)}\n`);
    const make = (squeeze: number) =>
      buildSnapshot(database.db, userId, { template: options.template ?? 'full', draft: result.draft, jobTitle: result.analysis.title, analysis: result.analysis, squeeze }, now);
    let pages: number | undefined;
    let renderMs: number | undefined;
    let template: string;
    if (!renderer) {
      const snapshot = await make(0);
      template = snapshot.template;
      fs.writeFileSync(options.out, await renderCvDocx(snapshot));
    } else {
      const made = await renderWithinBudget(async (squeeze) => {
        const snapshot = await make(squeeze);
        const rendered = await renderer.render(renderCvHtml(snapshot), { format: snapshot.format });
        return { snapshot, rendered, pages: rendered.pages, budget: LAYOUTS[snapshot.template].pageBudget };
      });
      const check = await checkPdfText(made.rendered.pdf, expectedText(made.snapshot));
      if (!check.ok) throw new Error(`the PDF's text does not match the CV: ${check.problems.join('; ')}`);
      fs.writeFileSync(options.out, made.rendered.pdf);
      ({ pages } = made);
      renderMs = Math.round(made.rendered.ms);
      template = made.snapshot.template;
    }
    return {
      [format]: options.out,
      template,
      ...(pages === undefined ? {} : { pages, renderMs }),
      composer: result.composer,
      requirements: result.requirements,
      removed: result.removed,
      warnings: result.warnings,
      skipped: report.skipped,
    };
  } finally {
    if (!shared) await renderer?.close();
    await queue.close();
    await database.close();
  }
}
