import { findCourses } from '../../domains/record/courses.ts';
import type { RequirementKind } from './schema.ts';

/**
 * The typed vocabulary of clinical requirements, for the UK and the US: what adverts ask for
 * and what records hold, named the same way on both sides. Each term has a key (the contract
 * shared with matching, the LLM schema and the evaluation labels) and the ways people write it.
 *
 * Acronyms are matched case-sensitively (an "RN" is not "rn"), names ignore case. Country-only
 * terms apply when the advert (or record) is from that country: "Registered Nurse" in a US
 * posting is a state licence, in a UK advert NMC registration.
 */
export type Country = 'UK' | 'US';

export interface Term {
  kind: RequirementKind;
  key: string;
  /** How a person would name it in a sentence ("GMC registration"). */
  label: string;
  patterns: RegExp[];
  country?: Country;
  /** Extra detail read from the words matched (an NMC field of practice, a DBS level). */
  detail?: (matched: string, context: string) => string | null;
}

/** The NMC fields of practice a requirement names: "child or adult field, or midwife" is any of them. */
const NMC_FIELD_WORDS: Array<[string, RegExp]> = [
  ['midwife', /midwi/],
  ['mental health', /mental health|\brmn\b|rnmh/],
  ['learning disabilities', /learning disabilit|\brnld\b/],
  ['children', /child|paediatric|\brscn\b|\brnc\b/],
  ['adult', /adult|general|\brgn\b/],
];
const nmcField = (text: string): string | null => {
  const t = text.toLowerCase();
  const named = NMC_FIELD_WORDS.filter(([, words]) => words.test(t)).map(([field]) => field);
  return named.length ? named.join(' or ') : null;
};

const HCPC_PROFESSIONS =
  'paramedic|physiotherapist|occupational therapist|(?:diagnostic |therapeutic )?radiographer|dietitian|dietician|speech and language therapist|speech & language therapist|operating department practitioner|podiatrist|chiropodist|orthoptist|biomedical scientist|clinical scientist|practitioner psychologist|(?:clinical |counselling )?psychologist|orthotist|prosthetist|(?:art|music|drama) therapist|hearing aid dispenser';
const hcpcProfession = (text: string) => new RegExp(HCPC_PROFESSIONS, 'i').exec(text)?.[0].toLowerCase() ?? null;

