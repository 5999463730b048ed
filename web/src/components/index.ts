export { TextField, DateField, TextAreaField, SelectField, Checkbox, SubmitButton, describedBy } from './fields.tsx';
export type { TextFieldProps, TextAreaFieldProps, SelectFieldProps, SelectOption, CheckboxProps, SubmitButtonProps } from './fields.tsx';
export { ErrorSummary } from './ErrorSummary.tsx';
export { EmptyState, Loading, ErrorState } from './states.tsx';
export { Page, useDocumentTitle, APP_NAME } from './Page.tsx';
