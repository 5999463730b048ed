import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { RecordDeps } from '../record/service.ts';
import { findUserById } from '../accounts/repo.ts';
import { AppError } from '../../platform/errors.ts';
import { exportJsonResume } from './export.ts';
import { importJsonResume } from './import.ts';
import { ZImportReport, ZJsonResume } from './schema.ts';

export function resumeRoutes(deps: RecordDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/import/json-resume',
      summary: 'Import a JSON Resume (plain, or with the clinical extension); importing again updates, never duplicates',
      tags: ['record'],
      auth: 'user',
      body: ZJsonResume,
      response: ZImportReport,
      handler: async ({ user, body, requestId, now }) => {
        const account = await findUserById(deps.db, user.id);
        if (!account) throw new AppError('NOT_FOUND', 'Account not found');
        return importJsonResume(deps, { id: account.id, name: account.name }, body, { requestId, now });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/export/json-resume',
      summary: 'Your record as JSON Resume 1.x with the clinical extension',
      tags: ['record'],
      auth: 'user',
      response: z.record(z.string(), z.unknown()),
      handler: async ({ user, res, now }) => {
        res.setHeader('Content-Disposition', 'attachment; filename="medfolio-resume.json"');
        return exportJsonResume(deps.db, user.id, now);
      },
    }),
  ];
}