export const REGISTRATION_TERMS: Term[] = [
  {
    kind: 'registration',
    key: 'GMC',
    label: 'GMC registration',
    patterns: [/\bGMC\b/, /general medical council/i, /\b(?:GP|[Ss]pecialist) [Rr]egister\b/, /\blicen[cs]e to practi[sc]e\b(?![^.;\n]{0,20}\bmedicine in)/i],
    country: 'UK',
    detail: (m, ctx) =>
      /specialist register/i.test(ctx)
        ? 'specialist register'
        : /gp register/i.test(ctx)
          ? 'GP register'
          : /licen[cs]e to practi/i.test(ctx)
            ? 'licence to practise'
            : /provisional/i.test(ctx)
              ? 'provisional'
              : null,
  },
  {
    kind: 'registration',
    key: 'NMC',
    label: 'NMC registration',
    patterns: [
      /\bNMC\b/,
      /nursing (?:and|&) midwifery council/i,
      /\bregistered (?:general |adult |mental health |learning disabilit(?:y|ies) |children'?s |sick children'?s |paediatric )?(?:nurse|midwife)\b/i,
      /\b(?:RGN|RMN|RNLD|RNMH|RSCN|RN ?\((?:[Aa]dult|[Cc]hild|MH|LD|[Mm]ental [Hh]ealth)\)|RN[ACL]?)\b/,
      /\bfirst level (?:registered )?nurse\b/i,
      /\bon the (?:nursing |professional )?register\b(?=[^.;\n]{0,40}\b(?:nurs|midwi))/i,
    ],
    country: 'UK',
    detail: (_m, ctx) => nmcField(ctx),
  },
  {
    kind: 'registration',
    key: 'HCPC',
    label: 'HCPC registration',
    patterns: [/\bHCPC\b/, /health (?:and|&) care professions council/i, new RegExp(`\\bregistered (?:${HCPC_PROFESSIONS})\\b`, 'i'), new RegExp(`\\b(?:${HCPC_PROFESSIONS}) registration\\b`, 'i')],
    country: 'UK',
    detail: (_m, ctx) => hcpcProfession(ctx),
  },
  { kind: 'registration', key: 'GPhC', label: 'GPhC registration', patterns: [/\bGPhC\b/, /general pharmaceutical council/i, /\bregistered pharmacist\b/i], country: 'UK' },
  { kind: 'registration', key: 'GDC', label: 'GDC registration', patterns: [/\bGDC\b/, /general dental council/i] },
  { kind: 'registration', key: 'PERFORMERS-LIST', label: 'the Medical Performers List', patterns: [/performers'? list/i] },
  {
    kind: 'registration',
    key: 'US-LICENSE',
    label: 'a state licence',
    patterns: [
      /\b(?:multi-?state|compact) (?:RN )?licen[cs]e\b/i,
      /\bnurse licensure compact\b/i,
      /\bNLC\b/,
      /\blicen[cs]e to practi[cs]e (?:medicine|nursing)\b/i,
      /\b(?:state |active |current |valid |unrestricted |unencumbered |permanent |full )*(?:RN|APRN|NP|nursing|medical|physician|professional nurse|registered nurse) licen[cs](?:e|ure)\b/i,
      /\blicen[cs]ed (?:as an? (?:registered nurse|RN|physician|nurse practitioner)|to practi[cs]e|in (?:the state of )?[A-Z][a-z]+)/,
      /\b(?:state|[A-Z][a-z]+ [Ss]tate) licen[cs]e\b/,
      /\blicen[cs]e (?:in|from) the (?:state|commonwealth) of\b/i,
      /\b(?:current|active|valid|unrestricted) licen[cs]e\b/i,
      /\bregistered nurse\b/i,
      /\bRN\b/,
    ],
    country: 'US',
  },
  {
    kind: 'registration',
    key: 'DEA',
    label: 'DEA registration',
    patterns: [/\bDEA\b/, /drug enforcement administration/i, /controlled substances? (?:registration|licen[cs]e|certificate)/i, /\bCDS (?:registration|licen[cs]e)\b/i],
    country: 'US',
  },
  { kind: 'registration', key: 'NPI', label: 'an NPI number', patterns: [/\bNPI\b/, /national provider identifier/i], country: 'US' },
  {
    kind: 'registration',
    key: 'BOARD-CERT',
    label: 'board certification',
    patterns: [
      /\bboard[- ](?:certif\w*|eligib\w*)/i,
      /\bB[CE] ?\/ ?B[CE]\b/,
      /\bAmerican Board of [A-Z][a-z]+/,
      /\bAB(?:IM|EM|FM|P|S|A|R|PN|OG|PMR)\b/,
      /\bAOB[A-Z]{1,3}\b/,
      /\bnational (?:board )?certification\b/i,
      /\b(?:AANP|ANCC)\b/,
    ],
    country: 'US',
  },
];

export const QUALIFICATION_TERMS: Term[] = [
  { kind: 'qualification', key: 'frca-primary', label: 'the Primary FRCA', patterns: [/\bprimary FRCA\b/i, /\bFRCA (?:primary|part 1)\b/i] },
  { kind: 'qualification', key: 'frca', label: 'the FRCA', patterns: [/(?<!primary )\bFRCA\b(?! (?:primary|part 1))/i, /fellowship of the royal college of anaesthetists/i] },
  { kind: 'qualification', key: 'mrcem', label: 'MRCEM', patterns: [/\bMRCEM\b/, /membership of the royal college of emergency medicine/i] },
  { kind: 'qualification', key: 'frcem', label: 'FRCEM', patterns: [/\bFRCEM\b/, /fellowship of the royal college of emergency medicine/i] },
  { kind: 'qualification', key: 'mrcpch', label: 'MRCPCH', patterns: [/\bMRCPCH\b/, /membership of the royal college of paediatrics/i] },
  { kind: 'qualification', key: 'mrcpsych', label: 'MRCPsych', patterns: [/\bMRCPsych\b/i, /membership of the royal college of psychiatrists/i] },
  { kind: 'qualification', key: 'mrcp', label: 'MRCP', patterns: [/\bMRCP\b(?!CH|sych)/, /membership of the royal colleges? of physicians/i] },
  { kind: 'qualification', key: 'mrcs', label: 'MRCS', patterns: [/\bMRCS\b/, /membership of the royal college of surgeons/i] },
  { kind: 'qualification', key: 'mrcgp', label: 'MRCGP', patterns: [/\bMRCGP\b/, /membership of the royal college of general practitioners/i] },
  { kind: 'qualification', key: 'mrcog', label: 'MRCOG', patterns: [/\bMRCOG\b/, /membership of the royal college of obstetricians/i] },
  { kind: 'qualification', key: 'frcr', label: 'FRCR', patterns: [/\bFRCR\b/] },
  { kind: 'qualification', key: 'frcs', label: 'FRCS', patterns: [/\bFRCS\b/] },
  {
    kind: 'qualification',
    key: 'primary-medical',
    label: 'a primary medical qualification',
    patterns: [
      /\bM\.?B\.?,? ?B\.?S\b\.?/,
      /\bMB ?ChB\b/i,
      /\bMB ?B?Ch\b/,
      /\bMBBCh\b/i,
      /\bBM ?B(?:Ch|S)\b/,
      /\bMB BCh BAO\b/,
      /\bprimary (?:medical|medicine) (?:qualification|degree)\b/i,
      /\b(?:medical|medicine) degree\b/i,
      /\bdegree in medicine\b/i,
      /\b(?:MD|DO)\b ?(?:or|\/) ?\b(?:MD|DO)\b/,
      /\b(?:MD|DO)(?: degree)? from an? (?:accredited|approved|recognized|LCME)/,
      /\bdoctor of (?:medicine|osteopathic medicine)\b/i,
      /\bgraduate of an? (?:accredited|approved) (?:medical|osteopathic) school\b/i,
    ],
  },
  { kind: 'qualification', key: 'bsn', label: 'a BSN', patterns: [/\bBSN\b/, /bachelor(?:'s)? (?:of science )?(?:degree )?in nursing/i, /baccalaureate (?:degree )?in nursing/i], country: 'US' },
  {
    kind: 'qualification',
    key: 'adn',
    label: 'an ADN',
    patterns: [
      /\bADN\b/,
      /\bASN\b/,
      /associate(?:'s)? degree in nursing/i,
      /associate of (?:applied )?science in nursing/i,
      /\bgraduate of an? (?:accredited|approved|state-approved) (?:school|program(?:me)?|college) of (?:professional )?nursing\b/i,
    ],
    country: 'US',
  },
  {
    kind: 'qualification',
    key: 'teaching-qualification',
    label: 'a teaching qualification',
    patterns: [
      /\b(?:PG ?Cert|PG ?Dip|certificate|diploma|qualification|masters?|MSc|MA|MEd)\b[^.;\n]{0,25}\b(?:medical|clinical|health ?care|healthcare|professional) education\b/i,
      /\bteaching (?:qualification|certificate)\b/i,
      /\bPGC(?:ME|HE|ert ?ME)\b/,
      /\bF?HEA\b/,
      /fellowship of the (?:higher education academy|academy of medical educators)/i,
    ],
  },
  {
    kind: 'qualification',
    key: 'mentorship',
    label: 'a mentorship or practice assessor qualification',
    patterns: [
      /\bmentor(?:ship)? (?:course|qualification|module|preparation|training)\b/i,
      /\bpractice (?:assessor|supervisor|educator)s?(?:\s*(?:\/|and|or|&)\s*(?:practice )?(?:assessor|supervisor|educator)s?)? (?:preparation|training|course|qualification|programme|module)\b/i,
      /\bpractice assessor\b/i,
      /\bSSSA\b/,
      /\bsign-?off mentor\b/i,
      /\bENB ?99[78]\b/,
      /\bpreceptor(?:ship)? (?:training|course|programme)\b/i,
    ],
  },
  {
    kind: 'qualification',
    key: 'prescribing',
    label: 'a prescribing qualification',
    patterns: [
      /\b(?:non-?medical|independent|supplementary|nurse|pharmacist) prescrib(?:ing|er)\b/i,
      /\bV ?(?:300|150|100)\b/,
      /\bprescribing (?:qualification|course|module)\b/i,
      /\bNMP\b/,
      /\bqualified prescriber\b/i,
    ],
  },
  {
    kind: 'qualification',
    key: 'midwifery-degree',
    label: 'a midwifery degree',
    patterns: [/\b(?:degree|BSc|BA|diploma|DipHE)\b[^.;\n]{0,15}\bmidwifery\b/i, /\bmidwifery (?:degree|qualification|diploma)\b/i],
  },
  {
    kind: 'qualification',
    key: 'paramedic-degree',
    label: 'a paramedic qualification',
    patterns: [/\bparamedic (?:science|practice)\b/i, /\b(?:degree|BSc|diploma|DipHE|FdSc|foundation degree)\b[^.;\n]{0,15}\bparamedic/i, /\bIHCD\b/],
  },
  {
    kind: 'qualification',
    key: 'ahp-degree',
    label: 'a professional degree',
    patterns: [
      /\b(?:degree|BSc|MSc|diploma|DipHE|qualification)\b[^.;\n]{0,20}\b(?:physiotherapy|occupational therapy|(?:diagnostic |therapeutic )?radiography|dietetics|nutrition and dietetics|speech and language (?:therapy|sciences?)|operating department practice|podiatry|orthoptics)\b/i,
      /\b(?:physiotherapy|occupational therapy|radiography|dietetics|speech and language therapy|podiatry) (?:degree|qualification)\b/i,
      /\bMPharm\b/,
      /\bpharmacy degree\b/i,
    ],
  },
  {
    kind: 'qualification',
    key: 'specialist-course',
    label: 'a post-registration specialist qualification',
    patterns: [
      /\bpost-?(?:registration|basic) (?:qualification|course|award|module|certificate|diploma)s?\b[^.;\n]{0,10}\b(?:in|relevant)\b/i,
      /\b(?:post-?graduate|accredited|recognised|specialist) [a-z]+(?: [a-z]+){0,3} training\b/i,
      /\b(?:sample[- ]taker|cervical screening|dysphagia|injection therapy|spirometry|ECG interpretation|IV therapy|venepuncture(?: and cannulation)?) (?:training|qualification|course|certificate|certification)\b/i,
      /\b(?:critical care|intensive care|ITU|ICU|emergency (?:care|nursing)|theatres?|neonatal|renal|cardiac|oncology|tissue viability|diabetes|respiratory|asthma|COPD|dementia|palliative|stroke|perioperative|anaesthetic|recovery|frailty|minor injur(?:y|ies)|wound care|psychosocial interventions?|dysphagia|injection therapy|sonography)\b[^.;\n]{0,12}\b(?:course|qualification|module|certificate|diploma|pathway|award|competenc(?:y|ies) (?:programme|framework))\b/i,
      /\bENB ?\d{3}\b/,
      /\bletters? of competence\b/i,
      /\b(?:FCP|first contact practitioner) (?:roadmap|portfolio|verification)\b/i,
      /\b(?:fetal|foetal) monitoring (?:course|training|certification)\b/i,
      /\b(?:AWHONN|ENA|AACN|ACP|CASE)[- ](?:accredited|certified|\w+ course)\b/,
      /\bspecialist (?:qualification|course|certificate)\b/i,
      /\b(?:CCRN|CMSRN|CEN|CPEN|CNOR|RNC-OB|NIHSS|NIPE|FEES)\b/,
      /\bcredential(?:ing|led)? in\b/i,
    ],
  },
  {
    kind: 'qualification',
    key: 'nursing-degree',
    label: 'a nursing degree or diploma',
    patterns: [
      /\b(?:degree|BSc|BA|diploma|DipHE)\b(?: \(Hons\))?[^.;\n]{0,20}\bnursing\b/i,
      /\bnursing (?:degree|diploma|qualification)\b/i,
      /\bregistered nurse qualification\b/i,
      /\bpre-?registration nursing\b/i,
    ],
    country: 'UK',
  },
  { kind: 'qualification', key: 'doctorate', label: 'a doctorate', patterns: [/\bPhD\b/, /\bDPhil\b/, /\bDNP\b/, /\bdoctor(?:ate|al degree)\b/i, /\bMD \((?:res|research)\)/i, /\bMD by research\b/i] },
  {
    kind: 'qualification',
    key: 'masters',
    label: "a master's degree",
    patterns: [/\b(?:MSc|MRes|MPH|MBA|MSN|MClin|MClinRes|MMed|MCh|MA)\b/, /\bmaster'?s?(?: degree| level| qualification)?\b/i, /\blevel 7 (?:study|qualification|modules?|academic)\b/i],
  },
  {
    kind: 'qualification',
    key: 'pgcert',
    label: 'a postgraduate certificate or diploma',
    patterns: [
      /\bPG ?Cert\b/i,
      /\bPG ?Dip\b/i,
      /\bPgD\b/,
      /\bpostgraduate (?:certificate|diploma)\b/i,
      /\b(?:DFSRH|DipGUM|DRCOG|DCH|DGM|DTM&H|DPD|DipMedEd|DCH)\b/,
      /\bdiploma (?:of|in) (?:the )?(?!(?:higher education|nursing|midwifery)\b)(?:faculty|[A-Z][a-z]+ [A-Z]|geriatric|tropical|child|obstetric|practical dermatology|sexual)/i,
    ],
  },
];

const dbsLevel = (text: string): string | null => {
  if (/barr(?:ed|ing) lists?|\bbarred\b/i.test(text)) return 'enhanced-barred';
  if (/enhanced/i.test(text)) return 'enhanced';
  if (/standard/i.test(text)) return 'standard';
  if (/basic/i.test(text)) return 'basic';
  return null;
};

export const CHECK_TERMS: Term[] = [
  {
    kind: 'check',
    key: 'dbs',
    label: 'a DBS check',
    patterns: [/\bDBS\b/, /disclosure (?:and|&) barring/i, /\bcriminal records? (?:check|disclosure|bureau)\b/i, /\bPVG\b/, /\bprotecting vulnerable groups\b/i, /\bAccess ?NI\b/, /\bCRB\b/],
    detail: (_m, ctx) => dbsLevel(ctx),
  },
  { kind: 'check', key: 'background-check', label: 'a background check', patterns: [/\b(?:criminal )?background (?:check|screen|investigation)s?\b/i, /\bfingerprint(?:ing|s)?\b/i] },
  { kind: 'check', key: 'drug-screen', label: 'a drug screen', patterns: [/\bdrug (?:and alcohol )?(?:screen|test)(?:ing)?\b/i, /\btoxicology screen\b/i] },
  {
    kind: 'check',
    key: 'right-to-work',
    label: 'the right to work',
    patterns: [
      /\bright to (?:live and )?work\b/i,
      /\beligib(?:le|ility) to (?:live and )?work\b/i,
      /\b(?:legally )?(?:authori[sz]ed|permitted|entitled) to work\b/i,
      /\bwork (?:permit|authori[sz]ation)\b/i,
      /\bimmigration status\b/i,
      /\bvisa (?:sponsorship|requirements?)\b/i,
      /\bproof of (?:identity|ID)\b/i,
      /\bphoto(?:graphic)? ID\b/i,
      /\bpassport\b/i,
      /\b(?:eVisa|e-visa)\b/i,
      /\bshare code\b/i,
      /\bbiometric residence (?:permit|card)\b/i,
      /\bBRP\b/,
    ],
  },
  {
    kind: 'check',
    key: 'occupational-health',
    label: 'occupational health clearance',
    patterns: [
      /\boccupational health\b/i,
      /\bOH (?:clearance|check|screening)\b/,
      /\bhealth (?:clearance|assessment|declaration|screening|questionnaire)\b/i,
      /\bmedical (?:clearance|examination)\b/i,
      /\bfit(?:ness)? (?:for|to) (?:work|practi[sc]e the role)\b/i,
      /\bphysical exam(?:ination)?\b/i,
    ],
  },
  {
    kind: 'check',
    key: 'immunisations',
    label: 'immunisations',
    patterns: [
      /\bimmuni[sz](?:ation|ations|ed|ity)\b/i,
      /\bvaccin(?:e|es|ation|ations|ated)\b/i,
      /\bhepatitis B\b/i,
      /\bHep ?B\b/i,
      /\bMMR\b/,
      /\bvaricella\b/i,
      /\bTB (?:screening|test|skin test)\b/,
      /\bBCG\b/,
      /\btitres?\b/i,
      /\bserology\b/i,
    ],
  },
  { kind: 'check', key: 'epp', label: 'EPP clearance', patterns: [/\bEPP\b/, /\bexposure[- ]prone procedures?\b/i] },
  {
    kind: 'check',
    key: 'driving-licence',
    label: 'a driving licence',
    patterns: [
      /\bdriv(?:ing|er'?s) licen[cs]e\b/i,
      /\bfull (?:UK |clean |current )*licen[cs]e\b/i,
      /\b(?:own|access to an?|use of an?) (?:car|vehicle|transport)\b/i,
      /\bable to drive\b/i,
      /\b(?:car driver|driver)\b(?= with)/i,
      /\bC1\b(?: (?:licen[cs]e|category|entitlement))?/,
      /\bbusiness (?:use )?(?:car )?insurance\b/i,
      /\bblue light (?:driving|training)\b/i,
    ],
  },
  {
    kind: 'check',
    key: 'english',
    label: 'English language proficiency',
    patterns: [/\bIELTS\b/, /\bOET\b/, /\bEnglish language (?:proficiency|test|requirements?|qualification|capability)\b/i, /\bproficien\w+ in (?:the )?English\b/i, /\bPLAB\b/],
  },
  {
    kind: 'check',
    key: 'indemnity',
    label: 'medical indemnity',
    patterns: [/\bindemnity\b/i, /\bMDU\b/, /\bMPS\b/, /\bMDDUS\b/, /\bmedical defen[cs]e (?:union|organi[sz]ation|cover)\b/i, /\bmalpractice (?:insurance|cover(?:age)?)\b/i],
  },
  {
    kind: 'check',
    key: 'references',
    label: 'references',
    patterns: [
      /\b(?:satisfactory|two|2|three|3|clinical|professional|recent|employment|character|work) (?:(?:clinical|professional|satisfactory|work|employment) )?references?\b/i,
      /\breferences? (?:covering|from|for the (?:last|past))\b/i,
    ],
  },
];

export const ALL_TERMS: Term[] = [...REGISTRATION_TERMS, ...QUALIFICATION_TERMS, ...CHECK_TERMS];

/** Specialties and settings, each with the words adverts and records use for it. */
export const SPECIALTIES: Array<{ name: string; words: RegExp }> = [
  {
    name: 'emergency medicine',
    words:
      /\bemergency (?:medicine|department|care|nursing)\b|\bacute care common stem\b|\bA ?& ?E\b|\baccident (?:and|&) emergency\b|\bED\b|\bemergency room\b|\bER\b|\bACCS\b|\bminors\b|\bmajors\b|\bresus(?:citation)? (?:room|area)\b/i,
  },
  { name: 'acute medicine', words: /\bacute (?:medicine|medical (?:take|unit)|admissions?)\b|\bmedical take\b|\bAMU\b|\bSDEC\b|\bacute (?:internal )?medical\b/i },
  { name: 'critical care', words: /\bcritical care\b|\bintensive (?:care|therapy)\b|\bICU\b|\bITU\b|\bHDU\b|\bhigh dependency\b|\bCCU\b/i },
  { name: 'anaesthetics', words: /\banaesthe(?:tics|sia|tic)\b|\banesthe(?:siology|sia)\b/i },
  { name: 'paediatrics', words: /\bpa?ediatric(?:s)?\b|\bchildren'?s (?:nursing|services|ward|unit|hospital)\b|\bchild health\b|\bneonat\w*\b|\bNICU\b/i },
  { name: 'obstetrics and gynaecology', words: /\bobstetric\w*\b|\bgyna?ecolog\w*\b|\bmaternity\b|\blabour ward\b|\bdelivery suite\b|\blabou?r and delivery\b|\bL ?& ?D\b|\bO ?& ?G\b|\bmidwifery\b/i },
  { name: 'psychiatry', words: /\bpsychiatr\w*\b|\bmental health\b(?! act)|\bCAMHS\b/i },
  { name: 'general practice', words: /\bgeneral practice\b|\bprimary care\b|\bGP (?:surgery|practice|setting)\b/i },
  { name: 'community', words: /\bcommunity\b|\bdistrict nurs\w*\b/i },
  { name: 'general surgery', words: /\b(?:general )?surg(?:ery|ical)\b/i },
  { name: 'orthopaedics', words: /\borthopa?edic\w*\b|\btrauma and orthopa?edics\b|\bMSK\b|\bmusculoskeletal\b/i },
  { name: 'geriatric medicine', words: /\bgeriatric\w*\b|\bcare of the elderly\b|\bolder (?:people|adults?|persons?)\b|\bfrailty\b|\bold age\b/i },
  { name: 'cardiology', words: /\bcardiolog\w*\b|\bcardiac\b|\bcardiothoracic\b/i },
  { name: 'respiratory medicine', words: /\brespiratory\b|\bpulmonolog\w*\b/i },
  { name: 'theatres', words: /\b(?:operating )?theatres?\b|\bperioperative\b|\bscrub\b|\brecovery\b|\boperating room\b/i },
  { name: 'medical-surgical', words: /\bmed[- ]surg\b|\bmedical[- ]surgical\b/i },
  { name: 'hospital medicine', words: /\bhospitalist\b|\bhospital medicine\b|\binpatient (?:medicine|care)\b/i },
  { name: 'oncology', words: /\boncolog\w*\b|\bcancer\b|\bhaematology\b/i },
  { name: 'radiology', words: /\bradiolog\w*\b|\bimaging\b|\bradiograph\w*\b|\bCT\b(?= scann)/i },
  { name: 'stroke', words: /\bstroke\b/i },
  { name: 'palliative care', words: /\bpalliative\b|\bend of life\b|\bhospice\b/i },
  { name: 'learning disabilities', words: /\blearning disabilit\w+\b/i },
  { name: 'pre-hospital care', words: /\bpre-?hospital\b|\bambulance\b|\bEMS\b/i },
  { name: 'neurology', words: /\bneurolog\w*\b|\bneurosurg\w*\b/i },
  { name: 'renal', words: /\brenal\b|\bnephrolog\w*\b|dialysis\b/i },
  { name: 'tissue viability', words: /\btissue viability\b|\bwound (?:care|management)\b|\bpressure ulcers?\b/i },
  { name: 'sexual health', words: /\bsexual (?:and reproductive )?health\b|\bGUM\b|\bgenito-?urinary\b|\bSRH\b|\bcontracepti\w*\b|\bHIV\b/i },
  { name: 'dermatology', words: /\bdermatolog\w*\b|\bskin (?:cancer|surgery|conditions?)\b/i },
  { name: 'ENT', words: /\bENT\b|\bear,? nose and throat\b|\botolaryngolog\w*\b/i },
  { name: 'ophthalmology', words: /\bophthalmolog\w*\b|\beye (?:unit|clinic|care)\b/i },
  { name: 'urology', words: /\burolog\w*\b/i },
  { name: 'gastroenterology', words: /\bgastroenterolog\w*\b|\bendoscop\w*\b|\bhepatolog\w*\b/i },
  { name: 'rheumatology', words: /\brheumatolog\w*\b/i },
  { name: 'diabetes and endocrinology', words: /\bdiabet\w*\b|\bendocrin\w*\b/i },
  { name: 'infectious diseases', words: /\binfectious diseases?\b|\bmicrobiolog\w*\b|\binfection prevention\b/i },
  { name: 'urgent care', words: /\burgent (?:care|treatment)\b|\bminor (?:injur(?:y|ies)|illness(?:es)?)\b|\bunscheduled care\b|\bwalk-in\b|\bout of hours\b|\bUTC\b/i },
  { name: 'intermediate care', words: /\bintermediate care\b|\brehabilitation\b|\breablement\b/i },
  { name: 'home care', words: /\bhome (?:health|care)\b|\bdomiciliary care\b|\bcare homes?\b|\bnursing homes?\b/i },
  { name: 'sonography', words: /\bsonograph\w*\b|\bultrasound (?:department|service|unit)\b/i },
  { name: 'public health', words: /\bpublic health\b|\bhealth protection\b/i },
  { name: 'vascular', words: /\bvascular\b/i },
  { name: 'plastic surgery', words: /\bplastic surgery\b|\bburns\b/i },
  { name: 'general medicine', words: /\bgeneral (?:internal )?medicine\b|\binternal medicine\b|\bmedical wards?\b/i },
  // Last: settings rather than specialties ("an acute setting", "previous NHS experience").
  { name: 'acute care', words: /\bacute (?:care|settings?|hospitals?|trusts?|wards?|services?|environment)\b|\bacute\b(?= or\b)|\bsecondary care\b|\binpatient\b/i },
  { name: 'the NHS', words: /\bNHS\b|\bUK (?:health ?care|hospitals?|clinical (?:setting|practice)|practice)\b/ },
];

export const specialtyIn = (text: string): string | null => SPECIALTIES.find((s) => s.words.test(text))?.name ?? null;
export const specialtiesIn = (text: string): string[] => SPECIALTIES.filter((s) => s.words.test(text)).map((s) => s.name);

/** Skill topics: a requirement about teaching can be met by mentoring, precepting, supervising. */
/**
 * "Manage", "management" as in running people or a service: not managing patients or their
 * conditions ("assess and manage acutely unwell patients" is clinical), nor time management,
 * nor "pain management". Shared by the advert's topic and the record's evidence.
 */
export const MANAGING_NOT_PATIENTS =
  '(?<!(?:time|self|pain|wound|airway|symptom|case|medicines|fluid|disease|caseload) )manag(?:e|ed|es|ement|ing|er|ers)(?!\\s+(?:(?:a|the|their|your|his|her|complex|acutely|critically|unwell|sick|deteriorating|emergency|acute|chronic|common|minor|multiple|own|\\w+ly)\\s+){0,3}(?:patients?|conditions?|illness\\w*|injur\\w*|emergenc\\w*|cases?|caseloads?|symptoms?|pain|wounds?|presentations?|airways?|labou?rs?|deliver\\w*|births?|medical|surgical|clinical|time|workload|priorities|own))';

export const SKILL_TOPICS: Array<{ key: string; label: string; words: RegExp }> = [
  {
    key: 'teaching',
    label: 'teaching',
    words:
      /\bteach\w*|\btrain(?:ing|ed|er)? (?:of )?(?:others|junior|staff|students|colleagues|new)|\bmentor\w*|\bsupervis\w*|\bprecept\w*|\beducat(?:e|ing|ion|ional|or)\b|\bsimulation\b|\bfacilitat\w*|\bcoach\w*|\bpractice (?:assessor|supervisor|educator)\b|\binduct\w*/i,
  },
  {
    key: 'audit-qi',
    label: 'audit and quality improvement',
    words:
      /\baudits?\b|\bauditing\b|\bquality improvement\b|\bQI\b|\bservice improvement\b|\bimprovement (?:project|work|initiative)s?\b|\bclinical governance\b|\bclinical effectiveness\b|\bpatient safety (?:initiative|project)s?\b/i,
  },
  {
    key: 'research',
    label: 'research',
    words:
      /\bresearch\b|\bpublication\w*\b|\bpublish\w*\b|\bpresent(?:ation|ations|ed|ing)\b|\bposters?\b|\bcritical(?:ly)? apprais\w*|\bGCP\b|\bgood clinical practice\b|\bevidence[- ]based practice\b|\bacademic\b/i,
  },
  {
    key: 'leadership',
    label: 'leadership',
    words: /\blead(?:s|ing|ership)?\b|\bled\b|\bin charge\b|\bshop floor\b|\bcoordinat\w*|\btake charge\b|\brun(?:ning)? (?:the|a) (?:shift|unit|ward|department|team)|\bcharge nurse\b|\bchair\w*/i,
  },
  {
    key: 'management',
    label: 'management',
    words: new RegExp(
      `\\b(?:${MANAGING_NOT_PATIENTS})\\b|\\brotas?\\b|\\brostering\\b|\\bbudget\\w*|\\bline manage\\w*|\\bservice development\\b|\\bbusiness case\\w*|\\brecruit\\w*|\\bappraiser\\b|\\b(?:conduct\\w*|carr\\w* out|undertak\\w*) (?:staff )?appraisals\\b|\\bworkforce\\b|\\bstrategic\\b`,
      'i',
    ),
  },
  {
    key: 'communication',
    label: 'communication',
    words:
      /\bcommunicat\w*|\binterpersonal\b|\bverbal and written\b|\bwritten and (?:verbal|spoken|oral)\b|\bspoken (?:and written )?English\b|\blistening\b|\brapport\b|\bbreaking bad news\b|\bempath\w*/i,
  },
  {
    key: 'teamwork',
    label: 'team working',
    words:
      /\bteam ?work\w*|\bteam player\b|\bmulti-?disciplinary\b|\bmulti-?professional\b|\binterdisciplinary\b|\bMDT\b|\bwork(?:ing)? (?:well |effectively |collaboratively )?(?:with|in|as part of) (?:a |the )?(?:wider )?team|\bcollaborat\w*/i,
  },
  {
    key: 'it',
    label: 'IT skills',
    words:
      /\bIT\b|\bcomputer\w*|\belectronic (?:patient |health |medical )?records?\b|\bEPR\b|\bEHR\b|\bEMR\b|\bEMIS\b|\bSystmOne\b|\bEpic\b|\bCerner\b|\bMicrosoft\b|\bdigital\b|\bkeyboard\b|\bdata entry\b/i,
  },
];

/** The topic a skill requirement is about: the topic named first in the text, or "free". */
export function skillTopic(text: string): string {
  let best: { key: string; at: number } | undefined;
  for (const topic of SKILL_TOPICS) {
    const m = topic.words.exec(text);
    if (m && (!best || m.index < best.at)) best = { key: topic.key, at: m.index };
  }
  return best?.key ?? 'free';
}

/** Grades and bands, most specific first (also used by the grounding check). */
export const GRADE_PATTERNS: Array<{ grade: (m: RegExpMatchArray) => string; pattern: RegExp }> = [
  { grade: (m) => `ST${m[1]}`, pattern: /\bST\s?([1-8])\+?/i },
  { grade: (m) => `CT${m[1]}`, pattern: /\bCT\s?([1-3])\b/i },
  { grade: (m) => `F${m[1]}`, pattern: /\bF([1-3])\b/ },
  { grade: (m) => `Band ${m[1]}`, pattern: /\bBand\s?([2-9])\b/i },
  { grade: () => 'consultant', pattern: /\bconsultant\b/i },
  { grade: () => 'specialty doctor', pattern: /\bspecialty doctor\b/i },
  { grade: () => 'registrar', pattern: /\bregistrar\b/i },
  { grade: () => 'SHO', pattern: /\b(SHO|senior house officer)\b/i },
];

/** Course ids named in a text (for the grounding check, which works on any text). */
export const findCertifications = (text: string): string[] => [...new Set(findCourses(text).map((m) => m.id))];

export interface Mention {
  kind: RequirementKind;
  key: string;
  start: number;
  end: number;
  detail: string | null;
}

/**
 * Every typed term named in a text, left to right; where two terms claim the same words, the
 * one listed first keeps them. `context` (the whole requirement) feeds details such as a DBS
 * level written elsewhere in the sentence.
 */
export function findTermMentions(text: string, country: Country | null, context = text): Mention[] {
  const found: Mention[] = findCourses(text, country ? { country } : {}).map((m) => ({ kind: 'course', key: m.id, start: m.start, end: m.end, detail: null }));
  const taken: Array<[number, number]> = found.map((m) => [m.start, m.end]);
  for (const term of ALL_TERMS) {
    if (term.country && country && term.country !== country) continue;
    // Without a country, the ambiguous US catch-alls ("RN", "current license") stay out.
    if (term.country === 'US' && !country && term.key === 'US-LICENSE') continue;
    for (const pattern of term.patterns) {
      for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        found.push({ kind: term.kind, key: term.key, start, end, detail: term.detail?.(m[0], context) ?? null });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export const termByKey = new Map(ALL_TERMS.map((t) => [`${t.kind}:${t.key}`, t]));
