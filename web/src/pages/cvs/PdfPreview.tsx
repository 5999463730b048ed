import { useEffect, useState } from 'react';
import { describeError } from '../../lib/api.ts';
import { cvPdfUrl, fetchCvPdf } from '../../lib/cv-pdf.ts';

/**
 * An inline preview of the CV's PDF, and plain download links that always work. The links carry
 * `download` without a name, so the server's file name ("CV - <Name> - <Job>.pdf") is the one saved.
 */
export function PdfPreview({ id, jobTitle, pages, docxUrl }: { id: string; jobTitle: string | null; pages?: number | undefined; docxUrl?: string | undefined }) {
  const [url, setUrl] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [blocked, setBlocked] = useState(false);
  // The page's Content-Security-Policy may forbid framing blob: URLs (frame-src); then the frame
  // stays empty, so say so and offer the new-tab preview instead.
  useEffect(() => {
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      if (e.blockedURI.startsWith('blob') && /^(frame|child)-src/.test(e.effectiveDirective)) setBlocked(true);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | undefined;
    setError(undefined);
    setUrl(undefined);
    fetchCvPdf(id, controller.signal)
      .then((blob) => {
        // Superseded (another CV, or gone) while the bytes arrived: an object URL made now would never be revoked.
        if (controller.signal.aborted || typeof URL.createObjectURL !== 'function') return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id]);
  const title = jobTitle ? `CV for ${jobTitle}` : 'Your CV';
  return (
    <div className="stack cv-pdf">
      <div className="actions">
        <a className="btn" href={cvPdfUrl(id)} download="">
          Download PDF
        </a>
        {docxUrl ? <WordDownload url={docxUrl} /> : null}
        {url ? (
          <a href={url} target="_blank" rel="noopener">
            Open the PDF in a new tab
          </a>
        ) : null}
        {pages ? (
          <span className="muted">
            {pages} page{pages === 1 ? '' : 's'}
          </span>
        ) : null}
      </div>
      {error !== undefined ? (
        <p className="notice notice-warn" role="alert">
          The preview could not be shown: {describeError(error)} You can still download the PDF.
        </p>
      ) : url && blocked ? (
        <p className="notice">This browser does not allow the preview inside the page. Use “Open the PDF in a new tab” or “Download PDF”.</p>
      ) : url ? (
        <iframe className="cv-pdf-frame" title={`${title} (PDF preview)`} src={url} />
      ) : (
        <p className="muted" role="status">
          Loading the preview…
        </p>
      )}
    </div>
  );
}

/** The same CV as a Word document, for agencies that reformat CVs; only the PDF is signed. */
export function WordDownload({ url }: { url: string }) {
  return (
    <a className="btn btn-secondary" href={url} download="">
      Download Word (.docx)
    </a>
  );
}
