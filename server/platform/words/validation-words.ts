import type { z } from 'zod';
import { fieldLabel } from './field-labels.ts';
import { enumWord } from './enum-words.ts';

/**
 * Validation messages in words. Schemas and checks say fragments about their own field ("is
 * required", "must be 7 digits"); zod's own defaults are technical ("Invalid option: expected
 * one of ..."). `zodIssueWords` turns a zod issue into a fragment, and `validationSentence` puts
 * the field's label in front ("Email address is required"). Used by the API's 422 formatter and
 * by the web app's forms, so both say the same thing.
 */

// "50,000 characters": numbers grouped as people write them.
const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

export function zodIssueWords(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined || input === null || input === '') return 'is required';
      if (issue.expected === 'number' || issue.expected === 'int') return 'must be a number';
      if (issue.expected === 'boolean') return 'must be yes or no';
      if (issue.expected === 'array') return 'must be a list';
      if (issue.expected === 'object') return 'must be a set of fields';
      return 'must be text';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${plural(Number(issue.minimum), 'character')}`;
      if (issue.origin === 'array') return `must have at least ${plural(Number(issue.minimum), 'item')}`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${plural(Number(issue.maximum), 'character')}`;
      if (issue.origin === 'array') return `must have at most ${plural(Number(issue.maximum), 'item')}`;
      if (issue.origin === 'file') return 'is too large';
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => enumWord(String(v))).join(', ')}`;
    case 'invalid_format':
      // A custom message from the schema ("must be a valid email address") is already in words.
      if (issue.message && /^[a-z]/.test(issue.message) && !issue.message.startsWith('Invalid')) return issue.message;
      if (input === '') return 'is required';
      if (issue.format === 'email') return 'must be a valid email address';
      if (issue.format === 'uuid' || issue.format === 'guid') return 'is not a valid id';
      if (issue.format === 'url') return 'must be a web address';
      if (issue.format === 'datetime' || issue.format === 'date') return 'must be a date';
      return 'is not in the expected format';
    case 'unrecognized_keys':
      return `has fields this form does not take: ${issue.keys.map((k) => fieldLabel(k).toLowerCase()).join(', ')}`;
    case 'invalid_union':
      return 'is not valid';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      // Custom refinements carry their own fragment ("must not contain control characters").
      return issue.message && /^[a-z]/.test(issue.message) ? issue.message : 'is not valid';
  }
}

/** A field path and its fragment as one sentence: "End date must not be before the start date". Sentences pass through. */
export function validationSentence(path: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message;
  return `${fieldLabel(path)} ${message}`;
}
