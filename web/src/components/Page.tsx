import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

export const APP_NAME = 'Medfolio';

/** Sets document.title to "<title> – Medfolio". */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} – ${APP_NAME}` : APP_NAME;
  }, [title]);
}

export interface PageProps {
  /** The <h1>, and the first part of document.title. */
  title: string;
  /** document.title when it should differ from the heading. */
  documentTitle?: string;
  /** Shown beside the heading (e.g. a primary action). */
  actions?: ReactNode;
  /** A line under the heading. */
  lead?: ReactNode;
  children?: ReactNode;
}

/**
 * Every screen starts with <Page title="…">: it names the tab and, after a client-side
 * navigation (not the first load), moves focus to the heading so screen-reader and keyboard
 * users start at the new content, as they would after a full page load.
 */
export function Page({ title, documentTitle, actions, lead, children }: PageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  useDocumentTitle(documentTitle ?? title);
  const firstLoad = location.key === 'default';
  useEffect(() => {
    // Only the path: a screen changing its own ?query (filters, tabs) keeps focus where it is.
    if (!firstLoad) headingRef.current?.focus();
  }, [location.pathname, firstLoad]);
  return (
    <div className="page stack">
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1} className="page-title">
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </div>
  );
}
