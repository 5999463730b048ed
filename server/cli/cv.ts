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

/**
 * `medfolio cv`: the whole pipeline without a server, on a throwaway in-memory database:
 * import the resume into a temporary profile, analyse the job, draft, check grounding, render,
 * check the PDF's text. Nothing is kept but the files asked for.
 */
export interface CvCommandOptions {
  resume: string;
  job: string;
  out: string;
  draft?: string | undefined;
  template?: 'full' | 'locum' | undefined;
  asOf?: string | undefined;
}

/** `renderer`: reuse a running page pool (several CVs in one process); by default one is started and closed. */
export async function runCvCommand(options: CvCommandOptions, env: NodeJS.ProcessEnv, shared?: { renderer: PdfRenderer }) {
  const config: Config = loadConfig({ ...env, DATABASE_URL: '', REDIS_URL: '' });
  const logger = createLogger({ level: 'warn', name: 'cli', destination: process.stderr });
  const chromium = findChromium(config.chromiumPath);
  if (!chromium) throw new Error(CHROMIUM_HELP);
  const parsed = ZJsonResume.safeParse(JSON.parse(fs.readFileSync(options.resume, 'utf8')));
  if (!parsed.success) throw new Error(`${options.resume} is not a JSON Resume: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const jobDescription = fs.readFileSync(options.job, 'utf8');
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const now = new Date(`${asOf}T12:00:00Z`);

  const database = await openDatabase({ url: undefined, poolMax: 1, embeddedDir: 'memory://' }, logger);
  const key = randomBytes(32);
  configureAuditKey(key);
  const queue = createJobQueue({ db: database.db, transport: createInProcessTransport(), definitions: jobDefinitions, logger, stuckAfterMs: 60_000 });
  const renderer = shared?.renderer ?? createPdfRenderer({ executablePath: chromium, logger });
  try {
    await migrateToLatest(database.db, logger);
    const name = parsed.data.basics?.name ?? 'Clinician';
    const userId = (await createVerifiedUser(database.db, { email: parsed.data.basics?.email ?? 'cv@medfolio.invalid', name, password: randomBytes(18).toString('base64url') }, now))!;
    const report = await importJsonResume({ db: database.db, queue }, { id: userId, name }, parsed.data, { requestId: null, now });
    const llm = createLlmProvider(config.llm);
    const result = await runCvPipeline(
      { db: database.db, embedder: createProviderEmbedder(config.llm) ?? createHashingEmbedder(config.llm.embeddingDimensions), llm: llm ? { db: database.db, llm, requestId: 'cli', now: () => now } : undefined, logger },
      { userId, jobDescription, asOf, now },
      async () => {},
    );
    if (options.draft) fs.writeFileSync(options.draft, `${JSON.stringify(result.draft, null, 2)}\n`);
    const snapshot = await buildSnapshot(database.db, userId, { template: options.template ?? 'full', draft: result.draft, jobTitle: result.analysis.title });
    const rendered = await renderer.render(renderCvHtml(snapshot), { format: snapshot.format });
    const check = await checkPdfText(rendered.pdf, expectedText(snapshot));
    if (!check.ok) throw new Error(`the PDF's text does not match the CV: ${check.problems.join('; ')}`);
    fs.writeFileSync(options.out, rendered.pdf);
    return {
      pdf: options.out,
      pages: rendered.pages,
      renderMs: Math.round(rendered.ms),
      composer: result.composer,
      requirements: result.requirements,
      removed: result.removed,
      warnings: result.warnings,
      skipped: report.skipped,
    };
  } finally {
    if (!shared) await renderer.close();
    await queue.close();
    await database.close();
  }
}
