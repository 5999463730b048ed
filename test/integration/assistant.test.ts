import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { jobs, personas } from '../support/fixtures.ts';
import { waitFor } from '../support/wait.ts';
import { findInDatabase } from '../support/pii-scan.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';
import { assistantSocket, turn } from '../support/assistant.ts';
import { enforceConversationRetention } from '../../server/domains/assistant/retention.ts';

const persona = () => personas().find((p) => p.file === 'em-st4-locum.json')!.resume;

describe('the assistant without an LLM (offline)', () => {
  let app: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ TRUST_PROXY: 'true' }, { logLines });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a socket without a session', async () => {
    const anonymous = connect(`${app.server.url}/assistant`, { transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => anonymous.on('connect_error', resolve));
    expect(error.message).toBe('UNAUTHENTICATED');
    anonymous.close();
  });

  it('answers from the record, keeps history, and starts a CV from a pasted job description', async () => {
    const { client } = await signUp(app, { name: persona().basics.name });
    await client.post('/api/import/json-resume', persona());
    const socket = await assistantSocket(app, client);
    const first = await turn(socket, { text: 'What expires soon?' });
    expect(first.error).toBeUndefined();
    expect(first.tokens.join('')).toContain('Advanced Paediatric Life Support (APLS) expired on 9 June 2026');
    const conversationId = first.done.conversationId;

    const second = await turn(socket, { conversationId, text: jobs().find((j) => j.file === 'ed-trust-registrar.txt')!.text });
    expect(second.done.cvRequestId).toBeTruthy();
    const cv = await waitFor('CV', async () => ((await client.get(`/api/cvs/${second.done.cvRequestId}`)).body.status === 'done' ? true : undefined));
    expect(cv).toBe(true);

    const history = await client.get(`/api/conversations/${conversationId}`);
    expect(history.body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect((await client.get('/api/me/plan')).body.usage.assistantMessages).toBe(2);
    const bad = await turn(socket, { text: '' });
    expect(bad.error.code).toBe('VALIDATION');
    socket.close();
  });

  it('PII canary: patient details in a message reach no database column and no log line', async () => {
    const { client } = await signUp(app, { name: 'Dr Canary Tester' });
    const socket = await assistantSocket(app, client);
    expect((await client.get('/api/conversations')).body.conversations).toEqual([]);
    const secrets = ['Jonathan Quarrington', '943 476 5919', 'JG 10 37 13 A', '07700 900982', 'canary.patient@example.org', 'LS6 2UE', '14/07/1961'];
    const text = `Dr Canary Tester here. Can you help me write up a case? My patient Jonathan Quarrington (NHS 943 476 5919, NI JG 10 37 13 A, DOB 14/07/1961), phone 07700 900982, email canary.patient@example.org, lives at LS6 2UE. Also what expires soon?`;
    const result = await turn(socket, { text });
    expect(result.error).toBeUndefined();
    socket.close();
    const conversation = (await client.get(`/api/conversations/${result.done.conversationId}`)).body;
    expect(conversation.title).not.toContain('Canary');
    const stored = conversation.messages[0].content;
    expect(stored).toContain('[PERSON_1]');
    expect(stored).toContain('[NHS_NUMBER]');
    expect(await findInDatabase(app.server.platform.database.db, [...secrets, 'Quarrington', '9434765919'])).toEqual([]);
    const logs = logLines.join('\n');
    for (const secret of [...secrets, 'Quarrington']) expect(logs).not.toContain(secret);
  });

  it('deletes exactly the messages past the plan retention', async () => {
    const { client, userId } = await signUp(app);
    const socket = await assistantSocket(app, client);
    const a = await turn(socket, { text: 'Explain my gaps' });
    await turn(socket, { conversationId: a.done.conversationId, text: 'What expires soon?' });
    const b = await turn(socket, { text: 'Hello' });
    socket.close();
    const db = app.server.platform.database.db;
    // Free plan keeps 30 days: age the first conversation to 31 days, the second to 29.
    await sql`UPDATE messages SET created_at = now() - interval '31 days' WHERE conversation_id = ${a.done.conversationId}`.execute(db);
    await sql`UPDATE messages SET created_at = now() - interval '29 days' WHERE conversation_id = ${b.done.conversationId}`.execute(db);
    const result = await enforceConversationRetention(db, new Date());
    expect(result).toMatchObject({ messages: 4, conversations: 1 });
    const left = await sql<{ conversation_id: string }>`SELECT conversation_id FROM messages WHERE user_id = ${userId}`.execute(db);
    expect(left.rows.map((r) => r.conversation_id)).toEqual([b.done.conversationId, b.done.conversationId]);
    expect((await client.get(`/api/conversations/${a.done.conversationId}`)).status).toBe(404);
  });
});

