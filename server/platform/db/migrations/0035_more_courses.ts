import { sql, type Kysely } from 'kysely';

/**
 * Courses with a standard validity that job adverts ask for and clinicians hold, added to the
 * editable training catalogue (server/domains/record/courses.ts lists every course by name).
 * Existing rows are left as admins may have edited them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO training_catalogue (id, name, validity_months, end_of_month) VALUES
      ('nrp', 'Neonatal Resuscitation Program (NRP)', 24, true),
      ('tncc', 'Trauma Nursing Core Course (TNCC)', 48, false),
      ('epls', 'European Paediatric Advanced Life Support (EPALS)', 48, false),
      ('pils', 'Paediatric Immediate Life Support (PILS)', 12, false),
      ('nls', 'Newborn Life Support (NLS)', 48, false),
      ('etc', 'European Trauma Course (ETC)', 48, false),
      ('phtls', 'Prehospital Trauma Life Support (PHTLS)', 48, false),
      ('prompt', 'PROMPT (Practical Obstetric Multi-Professional Training)', 12, false),
      ('safeguarding-adults', 'Safeguarding Adults', 36, false)
    ON CONFLICT (id) DO NOTHING`.execute(db);
}
