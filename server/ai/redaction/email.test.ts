import { describe, expect, it } from 'vitest';
import { findEmails } from './email.ts';
import { found, pairs } from './test-helpers.ts';

describe('email recogniser', () => {
  it.each(['aisha.rahman@nhs.net', 'first.last+cv@example.co.uk', 'J_O-Neill%1@mail.example.org', 'ÉLODIE@exemple.fr'])('finds %s', (email) => {
    expect(pairs(findEmails(`Contact: ${email} please`))).toEqual([['EMAIL', email]]);
  });

  it('stops at surrounding punctuation', () => {
    expect(pairs(findEmails('(write to j.smith@example.com).'))).toEqual([['EMAIL', 'j.smith@example.com']]);
    expect(pairs(findEmails('a@b.co, c@d.org;'))).toEqual([
      ['EMAIL', 'a@b.co'],
      ['EMAIL', 'c@d.org'],
    ]);
  });

  it.each(['follow @medfolio', 'root@localhost', 'user@', '@example.com', 'v2.3.1', 'a @ b.com', 'ratio 3@4'])('leaves %j alone', (text) => {
    expect(found(text)).toEqual([]);
  });
});
