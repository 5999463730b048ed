import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DbOrTx } from '../../platform/db/transaction.ts';
import type { JobQueue } from '../../platform/queue/queue.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Logger } from '../../platform/logger.ts';
import { LlmError, type LlmProvider } from '../../adapters/llm.ts';
import { createRestoringStream, Pseudonymiser, redact } from '../../ai/redaction/index.ts';
import type { AiRecordSource } from '../../ai/record-cache.ts';
import { pseudonymisedRecord } from '../../ai/context.ts';
import { loadPrompt } from '../../ai/prompts.ts';
import { prescreen } from '../prescreen/service.ts';
import { release, reserveAll, settle } from '../quotas/service.ts';
import { findEffectivePlan } from '../plans/service.ts';
import { requestCv } from '../cvs/service.ts';
import * as repo from './repo.ts';
import { assertProcessingAllowed } from '../accounts/restriction.ts';
import { analyseJobOffline } from '../../ai/jd-analysis/offline.ts';
import { assessRequirements } from '../../ai/jd-analysis/assess.ts';
import { todayIn } from '../record/dates.ts';
import { findUserTimeZone } from '../record/repo.ts';
import { describeExpiries, describeLack, draftSupportingStatement, intentOf, parseDate, summariseExperience } from './intents.ts';

export interface AssistantDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  secretBox: SecretBox;
  llm: LlmProvider | undefined;
  /** The clinician's AI record: read on every turn, so kept in memory while it is current. */
  records: AiRecordSource;
  logger: Logger;
}

export interface ReplySink {
  /** Called once the conversation is known (a new one is created first), before any token. */
  conversation?(id: string): void;
  token(text: string): void;
}

const HISTORY = 12;
const UNAVAILABLE_PREFIX = 'The assistant is unavailable just now, so this answer comes from your record alone.';
const CUT_SHORT = '(The assistant stopped answering, so this reply is cut short. Please ask again in a minute.)';

/** A pasted advert, rather than a question: long, with the usual headings. */
export const looksLikeJobDescription = (text: string) => text.length >= 300 && /\b(essential|desirable|person specification|requirements|job description|we are looking for|the role)\b/i.test(text);

const sealPseudonyms = (box: SecretBox, conversationId: string, p: Pseudonymiser) => box.seal(JSON.stringify(p.toJSON()), `pseudonyms:${conversationId}`);
const openPseudonyms = (box: SecretBox, conversationId: string, sealed: string | null) =>
  sealed ? Pseudonymiser.fromJSON(JSON.parse(box.open(sealed, `pseudonyms:${conversationId}`).toString('utf8'))) : new Pseudonymiser();

/**
 * Offline answers from the record itself: renewals, gaps, and (about the advert last pasted in
 * this conversation) what it needs that the record lacks, what expires before a date, a summary
 * of experience and a supporting statement, every sentence about the clinician grounded.
 */
async function offlineReply(deps: AssistantDeps, userId: string, conversationId: string, text: string, now: Date): Promise<string> {
  const asOf = todayIn(await findUserTimeZone(deps.db, userId), now);
  const intent = intentOf(text);
  if (intent) {
    const record = await deps.records.load(deps.db, userId, now);
    if (intent === 'expires-before') return describeExpiries(record, parseDate(text, now)!, asOf);
    const advert = await repo.findLatestAdvert(deps.db, userId, conversationId);
    if (!advert) {
      if (intent === 'summary') return summariseExperience(record, asOf);
      return 'Paste the job advert here first (the whole advert, with its person specification), then ask me again.';
    }
    const analysis = analyseJobOffline(advert.job_description);
    const assessed = assessRequirements(analysis, record, asOf);
    if (intent === 'lack') return describeLack(analysis.title, assessed);
    if (intent === 'summary') return summariseExperience(record, asOf, { title: analysis.title, text: advert.job_description });
    return draftSupportingStatement(record, analysis, assessed);
  }
  const screen = await prescreen(deps.db, userId, {}, now);
  if (/expir|renew|out of date|lapse/i.test(text)) {
    const items = screen.findings.filter((f) => f.kind === 'expired' || f.kind === 'expiring');
    return items.length ? `Here is what needs renewing:\n${items.map((f) => `- ${f.message}`).join('\n')}` : 'Nothing in your record has expired or expires in the next 90 days.';
  }
  if (/\bgaps?\b/i.test(text)) {
    const gaps = screen.findings.filter((f) => f.kind === 'gap');
    return gaps.length
      ? `Recruiters ask about gaps over 28 days. Yours:\n${gaps.map((f) => `- ${f.message}`).join('\n')}\nAdd a short explanation (leave, study, travel, caring) before you apply.`
      : 'Your posts have no gaps longer than 28 days.';
  }
  return [
    'I can help with your record and applications. Try:',
    '- pasting a job advert: I will tell you what it asks for against your record and tailor a CV using only what your record can show;',
    '- then "what does this job need that I lack?", "summarise my experience for this post" or "draft my supporting information";',
    '- "what expires before 1 March?" or "what expires soon?" for registrations, training and DBS renewals;',
    '- "explain my gaps" for the gaps a recruiter will ask about.',
  ].join('\n');
}

