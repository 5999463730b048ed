// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderAt } from '../../test/render.tsx';
import { ChatComposer } from './ChatComposer.tsx';

describe('the chat composer', () => {
  it('with AI processing restricted, keeps the typed message and says why it was not sent', async () => {
    const onSend = vi.fn(() => true);
    const user = userEvent.setup();
    renderAt(<ChatComposer onSend={onSend} busy={false} restricted />);
    expect(screen.getByRole('note')).toHaveTextContent('The assistant is paused');
    expect(screen.getByRole('link', { name: 'Lift the restriction in Privacy' })).toHaveAttribute('href', '/privacy');
    await user.type(screen.getByLabelText('Message'), 'What does this job need that I lack?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Message')).toHaveValue('What does this job need that I lack?');
    expect(screen.getByLabelText('Message')).toHaveAccessibleDescription(/Not sent: the assistant is paused while AI processing is restricted\. Your message is kept here\./);
  });

  it('sends and clears when allowed, and gives back a turn the server refused', async () => {
    const onSend = vi.fn(() => true);
    const user = userEvent.setup();
    const { rerender } = renderAt(<ChatComposer onSend={onSend} busy={false} restricted={false} />);
    await user.type(screen.getByLabelText('Message'), 'Summarise my experience');
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('Summarise my experience');
    expect(screen.getByLabelText('Message')).toHaveValue('');
    rerender(<ChatComposer onSend={onSend} busy={false} restricted={false} returned="Summarise my experience" />);
    expect(screen.getByLabelText('Message')).toHaveValue('Summarise my experience');
  });
});
