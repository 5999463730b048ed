import type { DbOrTx } from '../../platform/db/transaction.ts';

export async function findProfile(db: DbOrTx, userId: string) {
  return db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertProfile(
  db: DbOrTx,
  userId: string,
  profile: {
    label: string | null;
    phone: string | null;
    summary: string | null;
    url: string | null;
    location: Record<string, string>;
    links: Array<Record<string, string>>;
    extraSections: Record<string, unknown>;
  },
  now: Date,
) {
  const values = {
    label: profile.label,
    phone: profile.phone,
    summary: profile.summary,
    url: profile.url,
    location: JSON.stringify(profile.location),
    links: JSON.stringify(profile.links),
    extra_sections: JSON.stringify(profile.extraSections),
    updated_at: now,
  };
  await db
    .insertInto('profiles')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
