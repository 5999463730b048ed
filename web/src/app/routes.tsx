import { lazy, type ComponentType } from 'react';
import { DashboardPage } from '../pages/DashboardPage.tsx';
import { CancelErasurePage } from '../pages/auth/CancelErasurePage.tsx';
import { CheckPage } from '../pages/CheckPage.tsx';

/**
 * Screens other than the dashboard load on first visit, each as its own chunk: a phone on a
 * poor signal downloads the app it uses, not all of it. (Layout shows a loading state meanwhile.)
 */
const onDemand = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));

export interface AppRoute {
  /** Route path; nested screens add their own routes (e.g. `/record/*`). */
  path: string;
  /** Nav label. */
  label: string;
  Component: ComponentType;
  /** Match sub-paths in the nav's "current" state (default true, except for "/"). */
  end?: boolean;
  /** A screen reached from another screen (e.g. onboarding after sign-up), not from the nav. */
  inNav?: false;
}

/** The signed-in screens, in nav order. Add a screen here and it appears in the nav. */
export const appRoutes: AppRoute[] = [
  { path: '/', label: 'Dashboard', Component: DashboardPage, end: true },
  { path: '/record', label: 'Record', Component: onDemand(() => import('../pages/RecordPage.tsx'), 'RecordPage') },
  { path: '/documents', label: 'Documents', Component: onDemand(() => import('../pages/DocumentsPage.tsx'), 'DocumentsPage') },
  { path: '/timecards', label: 'Time card', Component: onDemand(() => import('../pages/TimecardsPage.tsx'), 'TimecardsPage') },
  { path: '/verifications', label: 'Verifications', Component: onDemand(() => import('../pages/VerificationsPage.tsx'), 'VerificationsPage') },
  { path: '/assistant', label: 'Assistant', Component: onDemand(() => import('../pages/AssistantPage.tsx'), 'AssistantPage') },
  { path: '/cvs', label: 'CVs', Component: onDemand(() => import('../pages/CvsPage.tsx'), 'CvsPage') },
  { path: '/shares', label: 'Shares', Component: onDemand(() => import('../pages/SharesPage.tsx'), 'SharesPage') },
  { path: '/credentials', label: 'Credentials', Component: onDemand(() => import('../pages/CredentialsPage.tsx'), 'CredentialsPage') },
  { path: '/organisations', label: 'Organisations', Component: onDemand(() => import('../pages/OrganisationsPage.tsx'), 'OrganisationsPage') },
  { path: '/plan', label: 'Plan & usage', Component: onDemand(() => import('../pages/PlanPage.tsx'), 'PlanPage') },
  { path: '/privacy', label: 'Privacy', Component: onDemand(() => import('../pages/PrivacyPage.tsx'), 'PrivacyPage') },
  { path: '/security', label: 'Security', Component: onDemand(() => import('../pages/SecurityPage.tsx'), 'SecurityPage') },
  { path: '/activity', label: 'Activity', Component: onDemand(() => import('../pages/ActivityPage.tsx'), 'ActivityPage') },
  { path: '/welcome', label: 'Welcome', Component: onDemand(() => import('../pages/WelcomePage.tsx'), 'WelcomePage'), inNav: false },
];

/** Public screens registered from this list (App.tsx renders them in the public layout, beside sign-in). */
export const publicRoutes: Array<Pick<AppRoute, 'path' | 'Component'>> = [
  { path: '/cancel-erasure', Component: CancelErasurePage },
  // Anyone checking a CV (the QR code on every PDF opens it with the code).
  { path: '/check', Component: CheckPage },
  // Anyone holding an invitation link reads its terms here, with or without an account.
  { path: '/invitations', Component: onDemand(() => import('../pages/InvitationPage.tsx'), 'InvitationPage') },
];
