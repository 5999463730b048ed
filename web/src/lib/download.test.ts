// @vitest-environment jsdom
import '../test/setup.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from './download.ts';

const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
afterEach(() => {
  URL.createObjectURL = original.create;
  URL.revokeObjectURL = original.revoke;
  vi.useRealTimers();
});

describe('downloadFile', () => {
  it('clicks a temporary link to an object URL, removes the link, and revokes the URL soon after', () => {
    vi.useFakeTimers();
    const live = new Set<string>();
    URL.createObjectURL = () => (live.add('blob:test/1'), 'blob:test/1');
    URL.revokeObjectURL = (url: string) => void live.delete(url);
    const clicked: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });

    downloadFile('abcde-12345\n', 'medfolio-recovery-codes.txt', 'text/plain', 1000);
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'medfolio-recovery-codes.txt' }]);
    expect(document.querySelector('a')).toBeNull();
    expect(live.size).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(live.size).toBe(0);
  });
});
