import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config/env.ts';
import type { Logger } from './platform/logger.ts';
import { createJobHandlers, openPlatform, describeModes, schedulePeriodicWork, type Platform } from './composition.ts';
import { createApp } from './app.ts';
import { landingHandler } from './domains/landing/routes.ts';
import { ROOT_DIR } from './platform/paths.ts';
import { attachRealtime, type Realtime } from './adapters/realtime.ts';
import { findChromium, CHROMIUM_HELP } from './adapters/browser.ts';
import { systemRoutes } from './domains/system/routes.ts';
import { accountRoutes } from './domains/accounts/routes.ts';
import { createAccountLimits } from './domains/accounts/deps.ts';
import { resolveSession } from './domains/accounts/sessions.ts';
import { findUserById } from './domains/accounts/repo.ts';
import { auditRoutes } from './domains/audit/routes.ts';
import { organisationRoutes } from './domains/organisations/routes.ts';
import { planRoutes } from './domains/plans/routes.ts';
import { billingRoutes } from './domains/billing/routes.ts';
import { assertSeatFree } from './domains/plans/seats.ts';
import { recordRoutes } from './domains/record/routes.ts';
import { timecardRoutes } from './domains/timecards/routes.ts';
import { privacyRoutes } from './domains/privacy/routes.ts';
import { verificationRoutes } from './domains/verifications/routes.ts';
import { resumeRoutes } from './domains/resume/routes.ts';
import { profileRoutes } from './domains/profile/routes.ts';
import { prescreenRoutes } from './domains/prescreen/routes.ts';
import { documentRoutes } from './domains/documents/routes.ts';
import { cvImportRoutes } from './domains/cv-import/routes.ts';
import { cvRoutes } from './domains/cvs/routes.ts';
import { assistantRoutes } from './domains/assistant/routes.ts';
import { attachAssistant } from './domains/assistant/socket.ts';
import { createAiRecordCache } from './ai/record-cache.ts';
import { shareRoutes } from './domains/shares/routes.ts';
import { jobAnalysisRoutes } from './domains/job-analysis/routes.ts';
import { createInstanceKeys } from './domains/trust/keys.ts';
import { trustRoutes } from './domains/trust/routes.ts';
import { cvCheckRoutes } from './domains/cv-checks/routes.ts';
import { credentialRoutes } from './domains/credentials/routes.ts';
import { readCookie, SESSION_COOKIE } from './platform/http/cookies.ts';
import type { AnyRoute } from './platform/http/route.ts';
import { createGuessGuard } from './platform/guess-guard.ts';

