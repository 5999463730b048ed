/**
 * Registration numbers never reach a model: a draft carries this placeholder instead, and the
 * renderer fills it from the record (cv-render/snapshot.ts). One shape, written and read here.
 */
export const registrationNumberPlaceholder = (registrationId: string) => `[[registration:${registrationId}:number]]`;

/** Every placeholder in a text (global: use with matchAll or replace); group 1 is the registration id. */
export const REGISTRATION_NUMBER_PLACEHOLDER = /\[\[registration:([0-9a-f-]{36}):number\]\]/g;

/** The text with every placeholder replaced by the registration's number (empty when unknown). */
export const fillRegistrationNumbers = (text: string, numbers: ReadonlyMap<string, string>) => text.replace(REGISTRATION_NUMBER_PLACEHOLDER, (_, id: string) => numbers.get(id) ?? '');
