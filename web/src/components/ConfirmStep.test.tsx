// @vitest-environment jsdom
import '../test/setup.ts';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmStep } from './ConfirmStep.tsx';

function Row({ onConfirm = () => {}, busy = false }: { onConfirm?: () => void; busy?: boolean }) {
  const [asking, setAsking] = useState(false);
  return asking ? (
    <ConfirmStep label="Confirm deleting cv.pdf" confirmLabel="Yes, delete" busyLabel="Deleting…" busy={busy} onConfirm={onConfirm} onCancel={() => setAsking(false)} returnFocusTo="delete" small>
      Delete <strong>cv.pdf</strong>? This cannot be undone.
    </ConfirmStep>
  ) : (
    <button id="delete" type="button" onClick={() => setAsking(true)}>
      Delete
    </button>
  );
}

describe('ConfirmStep', () => {
  it('is a named group whose confirm button takes focus; Enter confirms', async () => {
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    render(<Row onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('group', { name: 'Confirm deleting cv.pdf' })).toHaveTextContent('Delete cv.pdf? This cannot be undone.');
    expect(screen.getByRole('button', { name: 'Yes, delete' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('Escape or Cancel goes back, and focus returns to the button that asked', async () => {
    const user = userEvent.setup();
    render(<Row />);
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Delete' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Delete' })).toHaveFocus());
  });

  it('while busy says so and ignores more clicks and Escape', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    const user = userEvent.setup();
    render(
      <ConfirmStep label="Confirm revoke" confirmLabel="Yes, revoke" busyLabel="Revoking…" busy onConfirm={onConfirm} onCancel={onCancel}>
        Revoke it?
      </ConfirmStep>,
    );
    const yes = screen.getByRole('button', { name: 'Revoking…' });
    expect(yes).toHaveAttribute('aria-busy', 'true');
    await user.click(yes);
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('with a title, the heading names the group, takes focus, and shows an error', () => {
    render(
      <ConfirmStep title="Are you sure?" confirmLabel="Yes, erase my account" cancelLabel="No, keep my account" onConfirm={() => {}} onCancel={() => {}} error="It did not work.">
        Everything goes.
      </ConfirmStep>,
    );
    expect(screen.getByRole('group', { name: 'Are you sure?' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Are you sure?' })).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('It did not work.');
    expect(screen.getByRole('button', { name: 'No, keep my account' })).toBeInTheDocument();
  });
});