const packageVersion = (): string => (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;

export interface RunningServer {
  /** The bound address (http://127.0.0.1:PORT): for clients on this machine, such as the tests. */
  url: string;
  routes: AnyRoute[];
  platform: Platform;
  realtime: Realtime;
  httpServer: http.Server;
  close(): Promise<void>;
}

/**
 * Wires config -> platform (db, queue) -> services -> routes -> HTTP and sockets, and starts
 * listening. In embedded mode the same process also runs the jobs.
 */
export async function startServer(config: Config, logger: Logger, options: { webDistDir?: string } = {}): Promise<RunningServer> {
  const modes = describeModes(config);
  logger.info(modes, 'starting Medfolio');
  const chromiumPath = findChromium(config.chromiumPath);
  if (!chromiumPath) logger.warn(CHROMIUM_HELP);

  const platform = await openPlatform(config, logger);
  const { database, queue } = platform;

  const db = database.db;
  const authenticate = (req: { headers: { cookie?: string | undefined } }) => resolveSession(db, readCookie(req.headers.cookie, SESSION_COOKIE), new Date());
  const accountsDeps = {
    db,
    queue,
    secretBox: platform.secretBox,
    limits: createAccountLimits(platform.createLimiter),
    appOrigin: config.appOrigin,
    env: config.env,
    logger,
  };

  const notify = (userId: string, event: string, payload: unknown) => platform.notifier.notify(userId, event, payload);
  // The instance's signing keys: CV manifests, credentials and status lists (docs/ARCHITECTURE.md, Evidence).
  const keys = createInstanceKeys({ db, secretBox: platform.secretBox, appOrigin: config.appOrigin });
  const recordDeps = { db, queue, notify };

  const routes: AnyRoute[] = [
    ...systemRoutes({
      pingDatabase: () => database.ping(),
      databaseMode: database.mode,
      pingQueue: () => queue.ping(),
      queueKind: queue.transportKind,
      chromiumPath,
      llmMode: config.llm.mode,
      userState: async (userId) => {
        // (An account pending erasure has no session, so it never gets here.)
        const user = await findUserById(db, userId);
        return { processingRestricted: Boolean(user?.processing_restricted_at) };
      },
    }),
    ...accountRoutes(accountsDeps),
    ...auditRoutes({ db }),
    ...organisationRoutes({
      db,
      mailer: platform.mailer,
      appOrigin: config.appOrigin,
      logger,
      invitationsPerAdmin: platform.createLimiter('org-invitations', { points: 30, durationSeconds: 3600, message: 'Too many invitations sent in a short time' }),
      assertSeatFree,
    }),
    ...planRoutes({ db }),
    ...billingRoutes({ db, stripe: platform.stripe, appOrigin: config.appOrigin, logger }),
    ...recordRoutes(recordDeps),
    ...timecardRoutes(recordDeps),
    ...resumeRoutes(recordDeps),
    ...profileRoutes({ db }),
    ...prescreenRoutes(recordDeps),
    ...cvRoutes({ db, queue, storage: platform.storage, secretBox: platform.secretBox, keys, logger }),
    ...trustRoutes({ keys }),
    ...credentialRoutes({ db, keys, appOrigin: config.appOrigin }),
    ...cvCheckRoutes({ db, keys, logger, checksPerIp: platform.createLimiter('cv-check-ip', { points: 60, durationSeconds: 15 * 60, message: 'Too many checks from your network' }) }),
    ...shareRoutes({
      db,
      keys,
      mailer: platform.mailer,
      storage: platform.storage,
      secretBox: platform.secretBox,
      appOrigin: config.appOrigin,
      logger,
      env: config.env,
      viewsPerIp: platform.createLimiter('share-views', { points: 120, durationSeconds: 15 * 60, message: 'Too many requests from your network' }),
      // Five tries per link from one network, then that network waits; fifty an hour from
      // anywhere, then the link pauses for an hour, two, four... (platform/guess-guard.ts).
      passcodeGuard: createGuessGuard(platform.createLimiter, 'share-passcode', {
        perClient: { points: 5, durationSeconds: 15 * 60, blockSeconds: 15 * 60, message: 'Too many wrong passcodes from your network.' },
        ceiling: { points: 50, durationSeconds: 3600, message: 'Too many wrong passcodes have been tried on this link from different places, so it is paused.' },
        backoff: { baseSeconds: 3600, maxSeconds: 24 * 3600 },
      }),
      sharesPerUser: platform.createLimiter('shares-created', { points: 30, durationSeconds: 24 * 3600, message: 'Too many share links created today' }),
    }),
    ...assistantRoutes({ db }),
    ...jobAnalysisRoutes({
      db,
      llm: platform.llm,
      logger,
      analysesPerUser: platform.createLimiter('job-analyses', { points: 60, durationSeconds: 3600, message: 'Too many job analyses in an hour' }),
    }),
    ...documentRoutes({
      db,
      storage: platform.storage,
      secretBox: platform.secretBox,
      uploadsPerUser: platform.createLimiter('uploads', { points: 60, durationSeconds: 3600, message: 'Too many uploads in an hour' }),
    }),
    ...cvImportRoutes({
      uploadsPerUser: platform.createLimiter('cv-uploads', { points: 30, durationSeconds: 3600, message: 'Too many CVs read in an hour' }),
    }),
    ...privacyRoutes({
      db,
      queue,
      storage: platform.storage,
      secretBox: platform.secretBox,
      accounts: accountsDeps,
      erasureGraceDays: config.erasureGraceDays,
    }),
    ...verificationRoutes({
      ...recordDeps,
      verifierPerIp: platform.createLimiter('verifier-ip', { points: 60, durationSeconds: 15 * 60, message: 'Too many requests from your network' }),
      requestsPerUser: platform.createLimiter('verification-requests', { points: 20, durationSeconds: 24 * 3600, message: 'Too many verification requests today' }),
    }),
  ];

  const app = createApp({
    config,
    logger,
    routes,
    authenticate,
    landing: landingHandler({ db, authenticate }),
    version: packageVersion(),
    ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
  });
  const httpServer = http.createServer(app);
  const realtime = attachRealtime(httpServer, {
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
    appOrigin: config.appOrigin,
    // The same session cookie as HTTP; a socket from another site's page is refused.
    authenticate: async (socket) => {
      const origin = socket.handshake.headers.origin;
      if (origin !== undefined && origin !== config.appOrigin) return undefined;
      return authenticate({ headers: { cookie: socket.handshake.headers.cookie } });
    },
    logger,
  });

  if (queue.transportKind === 'in-process') {
    await queue.startWorkers(createJobHandlers(platform));
    await queue.sweep({ soleWorker: true, graceMs: 0 });
    schedulePeriodicWork(platform);
    queue.startSweeper(config.jobs.sweepIntervalMs);
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  // After start-up (e.g. accept failing with EMFILE): logged, and the server keeps listening.
  httpServer.on('error', (err: NodeJS.ErrnoException) => logger.error({ code: err.code ?? err.name }, 'HTTP server error'));
  const address = httpServer.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  // The address to open is the app's origin (localhost by default), not the bound 127.0.0.1:
  // the browser's Origin must equal APP_ORIGIN, or signing in is refused as cross-site.
  logger.info({ url: config.appOrigin, listening: url }, `Medfolio is listening: open ${config.appOrigin}`);

  let closing: Promise<void> | undefined;
  platform.notifier.attachLocal(realtime);
  attachAssistant(realtime.io, realtime.authenticate, {
    db,
    queue,
    secretBox: platform.secretBox,
    llm: platform.llm,
    records: createAiRecordCache(),
    logger,
    messagesPerUser: platform.createLimiter('assistant-messages', { points: 30, durationSeconds: 60, message: 'Too many messages: slow down a little' }),
  });
  return {
    url,
    routes,
    platform,
    realtime,
    httpServer,
    close() {
      closing ??= (async () => {
        // Stop taking connections, let in-flight requests finish, then drain jobs and pools.
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        await realtime.close().catch(() => {});
        await httpClosed;
        await platform.close();
      })();
      return closing;
    },
  };
}
