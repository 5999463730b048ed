// @vitest-environment jsdom
import '../test/setup.ts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EmptyState, ErrorState } from './states.tsx';

describe('empty and error states', () => {
  it('keep the heading outline: h2 under the page title, h3 inside a section', () => {
    render(
      <>
        <EmptyState title="No CVs yet" />
        <section>
          <h2>Your links</h2>
          <EmptyState level={3} title="No links yet" />
          <ErrorState level={3} error={new Error('x')} title="Your links could not be loaded" />
        </section>
      </>,
    );
    expect(screen.getByRole('heading', { name: 'No CVs yet' })).toHaveProperty('tagName', 'H2');
    expect(screen.getByRole('heading', { name: 'No links yet' })).toHaveProperty('tagName', 'H3');
    expect(screen.getByRole('heading', { name: 'Your links could not be loaded' })).toHaveProperty('tagName', 'H3');
  });
});
