import type { ComponentType } from 'react';
import { DashboardPage } from '../pages/DashboardPage.tsx';
import { RecordPage } from '../pages/RecordPage.tsx';
import { DocumentsPage } from '../pages/DocumentsPage.tsx';
import { TimecardsPage } from '../pages/TimecardsPage.tsx';
import { VerificationsPage } from '../pages/VerificationsPage.tsx';
import { AssistantPage } from '../pages/AssistantPage.tsx';
import { CvsPage } from '../pages/CvsPage.tsx';
import { SharesPage } from '../pages/SharesPage.tsx';
import { PlanPage } from '../pages/PlanPage.tsx';
import { PrivacyPage } from '../pages/PrivacyPage.tsx';
import { SecurityPage } from '../pages/SecurityPage.tsx';
import { ActivityPage } from '../pages/ActivityPage.tsx';
import { CancelErasurePage } from '../pages/auth/CancelErasurePage.tsx';

export interface AppRoute {
  /** Route path; nested screens add their own routes (e.g. `/record/*`). */
  path: string;
  /** Nav label. */
  label: string;
  Component: ComponentType;
  /** Match sub-paths in the nav's "current" state (default true, except for "/"). */
  end?: boolean;
}

/** The signed-in screens, in nav order. Add a screen here and it appears in the nav. */
export const appRoutes: AppRoute[] = [
  { path: '/', label: 'Dashboard', Component: DashboardPage, end: true },
  { path: '/record', label: 'Record', Component: RecordPage },
  { path: '/documents', label: 'Documents', Component: DocumentsPage },
  { path: '/timecards', label: 'Time card', Component: TimecardsPage },
  { path: '/verifications', label: 'Verifications', Component: VerificationsPage },
  { path: '/assistant', label: 'Assistant', Component: AssistantPage },
  { path: '/cvs', label: 'CVs', Component: CvsPage },
  { path: '/shares', label: 'Shares', Component: SharesPage },
  { path: '/plan', label: 'Plan & usage', Component: PlanPage },
  { path: '/privacy', label: 'Privacy', Component: PrivacyPage },
  { path: '/security', label: 'Security', Component: SecurityPage },
  { path: '/activity', label: 'Activity', Component: ActivityPage },
];

/** Public screens registered from this list (App.tsx renders them in the public layout, beside sign-in). */
export const publicRoutes: Array<Pick<AppRoute, 'path' | 'Component'>> = [{ path: '/cancel-erasure', Component: CancelErasurePage }];
