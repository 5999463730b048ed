import { z } from 'zod';
import { ZJsonResume } from '../resume/schema.ts';

/** The answer to an uploaded CV: a draft to review, nothing stored (the web app imports this). */
export const ZCvFileDraft = z.object({
  resume: ZJsonResume.describe('What Medfolio read, as JSON Resume; accepted items are sent to POST /api/import/json-resume'),
  warnings: z.array(z.string()).describe('What the reader saw but could not use'),
});
export type CvFileDraft = z.infer<typeof ZCvFileDraft>;
