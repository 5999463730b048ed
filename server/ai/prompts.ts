import fs from 'node:fs';
import path from 'node:path';
import type { ChatMessage } from '../adapters/llm.ts';
import { ROOT_DIR } from '../platform/paths.ts';

/** Loads a versioned prompt from prompts/<task>/prompt.md and fills its {{placeholders}}. */
const PROMPTS_DIR = path.join(ROOT_DIR, 'prompts');

export interface Prompt {
  task: string;
  version: string;
  render(values: Record<string, string>): ChatMessage[];
}

const cache = new Map<string, Prompt>();

export function loadPrompt(task: string): Prompt {
  const cached = cache.get(task);
  if (cached) return cached;
  const text = fs.readFileSync(path.join(PROMPTS_DIR, task, 'prompt.md'), 'utf8');
  const version = /^version:\s*(\S+)/m.exec(text)?.[1];
  const system = /^## system\s*\n([\s\S]*?)^## user/m.exec(text)?.[1]?.trim();
  const user = /^## user\s*\n([\s\S]*)$/m.exec(text)?.[1]?.trim();
  if (!version || !system || !user) throw new Error(`prompts/${task}/prompt.md needs a version line and ## system and ## user sections`);
  const fill = (template: string, values: Record<string, string>) =>
    template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
      if (!(key in values)) throw new Error(`prompt ${task} needs a value for {{${key}}}`);
      return values[key]!;
    });
  const prompt: Prompt = {
    task,
    version,
    render: (values) => [
      { role: 'system', content: fill(system, values) },
      { role: 'user', content: fill(user, values) },
    ],
  };
  cache.set(task, prompt);
  return prompt;
}
