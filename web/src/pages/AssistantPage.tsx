import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../components/Page.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { useMe } from '../app/auth.ts';
import { ChatComposer, type ChatComposerHandle } from './assistant/ChatComposer.tsx';
import { ChatError } from './assistant/ChatError.tsx';
import { TailorCvForm } from './assistant/TailorCvForm.tsx';
import { useAssistantChat, useConversation, useConversations, type ChatMessage } from './assistant/use-assistant-chat.ts';
import { CvTracker } from './cvs/CvTracker.tsx';

const formatWhen = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * The assistant: chat (streamed replies over socket.io `/assistant`) and "Tailor a CV" (job
 * advert -> progress -> requirements, removed items, warnings and the PDF). `?c=<id>` is the
 * open conversation, `?cv=<id>` the CV being followed.
 */
export function AssistantPage() {
  const [params, setParams] = useSearchParams();
  const conversationId = params.get('c') ?? undefined;
  const cvId = params.get('cv') ?? undefined;
  const cvHeading = useRef<HTMLHeadingElement>(null);
  const [focusCv, setFocusCv] = useState(0);

  const setParam = (key: 'c' | 'cv', value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'c' && !value },
    );

  const followCv = (id: string) => {
    setParam('cv', id);
    setFocusCv((n) => n + 1);
  };
  useEffect(() => {
    if (focusCv) cvHeading.current?.focus();
  }, [focusCv]);

  return (
    <Page title="Assistant" lead="Ask about your record, or paste a job advert and get a CV that says only what your record can back up.">
      <div className="assistant-layout">
        <section className="stack card" aria-labelledby="tailor-title">
          <h2 id="tailor-title">Tailor a CV</h2>
          <TailorCvForm onStarted={followCv} />
        </section>

        {cvId ? (
          <section className="stack card cv-live" aria-labelledby="cv-live-title">
            <h2 id="cv-live-title" ref={cvHeading} tabIndex={-1}>
              Your tailored CV
            </h2>
            <CvTracker key={cvId} id={cvId} headingLevel={3} />
          </section>
        ) : null}

        <Chat conversationId={conversationId} onConversation={(id) => setParam('c', id)} onCv={followCv} />
      </div>
    </Page>
  );
}

function Chat({ conversationId, onConversation, onCv }: { conversationId: string | undefined; onConversation: (id: string | undefined) => void; onCv: (id: string) => void }) {
  const conversations = useConversations();
  const conversation = useConversation(conversationId);
  const chat = useAssistantChat({
    conversationId,
    onDone: (done) => {
      if (done.conversationId !== conversationId) onConversation(done.conversationId);
      if (done.cvRequestId) onCv(done.cvRequestId);
    },
  });
  const me = useMe();
  const composer = useRef<ChatComposerHandle>(null);
  const logEnd = useRef<HTMLDivElement>(null);

  const stored = conversationId ? (conversation.data?.messages ?? []) : [];
  const storedIds = new Set(stored.map((m) => m.id));
  const session = chat.finished.filter((f) => f.conversationId === conversationId && !storedIds.has(f.messageId));

  useEffect(() => {
    logEnd.current?.scrollIntoView?.({ block: 'nearest' });
  }, [stored.length, session.length, chat.pending?.reply]);

  return (
    <section className="stack card chat" aria-labelledby="chat-title">
      <div className="chat-head">
        <h2 id="chat-title">Chat</h2>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => {
            onConversation(undefined);
            composer.current?.focus();
          }}
        >
          New conversation
        </button>
      </div>

      <details className="chat-history">
        <summary>Earlier conversations{conversations.data ? ` (${conversations.data.conversations.length})` : ''}</summary>
        {conversations.isPending ? (
          <Loading label="Loading conversations…" />
        ) : conversations.isError ? (
          <ErrorState level={3} error={conversations.error} title="Your conversations could not be loaded" onRetry={() => void conversations.refetch()} />
        ) : conversations.data.conversations.length === 0 ? (
          <p className="muted">No conversations yet.</p>
        ) : (
          <ul className="chat-conversations">
            {conversations.data.conversations.map((c) => (
              <li key={c.id}>
                <Link to={`/assistant?c=${c.id}`} aria-current={c.id === conversationId ? 'true' : undefined} onClick={() => requestAnimationFrame(() => composer.current?.focus())}>
                  {c.title || 'Untitled'}
                </Link>{' '}
                <span className="muted">{formatWhen(c.updatedAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </details>

      {chat.connection === 'disconnected' ? (
        <p className="notice notice-warn" role="status">
          Not connected to the assistant. Reconnecting…
        </p>
      ) : null}

      <div className="chat-log" role="log" aria-label="Conversation" aria-live="polite" aria-relevant="additions">
        {conversationId && conversation.isPending ? <Loading label="Loading the conversation…" /> : null}
        {conversationId && conversation.isError ? <ErrorState level={3} error={conversation.error} title="This conversation could not be loaded" onRetry={() => void conversation.refetch()} /> : null}
        {!conversationId && !chat.pending && session.length === 0 ? (
          <EmptyState level={3} title="Ask the assistant">
            <p>For example: “Which of my trainings expire this year?” or paste a job advert to tailor a CV.</p>
          </EmptyState>
        ) : null}
        <ol className="chat-messages">
          {stored.map((m) => (
            <MessageItem key={m.id} role={m.role} text={m.content} cvRequestId={m.cvRequestId} onCv={onCv} />
          ))}
          {session.map((f) => (
            <SessionTurn key={f.messageId} text={f.text} reply={f.reply} cvRequestId={f.cvRequestId} onCv={onCv} />
          ))}
          {chat.pending ? (
            <>
              <MessageItem role="user" text={chat.pending.text} cvRequestId={null} onCv={onCv} />
              <li className="chat-message chat-assistant" aria-busy="true">
                <span className="chat-who">Assistant</span>
                <p className="chat-text">
                  {chat.pending.reply || (
                    <span className="muted">
                      <span className="spinner" aria-hidden="true" /> Thinking…
                    </span>
                  )}
                </p>
              </li>
            </>
          ) : null}
        </ol>
        <div ref={logEnd} />
      </div>

      {chat.error ? <ChatError error={chat.error} onDismiss={chat.clearError} /> : null}

      <ChatComposer ref={composer} onSend={chat.send} busy={Boolean(chat.pending)} restricted={Boolean(me.data?.processingRestricted)} returned={chat.unsent} />
    </section>
  );
}

function SessionTurn({ text, reply, cvRequestId, onCv }: { text: string; reply: string; cvRequestId: string | null; onCv: (id: string) => void }) {
  return (
    <>
      <MessageItem role="user" text={text} cvRequestId={null} onCv={onCv} />
      <MessageItem role="assistant" text={reply} cvRequestId={cvRequestId} onCv={onCv} />
    </>
  );
}

function MessageItem({ role, text, cvRequestId, onCv }: { role: ChatMessage['role']; text: string; cvRequestId: string | null; onCv: (id: string) => void }) {
  return (
    <li className={`chat-message chat-${role}`}>
      <span className="chat-who">{role === 'user' ? 'You' : 'Assistant'}</span>
      <p className="chat-text">{text}</p>
      {cvRequestId ? (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => onCv(cvRequestId)}>
          Show the CV
        </button>
      ) : null}
    </li>
  );
}