/**
 * One turn of the conversation. Order matters for privacy: the text is redacted before it is
 * stored or sent anywhere, and the reply is redacted before it is stored.
 */
export async function handleChatMessage(deps: AssistantDeps, user: { id: string }, input: { conversationId?: string | undefined; text: string }, sink: ReplySink, now: Date) {
  const isAdvert = looksLikeJobDescription(input.text);
  // A chat answer reads the earlier turns; an advert or an offline answer does not.
  const wantsHistory = Boolean(deps.llm) && !isAdvert;
  // Independent reads run together: the clinician waits for the first token on all of them. The
  // earlier turns are read by conversation id and used only once the conversation proves theirs.
  const [, record, existing, earlier, { plan }] = await Promise.all([
    assertProcessingAllowed(deps.db, user.id),
    deps.records.load(deps.db, user.id, now),
    input.conversationId ? repo.findConversation(deps.db, user.id, input.conversationId) : undefined,
    input.conversationId && wantsHistory ? repo.findMessages(deps.db, input.conversationId, HISTORY - 1) : [],
    findEffectivePlan(deps.db, user.id),
  ]);
  const knownNames = [record.name, ...record.posts.map((p) => p.supervisor).filter((s): s is string => Boolean(s))];
  const conversation = input.conversationId ? existing : await repo.insertConversation(deps.db, { user_id: user.id, title: redact(input.text, { knownNames }).text.slice(0, 60), created_at: now });
  if (!conversation) throw new AppError('NOT_FOUND', 'Conversation not found');
  sink.conversation?.(conversation.id);

  const messageId = randomUUID();
  const pseudonymiser = openPseudonyms(deps.secretBox, conversation.id, conversation.pseudonyms);
  const redacted = redact(input.text, { knownNames, pseudonymiser }).text;
  const question = { role: 'user' as const, content: redacted };
  // The prompt is built before anything is held, so the message and its worst-case tokens are
  // held in one write (and a used-up token allowance holds nothing).
  const llm = deps.llm && !isAdvert ? deps.llm : undefined;
  const prompt = llm
    ? loadPrompt('assistant-chat').render({
        record: JSON.stringify(pseudonymisedRecord(record, pseudonymiser)),
        question: [...earlier, question].map((m) => `${m.role === 'user' ? 'Clinician' : 'Assistant'}: ${m.content}`).join('\n\n'),
      })
    : undefined;
  const [reservation, tokens] = await reserveAll(deps.db, {
    userId: user.id,
    now,
    plan,
    holds: [
      { metric: 'assistant_messages', amount: 1, requestId: messageId },
      ...(llm && prompt ? [{ metric: 'llm_tokens' as const, amount: Math.ceil(prompt.reduce((n, m) => n + m.content.length, 0) / 4) + llm.maxTokens, requestId: `${messageId}:chat` }] : []),
    ],
  });
  if (!reservation) throw new Error('the message was not held');
  try {
    // Stored before anything is sent: a question that could not be logged is not asked (nor
    // charged). With a real provider the round trip is a sliver of the wait for its first token.
    await repo.insertMessage(deps.db, { conversation_id: conversation.id, user_id: user.id, ...question, created_at: now });

    let reply: string;
    let cvRequestId: string | null = null;
    let usage: { totalTokens: number } | undefined;
    if (isAdvert) {
      const cv = await requestCv(deps, user.id, { jobDescription: input.text }, { requestId: messageId, now });
      cvRequestId = cv.id;
      // What the advert asks for, against the record, straight away (the same reading the CV gets).
      const analysis = analyseJobOffline(input.text);
      const lack = describeLack(analysis.title, assessRequirements(analysis, record, todayIn(await findUserTimeZone(deps.db, user.id), now)));
      reply = `${lack}\n\nI am tailoring a CV to this job using only what your record can show. When it is ready you will see it with the tailored CV, including anything I had to leave out. Ask me "draft my supporting information" for this post too.`;
      sink.token(reply);
    } else if (llm && prompt && tokens) {
      // The clinician reads the names they typed; only the provider and the store see pseudonyms.
      let streamed = '';
      const shown = createRestoringStream(pseudonymiser, (t) => sink.token(t));
      try {
        const result = await llm.stream(prompt, (t) => {
          streamed += t;
          shown.push(t);
        });
        shown.end();
        await settle(deps.db, tokens, result.usage.totalTokens, now);
        reply = result.text;
        usage = { totalTokens: result.usage.totalTokens };
      } catch (err) {
        await release(deps.db, tokens, now);
        if (!(err instanceof LlmError)) throw err;
        // The provider failed or missed the chat deadline: no tokens are charged, and the
        // clinician still gets an answer (docs/ARCHITECTURE.md, Failure policy).
        deps.logger.warn({ failure: err.kind, partial: streamed.length > 0 }, 'chat fell back to the offline answer');
        shown.end();
        if (streamed) {
          const note = `\n\n${CUT_SHORT}`;
          sink.token(note);
          reply = streamed + note;
        } else {
          reply = `${UNAVAILABLE_PREFIX}\n\n${await offlineReply(deps, user.id, conversation.id, input.text, now)}`;
          sink.token(reply);
        }
      }
    } else {
      reply = await offlineReply(deps, user.id, conversation.id, input.text, now);
      sink.token(reply);
    }

    const stored = await repo.insertMessage(deps.db, {
      conversation_id: conversation.id,
      user_id: user.id,
      role: 'assistant',
      content: redact(reply, { knownNames, pseudonymiser }).text,
      cv_request_id: cvRequestId,
      ...(usage ? { usage: JSON.stringify(usage) } : {}),
      created_at: new Date(now.getTime() + 1),
    });
    await repo.savePseudonyms(deps.db, conversation.id, sealPseudonyms(deps.secretBox, conversation.id, pseudonymiser), now);
    await settle(deps.db, reservation, 1, now);
    return { conversationId: conversation.id, messageId: stored.id, cvRequestId, usage: usage ?? { totalTokens: 0 } };
  } catch (err) {
    // Either hold may be open still (a question that could not be stored); a closed one stays closed.
    await release(deps.db, reservation, now);
    if (tokens) await release(deps.db, tokens, now);
    throw err;
  }
}

export async function listConversations(db: DbOrTx, userId: string) {
  return (await repo.findConversations(db, userId)).map((c) => ({ id: c.id, title: c.title, createdAt: c.created_at.toISOString(), updatedAt: c.updated_at.toISOString() }));
}

export async function getConversation(db: DbOrTx, userId: string, id: string) {
  const c = await repo.findConversation(db, userId, id);
  if (!c) throw new AppError('NOT_FOUND', 'Conversation not found');
  const messages = await repo.findMessages(db, id, 500);
  return {
    id: c.id,
    title: c.title,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    messages: messages.map((m) => ({ id: m.id, role: m.role, content: m.content, cvRequestId: m.cv_request_id, createdAt: m.created_at.toISOString() })),
  };
}

export async function deleteConversation(db: DbOrTx, userId: string, id: string) {
  if (!(await repo.deleteConversation(db, userId, id))) throw new AppError('NOT_FOUND', 'Conversation not found');
}
