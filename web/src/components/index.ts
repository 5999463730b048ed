export { TextField, DateField, TextAreaField, SelectField, Checkbox, SubmitButton, PasswordField, OneTimeCodeField, NEW_PASSWORD_HINT, describedBy } from './fields.tsx';
export type { TextFieldProps, TextAreaFieldProps, SelectFieldProps, SelectOption, CheckboxProps, SubmitButtonProps, PasswordFieldProps } from './fields.tsx';
export { ErrorSummary } from './ErrorSummary.tsx';
export { EmptyState, Loading, ErrorState } from './states.tsx';
export { Page, useDocumentTitle, APP_NAME } from './Page.tsx';
export { ConfirmStep } from './ConfirmStep.tsx';
export type { ConfirmStepProps } from './ConfirmStep.tsx';
