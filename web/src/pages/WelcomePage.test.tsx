// @vitest-environment jsdom
import '../test/setup.ts';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { WelcomePage } from './WelcomePage.tsx';
import { me, on, stubFetch } from '../test/fetch-stub.ts';
import { renderAt } from '../test/render.tsx';

describe('onboarding after sign-up', () => {
  it('greets by first name, offers three ways to start, and opens the CV upload with focus on it', async () => {
    stubFetch(on('GET', '/api/me', { body: { ...me, name: 'Kwame Asante' } }));
    renderAt(<WelcomePage />, '/welcome');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Kwame' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Import JSON Resume' })).toHaveAttribute('href', '/record#import-export');
    expect(screen.getByRole('link', { name: 'Enter my record' })).toHaveAttribute('href', '/record');
    expect(screen.getByRole('link', { name: 'Skip for now and go to my dashboard' })).toHaveAttribute('href', '/');

    const open = screen.getByRole('button', { name: 'Upload my CV' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByLabelText('CV file')).toBeNull();
    await userEvent.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByLabelText('CV file')).toBeInTheDocument();
    await expect.poll(() => document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Upload my CV' }));
  });
});
