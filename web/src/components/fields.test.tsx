// @vitest-environment jsdom
import '../test/setup.ts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NEW_PASSWORD_HINT, OneTimeCodeField, PasswordField } from './fields.tsx';

const field = (id: string) => ({ id, name: id, value: '', error: undefined, onChange: () => {} });

describe('password and code fields', () => {
  it('tell password managers which password is meant', () => {
    render(
      <>
        <PasswordField {...field('current')} />
        <PasswordField label="New password" isNew hint={NEW_PASSWORD_HINT} {...field('new')} />
      </>,
    );
    const current = screen.getByLabelText('Password');
    expect(current).toHaveAttribute('type', 'password');
    expect(current).toHaveAttribute('autocomplete', 'current-password');
    const next = screen.getByLabelText('New password');
    expect(next).toHaveAttribute('autocomplete', 'new-password');
    expect(next).toHaveAccessibleDescription(NEW_PASSWORD_HINT);
  });

  it('a one-time code is offered by the keyboard and never auto-corrected', () => {
    render(<OneTimeCodeField label="Code" hint="6 digits." inputMode="numeric" {...field('code')} error="is required" />);
    const code = screen.getByLabelText('Code');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('spellcheck', 'false');
    expect(code).toHaveAttribute('autocapitalize', 'none');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(code).toHaveClass('input', 'input-code');
    expect(code).toHaveAttribute('aria-invalid', 'true');
  });
});
