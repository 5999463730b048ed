import { useRef } from 'react';
import { CV_STAGE_LABEL, CV_STAGES, stageFraction, stageText, type CvStage } from '../../lib/cv-progress.ts';

/**
 * The progress of a CV being made: a bar, the stage in words (announced politely as it
 * changes) and the list of steps with the current one marked.
 */
export function CvProgress({ stage, id = 'cv-progress' }: { stage: CvStage; id?: string }) {
  const lastRunning = useRef<CvStage>('queued');
  if (stage !== 'failed') lastRunning.current = stage;
  const fraction = stageFraction(stage, lastRunning.current);
  const steps = CV_STAGES.filter((s) => s !== 'queued' && s !== 'done');
  const currentIndex = CV_STAGES.indexOf(stage === 'failed' ? lastRunning.current : stage);
  return (
    <div className="cv-progress stack stack-tight">
      <p id={`${id}-label`} className="cv-progress-label" aria-live="polite" aria-atomic="true">
        {stage === 'failed' ? 'The CV could not be made' : stageText(stage)}
      </p>
      <progress className="progress" aria-labelledby={`${id}-label`} value={Math.round(fraction * 100)} max={100}>
        {Math.round(fraction * 100)}%
      </progress>
      <ol className="cv-steps">
        {steps.map((s) => {
          const index = CV_STAGES.indexOf(s);
          const state = stage === 'done' || index < currentIndex ? 'done' : index === currentIndex && stage !== 'failed' ? 'current' : 'todo';
          return (
            <li key={s} className={`cv-step cv-step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span aria-hidden="true" className="cv-step-mark">
                {state === 'done' ? '✓' : state === 'current' ? '●' : '○'}
              </span>{' '}
              {CV_STAGE_LABEL[s]}
              {state === 'done' ? <span className="visually-hidden"> (done)</span> : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
