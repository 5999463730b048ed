export { findEntities, redact, DEFAULT_OPERATORS } from './redact.ts';
export type { Operator, RedactOptions, RedactResult } from './redact.ts';
export { Pseudonymiser, createRestoringStream } from './pseudonymiser.ts';
export type { PseudonymEntry, PseudonymiserState } from './pseudonymiser.ts';
export { ENTITY_TYPES } from './types.ts';
export type { Entity, EntityType, Recogniser, RecogniserContext } from './types.ts';
export { isValidNhsNumber } from './nhs-number.ts';
export { isValidNiNumber } from './ni-number.ts';
