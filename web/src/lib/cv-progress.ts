/**
 * CV generation stages (server/domains/cvs/schema.ts ZCvStage) as a person reads them, and how
 * far along each one is, for the progress bar.
 */
import type { z } from 'zod';
import type { ZCvStage } from '../../../server/domains/cvs/schema.ts';

export type CvStage = z.infer<typeof ZCvStage>;

export const CV_STAGES: readonly CvStage[] = ['queued', 'analysing', 'retrieving', 'drafting', 'checking', 'rendering', 'done'];

export const CV_STAGE_LABEL: Record<CvStage, string> = {
  queued: 'Waiting to start',
  analysing: 'Reading the job advert',
  retrieving: 'Matching it against your record',
  drafting: 'Drafting your CV',
  checking: 'Checking every item against your record',
  rendering: 'Making the PDF',
  done: 'Done',
  failed: 'Failed',
};

/** 0..1 along the pipeline; `failed` keeps the bar where it was (pass the last stage). */
export function stageFraction(stage: CvStage, lastStage?: CvStage): number {
  if (stage === 'failed') return lastStage && lastStage !== 'failed' ? stageFraction(lastStage) : 0;
  const index = CV_STAGES.indexOf(stage);
  return index < 0 ? 0 : index / (CV_STAGES.length - 1);
}

/** "Step 3 of 6: Drafting your CV". */
export function stageText(stage: CvStage): string {
  if (stage === 'done' || stage === 'failed') return CV_STAGE_LABEL[stage];
  const steps = CV_STAGES.length - 1;
  const index = Math.max(0, CV_STAGES.indexOf(stage));
  return index === 0 ? CV_STAGE_LABEL.queued : `Step ${index} of ${steps - 1}: ${CV_STAGE_LABEL[stage]}`;
}

/** Stages only move forward: a late or repeated event never moves the bar back. */
export function laterStage(current: CvStage | undefined, next: CvStage): CvStage {
  if (!current) return next;
  if (current === 'done' || current === 'failed') return current;
  if (next === 'failed' || next === 'done') return next;
  return CV_STAGES.indexOf(next) > CV_STAGES.indexOf(current) ? next : current;
}

export const isFinished = (stage: CvStage | undefined) => stage === 'done' || stage === 'failed';
