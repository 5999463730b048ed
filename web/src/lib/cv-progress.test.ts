import { describe, expect, it } from 'vitest';
import { laterStage, stageFraction, stageText } from './cv-progress.ts';

describe('CV progress', () => {
  it('moves forward only, and a finished request stays finished', () => {
    expect(laterStage(undefined, 'drafting')).toBe('drafting');
    expect(laterStage('drafting', 'analysing')).toBe('drafting');
    expect(laterStage('drafting', 'checking')).toBe('checking');
    expect(laterStage('checking', 'failed')).toBe('failed');
    expect(laterStage('done', 'rendering')).toBe('done');
    expect(laterStage('failed', 'done')).toBe('failed');
  });

  it('fills the bar by stage and keeps it where it failed', () => {
    expect(stageFraction('queued')).toBe(0);
    expect(stageFraction('done')).toBe(1);
    expect(stageFraction('drafting')).toBeCloseTo(3 / 6);
    expect(stageFraction('failed', 'checking')).toBeCloseTo(4 / 6);
  });

  it('names the step in words', () => {
    expect(stageText('queued')).toBe('Waiting to start');
    expect(stageText('analysing')).toBe('Step 1 of 5: Reading the job advert');
    expect(stageText('rendering')).toBe('Step 5 of 5: Making the PDF');
    expect(stageText('done')).toBe('Done');
  });
});
