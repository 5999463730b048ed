import { Route, Routes } from 'react-router';
import { AppLayout, PublicLayout } from './Layout.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { UnauthenticatedRedirect } from './UnauthenticatedRedirect.tsx';
import { appRoutes, publicRoutes } from './routes.tsx';
import { SignInPage } from '../pages/auth/SignInPage.tsx';
import { SignUpPage } from '../pages/auth/SignUpPage.tsx';
import { VerifyEmailPage } from '../pages/auth/VerifyEmailPage.tsx';
import { ForgotPasswordPage } from '../pages/auth/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from '../pages/auth/ResetPasswordPage.tsx';
import { UnlockSignInPage } from '../pages/auth/UnlockSignInPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';

/** Routes of the app; main.tsx wraps it in the router and the query client. */
export function App() {
  return (
    <>
      <UnauthenticatedRedirect />
      <Routes>
        <Route element={<PublicLayout />}>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/sign-up" element={<SignUpPage />} />
          <Route path="/verify-email" element={<VerifyEmailPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="/unlock-sign-in" element={<UnlockSignInPage />} />
          {publicRoutes.map(({ path, Component }) => (
            <Route key={path} path={path} element={<Component />} />
          ))}
        </Route>
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          {appRoutes.map(({ path, Component }) => (
            <Route key={path} path={path === '/' ? path : `${path}/*`} element={<Component />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}
