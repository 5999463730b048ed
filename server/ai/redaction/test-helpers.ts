import { findEntities } from './redact.ts';
import type { Entity, EntityType, RecogniserContext } from './types.ts';

/** Entities as [type, text] pairs, which read better in assertions than offsets. */
export const pairs = (entities: readonly Entity[]): [EntityType, string][] => entities.map((e) => [e.type, e.text]);

/** What the whole pipeline finds, so "must survive" cases are checked against every recogniser. */
export const found = (text: string, context?: Partial<RecogniserContext>) => pairs(findEntities(text, context));
