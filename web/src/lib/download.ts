/**
 * Hands the browser a file made in the page (recovery codes, a JSON Resume) as a download. The
 * object URL is revoked a little later: revoking it at once can cancel the download in some
 * browsers, and keeping it would hold the data in memory for as long as the page lives.
 */
export function downloadFile(data: BlobPart, filename: string, type: string, revokeAfterMs = 10_000): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
}
