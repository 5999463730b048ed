import { describe, expect, it } from 'vitest';
import { attachmentDisposition, safeFileName } from './content-disposition.ts';

describe('Content-Disposition', () => {
  it('sends an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 8187)', () => {
    expect(attachmentDisposition('CV - Siân Ó Dálaigh - Locum GP.pdf')).toBe(
      `attachment; filename="CV - Sian O Dalaigh - Locum GP.pdf"; filename*=UTF-8''CV%20-%20Si%C3%A2n%20%C3%93%20D%C3%A1laigh%20-%20Locum%20GP.pdf`,
    );
    expect(attachmentDisposition('CV - 王芳 - Nurse (ICU).docx')).toBe(`attachment; filename="CV - __ - Nurse (ICU).docx"; filename*=UTF-8''CV%20-%20%E7%8E%8B%E8%8A%B3%20-%20Nurse%20%28ICU%29.docx`);
  });

  it('never lets quotes, separators or control characters through, and bounds the length', () => {
    const header = attachmentDisposition('CV - "Dr" ../../etc\\passwd\r\nX-Evil: 1 - A/B.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
    expect(safeFileName('CV - "Dr" ../x\\y: z.pdf')).toBe('CV - Dr .. x y z.pdf');
    expect(safeFileName(`CV - ${'a'.repeat(400)}.docx`)).toHaveLength(150);
    expect(safeFileName(`CV - ${'a'.repeat(400)}.docx`).endsWith('.docx')).toBe(true);
  });
});
