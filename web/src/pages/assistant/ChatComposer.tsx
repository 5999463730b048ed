import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';

export interface ChatComposerHandle {
  focus: () => void;
}

/**
 * The message box. What the clinician typed is never lost without a word: with AI processing
 * restricted nothing is sent and the text stays, with the reason beside it; a turn the server
 * refused (`returned`) comes back into the box if the box is empty.
 */
export const ChatComposer = forwardRef<
  ChatComposerHandle,
  {
    /** Sends the text; false when it could not be sent (no connection, a turn in progress). */
    onSend: (text: string) => boolean;
    busy: boolean;
    /** AI processing is restricted at the clinician's request (Privacy): the assistant cannot answer. */
    restricted: boolean;
    /** The text of a turn that failed, to give back. */
    returned?: string | undefined;
  }
>(function ChatComposer({ onSend, busy, restricted, returned }, ref) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<'empty' | 'restricted' | undefined>();
  const input = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    if (returned) setText((current) => current || returned);
  }, [returned]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const value = text.trim();
    if (!value || restricted) {
      setProblem(value ? 'restricted' : 'empty');
      input.current?.focus();
      return;
    }
    setProblem(undefined);
    if (onSend(value)) setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form className="stack chat-form" onSubmit={submit} noValidate>
      {restricted ? (
        <div className="notice notice-warn" role="note">
          <p>
            <strong>The assistant is paused.</strong> You restricted AI processing of your record, so the assistant cannot read or answer messages. Anything you type stays here.{' '}
            <Link to="/privacy">Lift the restriction in Privacy</Link> to send it.
          </p>
        </div>
      ) : null}
      <div className={problem ? 'field field-invalid' : 'field'}>
        <label htmlFor="chat-input" className="field-label">
          Message
        </label>
        <p id="chat-input-hint" className="field-hint">
          Enter sends; Shift+Enter starts a new line.
        </p>
        {problem ? (
          <p id="chat-input-error" className="field-error" role="alert">
            <span className="visually-hidden">Error:</span>{' '}
            {problem === 'empty' ? 'Write a message first' : 'Not sent: the assistant is paused while AI processing is restricted. Your message is kept here.'}
          </p>
        ) : null}
        <textarea
          ref={input}
          id="chat-input"
          className="input"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'chat-input-hint chat-input-error' : 'chat-input-hint'}
          maxLength={30_000}
        />
      </div>
      <div className="actions">
        <button type="submit" className="btn" aria-disabled={busy ? true : undefined} aria-busy={busy ? true : undefined}>
          {busy ? 'Replying…' : 'Send'}
        </button>
      </div>
    </form>
  );
});
