// @vitest-environment jsdom
import '../../test/setup.ts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CV_TEMPLATES } from '../../../../server/domains/cvs/schema.ts';
import { renderAt } from '../../test/render.tsx';
import { TailorCvForm } from './TailorCvForm.tsx';

describe('the tailor form', () => {
  it('offers every template the API takes, in words, with the profession chosen for you by default', () => {
    renderAt(<TailorCvForm onStarted={() => undefined} />);
    const select = screen.getByLabelText('CV template');
    const options = within(select).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((o) => o.value).sort()).toEqual([...CV_TEMPLATES].sort());
    expect(select).toHaveValue('full');
    // Names a person uses, not the API's ids ("uk-doctor").
    for (const o of options) expect(o.textContent).not.toMatch(/\b(?:uk|us)-[a-z]+/);
  });
});
