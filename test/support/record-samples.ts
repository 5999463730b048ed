import type { RecordKindType } from '../../server/domains/record/schema.ts';

/**
 * One valid item of every record kind, and one correction to it, for the tests that loop over
 * the registry. Typed by the one list of kinds, so a new kind does not compile without its sample.
 */
export const RECORD_SAMPLES: { [T in RecordKindType]: { valid: Record<string, unknown>; correction: Record<string, unknown> } } = {
  post: {
    valid: { employer: 'Calder Valley Hospitals NHS Trust', title: 'Clinical Fellow', contract: 'fixed-term', startDate: '2023-08-02', endDate: '2024-08-06', summary: 'Rotas in majors and resus' },
    correction: { title: 'Clinical Fellow in Emergency Medicine' },
  },
  registration: { valid: { body: 'GMC', number: '7123456', status: 'Full registration with a licence to practise' }, correction: { revalidationDate: '2028-03-31' } },
  training: { valid: { name: 'Immediate Life Support', provider: 'Resuscitation Council UK', completedOn: '2025-01-20' }, correction: { provider: 'RCUK' } },
  dbs: { valid: { level: 'enhanced-barred', workforce: 'both', certificateNumber: '001234567890', issueDate: '2024-05-01' }, correction: { updateService: true } },
  education: { valid: { institution: 'University of Leeds', studyType: 'MBChB', startDate: '2013-09-01', endDate: '2018-07-01' }, correction: { score: 'Honours' } },
  activity: {
    valid: {
      category: 'audit',
      title: 'Sepsis six within the hour: a closed-loop audit',
      organisation: 'Calder Valley Hospitals NHS Trust',
      roles: ['Audit lead'],
      startDate: '2024-01-08',
      endDate: '2024-06-28',
    },
    correction: { highlights: ['Antibiotics within the hour rose from 61% to 84% on re-audit'] },
  },
  publication: {
    valid: {
      title: 'Point-of-care ultrasound in the emergency department',
      publicationType: 'review',
      publisher: 'Emergency Medicine Journal',
      publishedOn: '2024-03-01',
      doi: '10.1136/emermed-2023-213456',
      pmid: '38123456',
    },
    correction: { authors: 'Okafor S, Rahman A' },
  },
  award: { valid: { title: 'Trainee of the Year', awarder: 'Calder Valley Hospitals NHS Trust', awardedOn: '2024-07-01' }, correction: { summary: 'Chosen by the emergency department consultants' } },
  course: {
    valid: { title: 'Royal College of Emergency Medicine Annual Scientific Conference', format: 'conference', organiser: 'RCEM', startDate: '2024-09-24', endDate: '2024-09-26', cpdHours: 15 },
    correction: { reflection: 'Changed how I teach ultrasound' },
  },
  skill: {
    valid: {
      name: 'Central venous catheter insertion',
      supervision: 'independent',
      count: 45,
      periodStart: '2023-08-02',
      periodEnd: '2025-07-31',
      keywords: ['ultrasound-guided', 'internal jugular'],
    },
    correction: { count: 52 },
  },
  language: { valid: { language: 'Arabic', fluency: 'Conversational' }, correction: { fluency: 'Fluent' } },
  membership: { valid: { organisation: 'Royal College of Emergency Medicine', grade: 'Member', postNominals: 'MRCEM', since: '2024-03-01' }, correction: { grade: 'Fellow' } },
  referee: {
    valid: { name: 'Dr Ngozi Adeyemi', position: 'Consultant in Emergency Medicine', organisation: 'Calder Valley Hospitals NHS Trust', email: 'ngozi.adeyemi@example.org' },
    correction: { relationship: 'Educational supervisor, 2023 to 2025' },
  },
};
