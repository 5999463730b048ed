import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ZRegisterRequest, type Me } from '../../../../server/domains/accounts/schema.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { NEW_PASSWORD_HINT, PasswordField, SubmitButton, TextField } from '../../components/fields.tsx';
import { Page } from '../../components/Page.tsx';
import { api } from '../../lib/api.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { safeNext, setSignedIn } from '../../app/auth.ts';

export function SignUpPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // A new account starts at onboarding unless it came from somewhere it should return to (an invitation).
  const next = params.get('next') ? safeNext(params.get('next')) : '/welcome';
  const form = useZodForm({
    schema: ZRegisterRequest,
    initialValues: { name: '', email: '', password: '' },
    labels: { name: 'Full name', email: 'Email address', password: 'Password' },
    idPrefix: 'sign-up',
    onSubmit: async (body) => {
      const result = await api.post<{ user: Me; csrfToken: string }>('/api/auth/register', body);
      setSignedIn(queryClient, result.user);
      await navigate(next, { replace: true });
    },
  });
  return (
    <Page title="Create an account">
      <p className="lead">One record of your career, verified, and CVs that only say what it can prove.</p>
      <form className="stack" onSubmit={form.handleSubmit} noValidate>
        <ErrorSummary {...form.summary} />
        <TextField label="Full name" hint="As it appears on your professional registration." autoComplete="name" {...form.field('name')} />
        <TextField label="Email address" hint="We will send a link to confirm it." type="email" autoComplete="email" spellCheck={false} {...form.field('email')} />
        <PasswordField isNew hint={NEW_PASSWORD_HINT} {...form.field('password')} />
        <div className="actions">
          <SubmitButton busy={form.submitting} busyLabel="Creating your account…">
            Create account
          </SubmitButton>
        </div>
      </form>
      <p>
        Already have an account? <Link to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    </Page>
  );
}
