/**
 * The one map from a field's name in the API to the words a person knows it by. The 422 error
 * formatter puts the label in front of every validation message ("End date must not be before
 * the start date") while the response keeps the field path for programs; messages that mention
 * another field name it through `fieldLabel` too. A field missing here falls back to its name
 * split into words, never to the camelCase name.
 */
const LABELS: Record<string, string> = {
  // accounts and security
  name: 'Name',
  email: 'Email address',
  password: 'Password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  totp: 'Two-factor code',
  code: 'Code',
  token: 'Link',
  profession: 'Profession',
  homeNation: 'Country you work in',
  registrationBody: 'Regulator',
  registrationNumber: 'Registration number',
  reason: 'Reason',
  // the record
  employer: 'Employer',
  employerOdsCode: 'Employer ODS code',
  site: 'Site',
  // Posts, publications, awards and activities all have one; each form words its own.
  title: 'Title',
  grade: 'Grade',
  specialty: 'Specialty',
  contract: 'Contract',
  startDate: 'Start date',
  endDate: 'End date',
  wte: 'Whole-time equivalent',
  supervisor: 'Supervisor',
  summary: 'Summary',
  achievements: 'Achievement',
  body: 'Regulator',
  number: 'Registration number',
  jurisdiction: 'State',
  status: 'Status',
  conditions: 'Conditions',
  renewalDate: 'Renewal date',
  revalidationDate: 'Revalidation date',
  provider: 'Provider',
  completedOn: 'Completion date',
  expiresOn: 'Expiry date',
  expiryDate: 'Expiry date',
  catalogueId: 'Course',
  level: 'DBS level',
  workforce: 'Workforce',
  certificateNumber: 'Certificate number',
  issueDate: 'Issue date',
  updateService: 'Update Service',
  updateServiceRenewalDate: 'Update Service renewal date',
  statusChecks: 'Status check',
  checkedOn: 'Date checked',
  result: 'Result',
  institution: 'Institution',
  studyType: 'Qualification',
  area: 'Subject',
  documentIds: 'Document',
  recordId: 'Record',
  recordType: 'Record type',
  category: 'Type of activity',
  roles: 'Your role',
  description: 'Description',
  highlights: 'Outcome',
  keywords: 'Keyword',
  url: 'Web address',
  publicationType: 'Type of publication',
  authors: 'Authors',
  publisher: 'Journal or publisher',
  publishedOn: 'Publication date',
  doi: 'DOI',
  pmid: 'PubMed id (PMID)',
  awarder: 'Awarded by',
  awardedOn: 'Date awarded',
  position: 'Position',
  phone: 'Phone number',
  reference: 'Reference',
  showOnCv: 'Names on CVs',
  format: 'Format',
  language: 'Language',
  fluency: 'Fluency',
  organiser: 'Organiser',
  cpdHours: 'CPD hours',
  reflection: 'Reflection',
  postNominals: 'Letters after your name',
  since: 'Start of membership',
  until: 'End of membership',
  supervision: 'Supervision',
  proficiency: 'Level',
  count: 'Number performed',
  periodStart: 'Start of the period counted',
  periodEnd: 'Counted to (as of)',
  logbook: 'Logbook summary',
  // the locum profile
  specialties: 'Specialties',
  shiftPatterns: 'Shift patterns',
  noticeDays: 'Notice',
  regions: 'Regions',
  travelRadiusMiles: 'Travel radius',
  availableFrom: 'Available from',
  // time cards
  start: 'Start',
  end: 'End',
  clockIn: 'Clock-in time',
  clockOut: 'Clock-out time',
  breakMinutes: 'Breaks',
  timeZone: 'Time zone',
  role: 'Role',
  supervisorEmail: "Supervisor's email address",
  supervisorName: "Supervisor's name",
  notes: 'Notes',
  // verifications
  verifierEmail: "Referee's email address",
  verifierName: "Referee's name",
  relationship: 'Relationship',
  subjectId: 'Item to confirm',
  subjectType: 'Item type',
  organisation: 'Organisation',
  declaration: 'Declaration',
  decision: 'Decision',
  rejectionReason: 'Reason',
  // CVs, sharing and the assistant
  jobDescription: 'Job advert',
  asOf: 'Date',
  template: 'Template',
  showRefereeNames: "Referees' names",
  recipientEmail: "Recipient's email address",
  recipientName: "Recipient's name",
  message: 'Message',
  expiresInHours: 'Link lifetime',
  maxViews: 'Most views',
  passcode: 'Passcode',
  credentialIds: 'Credential',
  conversationId: 'Conversation',
  text: 'Message',
  comment: 'Comment',
  findingId: 'Finding',
  file: 'File',
  // plans and admin
  planId: 'Plan',
  validityMonths: 'Validity',
  assistantMessages: 'Assistant messages a month',
  cvGenerations: 'Tailored CVs a month',
  llmTokens: 'AI tokens a month',
  activeShareLinks: 'Active share links',
  conversationRetentionDays: 'Days conversations are kept',
  limit: 'Page size',
  before: 'Before',
  after: 'After',
  id: 'Id',
};

const splitWords = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();

/**
 * "body.work.0.endDate" -> "End date"; "body" alone (the whole request) -> "The request".
 * Array positions are people's ordinals: "body.achievements.2" -> "Achievement 3".
 */
export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  // The first segment says where the value came from (body, query, params), not what it is.
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  const last = parts.at(-1);
  if (last === undefined) return 'The request';
  if (/^\d+$/.test(last)) {
    const owner = parts.at(-2);
    return `${owner ? nameOf(owner) : 'Item'} ${Number(last) + 1}`;
  }
  return nameOf(last);
}

function nameOf(key: string): string {
  const label = LABELS[key] ?? splitWords(key);
  return label[0]!.toUpperCase() + label.slice(1);
}
