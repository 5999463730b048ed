import { describe, expect, it } from 'vitest';
import { columnText, type Piece } from './wrapped-lines.ts';

/** A piece of text at (x, y), about half an em wide per character, as a PDF's text layer gives it. */
const piece = (text: string, x: number, y: number, font = 'regular', size = 10): Piece => ({ text, x, y, width: text.length * size * 0.5, size, font });

describe('rejoining text a PDF wrapped', () => {
  it('joins a title wrapped at the right edge, in the same font one line below', () => {
    const lines = columnText(
      [piece('Advanced Clinical Practitioner (bank), Urgent', 50, 700, 'bold', 16), piece('Treatment Centre', 50, 680, 'bold', 16), piece('Northgate University Hospitals NHS Trust', 50, 665)],
      { page: 420 },
    );
    expect(lines).toEqual(['Advanced Clinical Practitioner (bank), Urgent Treatment Centre', 'Northgate University Hospitals NHS Trust']);
  });

  it('joins an employer wrapped before a right-aligned date, and keeps the date in its own cell', () => {
    const lines = columnText([piece('Deputy Medical Director at Northgate University', 50, 700), piece('Apr 2022 - Current', 320, 700), piece('Hospitals NHS Foundation Trust', 50, 687)], {
      page: 420,
    });
    expect(lines).toEqual(['Deputy Medical Director at Northgate University Hospitals NHS Foundation Trust\tApr 2022 - Current']);
  });

  it('keeps apart short lines in the same style: one post per line, or a title above its employer', () => {
    expect(columnText([piece('Staff Nurse – Leeds General Infirmary', 50, 700), piece('Healthcare Assistant – Leeds', 50, 687)], { page: 420 })).toHaveLength(2);
    expect(columnText([piece('Specialty Registrar in Emergency Medicine (ST4)', 50, 700, 'bold'), piece('Wharfedale Teaching Hospitals NHS Trust', 50, 687)], { page: 300 })).toHaveLength(2);
  });

  it('does not join a line that has its own dates, nor anything onto a date', () => {
    const full = 'Specialty Doctor, General Adult Psychiatry – Ribble Trust';
    expect(
      columnText([piece(full, 50, 700), piece('Feb 2006 – Mar 2009', 340, 700), piece('Staff Grade – Ribble Trust', 50, 687), piece('Apr 2009 – Aug 2015', 340, 687)], { page: 420 }),
    ).toHaveLength(2);
    expect(columnText([piece('Sep 2019 –', 50, 700), piece('Aug 2022', 105, 700), piece('Northgate General Hospital', 50, 687)], { page: 150 })).toEqual([
      'Sep 2019 – Aug 2022',
      'Northgate General Hospital',
    ]);
  });

  it('does not carry a complete organisation name on into the site below it', () => {
    const lines = columnText([piece('Harrowdene General Hospital NHS Trust Staff Bank', 36, 700, 'bold'), piece('Harrowdene General Hospital, Leicester', 36, 687, 'bold')], { page: 300 });
    expect(lines).toEqual(['Harrowdene General Hospital NHS Trust Staff Bank', 'Harrowdene General Hospital, Leicester']);
    expect(columnText([piece('Northgate University Hospitals NHS Foundation Trust', 36, 700), piece('Staff Bank', 36, 687)], { page: 300 })).toEqual([
      'Northgate University Hospitals NHS Foundation Trust Staff Bank',
    ]);
  });

  it('finds a column edge from its running text, not from the page', () => {
    const sentence = 'supervised the ward team and the students on the unit';
    // The page is wide, but the paragraph stops at about 320 points: the title wrapped there.
    const lines = columnText(
      [piece('Locum Consultant Psychiatrist, Crisis Resolution and', 36, 700, 'bold'), piece('Home Treatment', 36, 687, 'bold'), piece(sentence, 36, 660), piece('and more', 36, 647)],
      { page: 560 },
    );
    expect(lines[0]).toBe('Locum Consultant Psychiatrist, Crisis Resolution and Home Treatment');
  });
});
