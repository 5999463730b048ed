// @vitest-environment jsdom
import '../test/setup.ts';
import { act, screen } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { api } from '../lib/api.ts';
import { me, on, stubFetch } from '../test/fetch-stub.ts';
import { renderAt } from '../test/render.tsx';
import { createQueryClient } from './query-client.ts';
import { meQueryKey, setSignedIn, useMe } from './auth.ts';

const other = { ...me, id: '7a2d3b63-8d20-4c9f-8e66-3a1d2b0c1f22', email: 'ben@example.org', name: 'Ben Okafor' };

function Screen() {
  const user = useMe();
  const notes = useQuery({ queryKey: ['notes'], queryFn: () => api.get<{ text: string }>('/api/notes') });
  return (
    <p>
      {user.data?.name ?? '…'}: {notes.data?.text ?? 'loading notes'}
    </p>
  );
}

describe('whose data is cached', () => {
  it('sign-in forgets every query and mutation result of the last person', async () => {
    const queryClient = createQueryClient();
    queryClient.setQueryData(['notes'], { text: 'Asha’s notes' });
    await queryClient
      .getMutationCache()
      .build(queryClient, { mutationFn: async () => ({ url: 'https://medfolio.example/s/secret' }) })
      .execute(undefined);
    expect(queryClient.getMutationCache().getAll()).toHaveLength(1);

    setSignedIn(queryClient, other);
    expect(queryClient.getQueryData(['notes'])).toBeUndefined();
    expect(queryClient.getMutationCache().getAll()).toHaveLength(0);
    expect(queryClient.getQueryData(meQueryKey)).toEqual(other);
  });

  it('when /api/me answers as someone else (signed in in another tab), what is on screen is fetched again as them', async () => {
    let who = me;
    stubFetch(
      on('GET', '/api/me', () => ({ body: who })),
      on('GET', '/api/notes', () => ({ body: { text: `${who.name.split(' ')[0]}’s notes` } })),
    );
    const { queryClient } = renderAt(<Screen />);
    expect(await screen.findByText('Asha Patel: Asha’s notes')).toBeInTheDocument();

    who = other;
    await act(() => queryClient.invalidateQueries({ queryKey: meQueryKey }));
    expect(await screen.findByText('Ben Okafor: Ben’s notes')).toBeInTheDocument();
    expect(screen.queryByText(/Asha/)).not.toBeInTheDocument();
  });
});
