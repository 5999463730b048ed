import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/**
 * Accessible form fields: a real <label htmlFor>, the hint and the error linked with
 * aria-describedby, aria-invalid when there is an error. They take the props that
 * `form.field(name)` (or `form.checkbox(name)`) from useZodForm returns, so a field is
 * `<TextField label="Email" type="email" {...form.field('email')} />`.
 */

interface FieldBase {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Adds "(optional)" to the label. */
  optional?: boolean;
}

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldFrame({ id, label, hint, error, optional, children }: FieldBase & { children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional ? <span className="field-optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export type TextFieldProps = FieldBase &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    onChange: (value: string) => void;
  };

export function TextField({ id, label, hint, error, optional, value, onChange, className, type = 'text', ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      <input
        {...input}
        id={id}
        type={type}
        className={['input', className].filter(Boolean).join(' ')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** Calendar dates stay `YYYY-MM-DD` (what <input type="date"> gives and the server expects). */
export function DateField(props: Omit<TextFieldProps, 'type'>) {
  return <TextField {...props} type="date" />;
}

export type TextAreaFieldProps = FieldBase &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    onChange: (value: string) => void;
  };

export function TextAreaField({ id, label, hint, error, optional, value, onChange, className, rows = 5, ...rest }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      <textarea
        {...rest}
        id={id}
        rows={rows}
        className={['input', className].filter(Boolean).join(' ')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** What the server asks of a new password (server/domains/accounts/schema.ts), said where one is chosen. */
export const NEW_PASSWORD_HINT = 'At least 12 characters. Not a common password, and not containing your email address.';

export type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'autoComplete' | 'label'> & {
  /** Default "Password". */
  label?: ReactNode;
  /** A password being chosen (password managers offer to generate one), not the one in use. */
  isNew?: boolean;
};

/** A password box that password managers understand: the current password, or a new one. */
export function PasswordField({ label = 'Password', isNew = false, ...props }: PasswordFieldProps) {
  return <TextField {...props} label={label} type="password" autoComplete={isNew ? 'new-password' : 'current-password'} />;
}

/**
 * A code from an authenticator app (or, where accepted, a recovery code like abcde-12345): the
 * phone's keyboard offers the code from a text message or the app, and nothing auto-corrects it.
 */
export function OneTimeCodeField({ className, ...props }: Omit<TextFieldProps, 'autoComplete'>) {
  return <TextField spellCheck={false} autoCapitalize="none" {...props} autoComplete="one-time-code" className={['input-code', className].filter(Boolean).join(' ')} />;
}

export interface SelectOption {
  value: string;
  label: string;
}

export type SelectFieldProps = FieldBase &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    onChange: (value: string) => void;
    options: readonly SelectOption[];
    /** First, empty option ("Choose…"); its value is ''. */
    placeholder?: string;
  };

export function SelectField({ id, label, hint, error, optional, value, onChange, options, placeholder, className, ...rest }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      <select
        {...rest}
        id={id}
        className={['input', className].filter(Boolean).join(' ')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export type CheckboxProps = Omit<FieldBase, 'optional'> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'checked' | 'onChange' | 'children'> & {
    checked: boolean;
    onChange: (checked: boolean) => void;
  };

export function Checkbox({ id, label, hint, error, checked, onChange, ...rest }: CheckboxProps) {
  return (
    <div className={error ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className="checkbox-row">
        <input
          {...rest}
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export interface SubmitButtonProps {
  busy?: boolean;
  /** Said instead of the label while busy (default "Please wait…"). */
  busyLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  children: ReactNode;
  className?: string;
  disabled?: boolean;
}

/**
 * Stays focusable while busy (aria-disabled, not disabled) so keyboard focus is not lost;
 * useZodForm ignores a second submit while the first is running.
 */
export function SubmitButton({ busy = false, busyLabel = 'Please wait…', variant = 'primary', children, className, disabled }: SubmitButtonProps) {
  const variantClass = variant === 'primary' ? 'btn' : `btn btn-${variant}`;
  return (
    <button
      type="submit"
      className={[variantClass, className].filter(Boolean).join(' ')}
      aria-disabled={busy || disabled ? true : undefined}
      aria-busy={busy || undefined}
      disabled={disabled}
      onClick={(e) => {
        if (busy) e.preventDefault();
      }}
    >
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {busyLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
