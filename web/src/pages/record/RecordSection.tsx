import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { api, describeError } from '../../lib/api.ts';
import { describeRecord, prescreenKey, recordKey, useRecordList, type ItemOf, type RecordPath } from './record-api.ts';
import type { RecordFormProps } from './RecordForms.tsx';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

export interface RecordSectionProps<P extends RecordPath> {
  path: P;
  /** Element id of the section (the in-page anchor). */
  anchor: string;
  title: string;
  /** Lower-case singular for buttons and messages: "post", "registration". */
  noun: string;
  intro?: ReactNode;
  emptyText: string;
  columns: Array<Column<ItemOf[P]>>;
  Form: (props: RecordFormProps<P>) => ReactNode;
  sort?: (a: ItemOf[P], b: ItemOf[P]) => number;
  /** Tells the page's live region what happened ("Post saved"). */
  announce: (message: string) => void;
}

type Mode = { kind: 'closed' } | { kind: 'create' } | { kind: 'edit'; id: string };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * One kind of record: its list (a table that stacks on phones), an add/edit form above the list,
 * and delete with confirmation. After a save or delete focus goes to the section heading and the
 * page's live region says what happened; after cancel, back to the button that opened the form.
 */
export function RecordSection<P extends RecordPath>({ path, anchor, title, noun, intro, emptyText, columns, Form, sort, announce }: RecordSectionProps<P>) {
  const list = useRecordList(path);
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>({ kind: 'closed' });
  const [confirming, setConfirming] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const openerId = useRef<string | null>(null);

  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/api/${path}/${id}`),
    onSuccess: async (_void, id) => {
      const item = list.data?.find((i) => i.id === id);
      setConfirming(null);
      if (mode.kind === 'edit' && mode.id === id) setMode({ kind: 'closed' });
      await queryClient.invalidateQueries({ queryKey: recordKey(path) });
      void queryClient.invalidateQueries({ queryKey: prescreenKey });
      announce(`${capitalise(noun)} deleted${item ? `: ${describeRecord(path, item)}` : ''}.`);
      headingRef.current?.focus();
    },
  });

  const open = (next: Mode, opener: string) => {
    openerId.current = opener;
    remove.reset();
    setConfirming(null);
    setMode(next);
  };
  const close = () => {
    setMode({ kind: 'closed' });
    const id = openerId.current;
    // The opener is still there after cancelling; focus it once React has re-rendered.
    requestAnimationFrame(() => (id ? document.getElementById(id)?.focus() : headingRef.current?.focus()));
  };
  const saved = async (item: ItemOf[P], created: boolean) => {
    setMode({ kind: 'closed' });
    await queryClient.invalidateQueries({ queryKey: recordKey(path) });
    void queryClient.invalidateQueries({ queryKey: prescreenKey });
    announce(`${capitalise(noun)} ${created ? 'added' : 'saved'}: ${describeRecord(path, item)}.`);
    headingRef.current?.focus();
  };

  const items = list.data ? (sort ? [...list.data].sort(sort) : list.data) : [];
  const editing = mode.kind === 'edit' ? items.find((i) => i.id === mode.id) : undefined;
  const addId = `${anchor}-add`;

  return (
    <section id={anchor} className="record-section stack" aria-labelledby={`${anchor}-heading`}>
      <div className="page-header">
        <h2 id={`${anchor}-heading`} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        {mode.kind === 'closed' ? (
          <button id={addId} type="button" className="btn btn-secondary" onClick={() => open({ kind: 'create' }, addId)}>
            Add {noun}
          </button>
        ) : null}
      </div>
      {intro ? <div className="muted">{intro}</div> : null}

      {mode.kind === 'create' ? <Form onSaved={saved} onCancel={close} /> : null}
      {mode.kind === 'edit' && editing ? <Form key={editing.id} item={editing} onSaved={saved} onCancel={close} /> : null}

      {remove.isError ? (
        <div className="notice notice-danger" role="alert">
          The {noun} could not be deleted. {describeError(remove.error)}
        </div>
      ) : null}

      {list.isPending ? (
        <Loading label={`Loading ${title.toLowerCase()}…`} />
      ) : list.isError ? (
        <ErrorState level={3} error={list.error} title={`Your ${title.toLowerCase()} could not be loaded`} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        mode.kind === 'create' ? null : (
          <div className="empty-state">
            <p>{emptyText}</p>
          </div>
        )
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={`${title} table`}>
          <table className="table table-stack">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const what = describeRecord(path, item);
                const editId = `${anchor}-edit-${item.id}`;
                return (
                  <tr key={item.id}>
                    {columns.map((c) => (
                      <td key={c.header} data-label={c.header}>
                        {/* One child, so the stacked (phone) layout keeps it in the value column. */}
                        <div>{c.cell(item)}</div>
                      </td>
                    ))}
                    <td data-label="Actions">
                      <div>
                        {confirming === item.id ? (
                          <ConfirmStep
                            label={`Confirm deleting ${what}`}
                            confirmLabel="Yes, delete"
                            busyLabel="Deleting…"
                            busy={remove.isPending}
                            onConfirm={() => remove.mutate(item.id)}
                            onCancel={() => setConfirming(null)}
                            returnFocusTo={`${anchor}-delete-${item.id}`}
                            small
                          >
                            Delete <strong>{what}</strong>? This cannot be undone.
                          </ConfirmStep>
                        ) : (
                          <div className="actions record-row-actions">
                            <button id={editId} type="button" className="btn btn-secondary btn-small" aria-label={`Edit ${what}`} onClick={() => open({ kind: 'edit', id: item.id }, editId)}>
                              Edit
                            </button>
                            <button
                              id={`${anchor}-delete-${item.id}`}
                              type="button"
                              className="btn btn-danger btn-small"
                              aria-label={`Delete ${what}`}
                              onClick={() => {
                                remove.reset();
                                setConfirming(item.id);
                              }}
                            >
                              Delete
                            </button>
                          </div>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
