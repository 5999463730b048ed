/**
 * `Content-Disposition: attachment` for a file name with any characters (RFC 6266): an ASCII
 * fallback in `filename` for old clients, and the exact name in `filename*` as RFC 8187 (was
 * 5987) UTF-8 percent-encoding, which every current browser prefers. Path separators, quotes,
 * control characters and characters Windows refuses in file names never reach either form.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a header
const UNSAFE = /[\u0000-\u001f\u007f"*/:<>?\\|]/g;

/** The name as a file may be called on any system: no separators, no controls, bounded length. */
export function safeFileName(name: string, maxChars = 150): string {
  const clean = name.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot) : '';
  const stem = [...clean.slice(0, clean.length - ext.length)]
    .slice(0, maxChars - ext.length)
    .join('')
    .trim();
  return `${stem || 'file'}${ext}`;
}

/** ASCII only: accents dropped ("Siân" -> "Sian"), anything else as "_". */
const asciiFallback = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_');

/** RFC 8187 attr-chars stay; everything else is UTF-8 percent-encoded (encodeURIComponent leaves ' ( ) * ! alone). */
const extValue = (name: string) => encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function attachmentDisposition(name: string): string {
  const safe = safeFileName(name);
  return `attachment; filename="${asciiFallback(safe)}"; filename*=UTF-8''${extValue(safe)}`;
}