describe('the assistant with an LLM provider', () => {
  let app: TestApp;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    app = await startTestApp({ TRUST_PROXY: 'true', LLM_BASE_URL: fake.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'k', LLM_CHAT_DEADLINE_MS: '2000' });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('streams the model reply, sending only pseudonymised text to the provider', async () => {
    const { client } = await signUp(app, { name: persona().basics.name });
    await client.post('/api/import/json-resume', persona());
    fake.replyOnce({ content: 'Your ALS is valid until 2028-02-14.', chunks: ['Your ALS ', 'is valid ', 'until 2028-02-14.'] });
    const socket = await assistantSocket(app, client);
    const tokenConversations: unknown[] = [];
    socket.on('token', (e: { conversationId?: string }) => tokenConversations.push(e.conversationId));
    const result = await turn(socket, { text: 'My consultant Dr Sam Okafor asked whether my ALS is current. Is it?' });
    expect(result.tokens).toEqual(['Your ALS ', 'is valid ', 'until 2028-02-14.']);
    // A new conversation: its id rides on every token, not only on `done`.
    expect(tokenConversations).toEqual([result.done.conversationId, result.done.conversationId, result.done.conversationId]);
    expect(result.done.usage.totalTokens).toBeGreaterThan(0);
    const sent = JSON.stringify(fake.requestsTo('chat')[0]!.body);
    expect(sent).not.toContain('Okafor');
    expect(sent).not.toContain(persona().basics.name.split(' ')[1]);
    expect(sent).toContain('Dr [PERSON_');
    socket.close();
  });

  it('sends the earlier turns of the conversation, in order, with the new question last', async () => {
    const { client } = await signUp(app);
    await client.post('/api/import/json-resume', persona());
    const socket = await assistantSocket(app, client);
    fake.replyOnce({ content: 'Your ILS runs to next spring.' });
    const first = await turn(socket, { text: 'When does my ILS expire?' });
    fake.replyOnce({ content: 'Book the renewal a month ahead.' });
    await turn(socket, { conversationId: first.done.conversationId, text: 'And when should I book the renewal?' });
    const prompt = JSON.stringify(fake.requestsTo('chat')[1]!.body.messages);
    const order = ['Clinician: When does my ILS expire?', 'Assistant: Your ILS runs to next spring.', 'Clinician: And when should I book the renewal?'].map((t) => prompt.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    socket.close();
  });

  it('reads the record as it is now on every turn, though it keeps a copy between turns', async () => {
    const { client } = await signUp(app);
    await client.post('/api/import/json-resume', persona());
    const socket = await assistantSocket(app, client);
    const first = await turn(socket, { text: 'What training do I have?' });
    expect(JSON.stringify(fake.requestsTo('chat')[0]!.body)).not.toContain('Paediatric Immediate Life Support');
    expect((await client.post('/api/training', { name: 'Paediatric Immediate Life Support', provider: 'Resuscitation Council UK', completedOn: '2026-02-03' })).status).toBe(201);
    await turn(socket, { conversationId: first.done.conversationId, text: 'And now?' });
    expect(JSON.stringify(fake.requestsTo('chat')[1]!.body)).toContain('Paediatric Immediate Life Support');
    socket.close();
  });

  it('asks the provider nothing when the question cannot be logged, and gives both holds back', async () => {
    const { client, userId } = await signUp(app);
    const db = app.server.platform.database.db;
    // A store that refuses this clinician's messages (a full disk, a lost primary...).
    await sql`CREATE FUNCTION refuse_message() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'store refused'; END $$`.execute(db);
    await sql`CREATE TRIGGER refuse_message BEFORE INSERT ON messages FOR EACH ROW WHEN (NEW.user_id = ${sql.lit(userId)}::uuid) EXECUTE FUNCTION refuse_message()`.execute(db);
    try {
      const socket = await assistantSocket(app, client);
      const result = await turn(socket, { text: 'When does my ILS expire?' });
      expect(result.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(fake.requestsTo('chat')).toHaveLength(0);
      expect((await client.get('/api/me/plan')).body.usage).toMatchObject({ assistantMessages: 0, llmTokens: 0 });
      socket.close();
    } finally {
      await sql`DROP TRIGGER refuse_message ON messages`.execute(db);
      await sql`DROP FUNCTION refuse_message()`.execute(db);
    }
  });

  it('answers from the record when the provider refuses, charging no tokens', async () => {
    const { client } = await signUp(app);
    fake.reply({ status: 401 });
    const socket = await assistantSocket(app, client);
    const result = await turn(socket, { text: 'What expires soon?' });
    expect(result.error).toBeUndefined();
    expect(result.tokens.join('')).toContain('The assistant is unavailable just now, so this answer comes from your record alone.');
    expect(result.tokens.join('')).toContain('Nothing in your record has expired');
    const plan = (await client.get('/api/me/plan')).body.usage;
    expect(plan).toMatchObject({ assistantMessages: 1, llmTokens: 0 });
    socket.close();
  });

  it('a hanging provider: the offline answer arrives once the chat deadline passes, and is kept in the conversation', async () => {
    const { client } = await signUp(app, { name: persona().basics.name });
    await client.post('/api/import/json-resume', persona());
    fake.reply({ hang: true });
    const socket = await assistantSocket(app, client);
    const started = performance.now();
    const result = await turn(socket, { text: 'Explain my gaps' });
    const elapsed = performance.now() - started;
    expect(result.error).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(6000);
    expect(result.tokens.join('')).toContain('from your record alone');
    const stored = (await client.get(`/api/conversations/${result.done.conversationId}`)).body.messages;
    expect(stored.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(stored[1].content).toContain('from your record alone');

    // A model that stalls after its first words: those words stay, with a note that it stopped.
    fake.reset();
    fake.reply({ content: 'Your posts run without a break from', chunks: ['Your posts ', 'run without ', 'a break from'], hangAfterChunks: 2 });
    const cut = await turn(socket, { conversationId: result.done.conversationId, text: 'And my posts?' });
    expect(cut.error).toBeUndefined();
    expect(cut.tokens.slice(0, 2)).toEqual(['Your posts ', 'run without ']);
    expect(cut.tokens.join('')).toContain('this reply is cut short');
    socket.close();
  });

  it('streams the names the clinician typed back to them, while the provider and the store see only pseudonyms', async () => {
    const { client, userId } = await signUp(app, { name: persona().basics.name });
    await client.post('/api/import/json-resume', persona());
    // The model answers with the pseudonym it was given, split mid-label across chunks.
    fake.replyOnce((body) => {
      const label = /Dr (\[PERSON_\d+\])/.exec(JSON.stringify(body))![1]!;
      return { content: `Ask Dr ${label} to confirm it.`, chunks: ['Ask Dr ', label.slice(0, 4), `${label.slice(4)} to confirm it.`] };
    });
    const socket = await assistantSocket(app, client);
    const result = await turn(socket, { text: 'My consultant Dr Sam Okafor asked whether my ALS is current. Is it?' });
    socket.close();
    expect(result.tokens.join('')).toBe('Ask Dr Sam Okafor to confirm it.');
    const stored = await app.server.platform.database.db.selectFrom('messages').select('content').where('user_id', '=', userId).execute();
    expect(stored.map((m) => m.content).join(' ')).not.toContain('Okafor');
    // The history shows what is kept: the redacted text.
    const kept = (await client.get(`/api/conversations/${result.done.conversationId}`)).body.messages.map((m: { content: string }) => m.content);
    expect(kept[1]).toMatch(/^Ask Dr \[PERSON_\d+\] to confirm it\.$/);
  });

  it('stops answering on a socket whose session has ended (sign-out, revocation, erasure)', async () => {
    const { client } = await signUp(app);
    const socket = await assistantSocket(app, client);
    await client.post('/api/auth/logout');
    const result = await turn(socket, { text: 'What expires soon?' });
    expect(result.error).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(fake.requests).toHaveLength(0);
    socket.close();
  });

  it('makes no provider call for a clinician who restricted processing', async () => {
    const { client } = await signUp(app);
    expect((await client.post('/api/me/restriction', { restricted: true })).body).toEqual({ restricted: true });
    expect((await client.get('/api/me')).body.processingRestricted).toBe(true);
    const socket = await assistantSocket(app, client);
    const result = await turn(socket, { text: 'Hello' });
    expect(result.error.code).toBe('PROCESSING_RESTRICTED');
    socket.close();
    const cv = await client.post('/api/cvs', { jobDescription: jobs()[0]!.text });
    expect(cv.status).toBe(403);
    expect(cv.body.error.code).toBe('PROCESSING_RESTRICTED');
    expect(fake.requests).toHaveLength(0);
    expect((await client.get('/api/me/plan')).body.usage).toMatchObject({ assistantMessages: 0, cvGenerations: 0, llmTokens: 0 });
    await client.post('/api/me/restriction', { restricted: false });
    fake.replyOnce({ content: 'Hello again.' });
    const again = await assistantSocket(app, client);
    expect((await turn(again, { text: 'Hello' })).done).toBeDefined();
    again.close();
  });

  it('refuses over the plan’s message allowance with QUOTA_EXCEEDED and no provider call', async () => {
    const { client, userId } = await signUp(app);
    const db = app.server.platform.database.db;
    const month = new Date().toISOString().slice(0, 7);
    await sql`INSERT INTO usage_balances (user_id, metric, period_start, used, held) VALUES (${userId}, 'assistant_messages', ${`${month}-01`}, 50, 0)`.execute(db);
    const socket = await assistantSocket(app, client);
    const result = await turn(socket, { text: 'Hello' });
    expect(result.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { limit: 50, usage: 50 } });
    expect(fake.requestsTo('chat')).toHaveLength(0);
    socket.close();
  });

  it('refuses when the token allowance is used up, holding no message either (one all-or-nothing hold)', async () => {
    const { client, userId } = await signUp(app);
    const db = app.server.platform.database.db;
    const limit = (await client.get('/api/me/plan')).body.plan.limits.llmTokens as number;
    const month = new Date().toISOString().slice(0, 7);
    await sql`INSERT INTO usage_balances (user_id, metric, period_start, used, held) VALUES (${userId}, 'llm_tokens', ${`${month}-01`}, ${limit}, 0)`.execute(db);
    const socket = await assistantSocket(app, client);
    const result = await turn(socket, { text: 'Hello' });
    expect(result.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { metric: 'llm_tokens' } });
    expect(fake.requestsTo('chat')).toHaveLength(0);
    expect((await client.get('/api/me/plan')).body.usage.assistantMessages).toBe(0);
    const holds = await sql<{ n: number }>`SELECT count(*)::int AS n FROM usage_ledger WHERE user_id = ${userId} AND kind = 'hold'`.execute(db);
    expect(holds.rows[0]!.n).toBe(0);
    socket.close();
  });
});
