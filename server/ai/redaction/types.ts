export const ENTITY_TYPES = ['EMAIL', 'PHONE', 'POSTCODE', 'NHS_NUMBER', 'NI_NUMBER', 'GMC_NUMBER', 'NMC_PIN', 'DBS_NUMBER', 'HCPC_NUMBER', 'GPHC_NUMBER', 'DATE_OF_BIRTH', 'PERSON'] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

/** A span of personal data; `start`/`end` index the original string, `end` exclusive. */
export interface Entity {
  type: EntityType;
  start: number;
  end: number;
  text: string;
}

export interface RecogniserContext {
  /** Full names from the clinician's record, their own first (e.g. "Dr Aisha Rahman"). */
  knownNames: readonly string[];
  /** Names found earlier in the text or conversation ("John Smith" after "my patient, John Smith"). */
  mentionedNames?: readonly string[];
}

export type Recogniser = (text: string, context: RecogniserContext) => Entity[];
