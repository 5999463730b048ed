/**
 * Reads an advert as a person would: where the requirements are, which are essential, which
 * lines are page furniture, duties or benefits. Real adverts arrive as bullets, prose,
 * person-specification tables flattened by a copy and paste (criteria with their "Essential" /
 * "Application form" cells on the lines after them), inline "Essential: a; b; c" lists, text
 * extracted from PDFs (lines broken mid-sentence, words hyphenated across lines, page headers
 * repeated) and US "Required / Preferred" blocks. The output is a list of candidate statements,
 * each with the section it came from and the importance its table cell or heading gives it.
 */
import { findTermMentions } from './vocabulary.ts';

export type Importance = 'essential' | 'desirable';
type Role = 'requirements' | 'duties' | 'other' | 'none';

export interface Candidate {
  text: string;
  /** Where it came from: a requirements section, a duties or benefits section, or no section. */
  role: Role;
  /** From a heading, a table cell or an inline label; undefined when nothing said. */
  importance: Importance | undefined;
  /** A person-specification table row: the importance came from its own cell. */
  fromTableCell: boolean;
  /** A list item (bullet, number, table row) rather than running prose. */
  bullet: boolean;
  /** A time window the list's lead-in set for its items ("all completed within the last 12 months"). */
  window?: string;
}

// ---------------------------------------------------------------------------------------------
// Normalising the text

/** A checklist box: what follows is something to provide ("[ ] Passport", "☐ DBS certificate"). */
const CHECKBOX = /^\s*(?:\[\s?[xX✓✔]?\s?\]|[☐☑☒□])\s*/;
const BULLET = /^\s*(?:\[\s?[xX✓✔]?\s?\]|[☐☑☒□]|[-*•●▪■◦○◆◇►▸‣⁃∙·✓✔➢➤→–—]|\uF0B7|\uF0A7|\uF076|\uF0D8|o(?=\s+[A-Z])|\(?\d{1,2}[.)]|\(?[a-hj-z][.)]|\(?[ivx]{1,4}[.)])\s+/;
const ASSESSMENT_CODE = '(?:AF|A|I|R|T|P|C|PEC|SC|AP|INT|REF|IV|CV|S)';
const TRAILING_CELLS = new RegExp(`^(.*\\S)\\s+(E|D|Essential|Desirable)\\s+(${ASSESSMENT_CODE}(?:\\s*[/,&]\\s*${ASSESSMENT_CODE})*)$`);
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/g;

interface Line {
  /** The line as it came, for column positions. */
  raw: string;
  text: string;
  bullet: boolean;
  /** Leading spaces: a nested list item sits further in than its lead-in. */
  indent: number;
  /** "4. Entry requirements": numbered, which headings can be too. */
  numbered: boolean;
  checkbox: boolean;
  /** From the line's own trailing Essential/Desirable cell. */
  importance?: Importance;
  /** Cells, when the line came from a table with tabs or wide gaps between columns. */
  cells: string[];
}

/** PDF prefixes that keep their hyphen when a word is split across lines ("post-\nregistration"). */
const HYPHEN_PREFIXES =
  /(?:^|\s)(?:post|pre|non|multi|co|self|well|up|part|full|inter|cross|long|short|high|low|re|sub|anti|evidence|patient|person|family|face|first|second|third|out|on|off|in|day|night|cross|follow|hands|team|time|life|long-term|work|world|problem)-$/i;

function toLines(raw: string): Line[] {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\u00A0/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"');
  const rawLines = text.split('\n');
  // PDF extracts often lose the bullet glyph but keep its indent: items start one or two spaces
  // in, their wrapped lines at the margin.
  const indentedItems = rawLines.filter((l) => /^ {1,3}[A-Z]/.test(l)).length;
  const indentMarksItems = indentedItems >= 3 && indentedItems < rawLines.filter((l) => /^\S/.test(l)).length;
  const lines: Line[] = [];
  for (const rawLine of rawLines) {
    // Table cells: tabs, runs of spaces (a PDF), or " | " pipes (a copied web table).
    const piped = (rawLine.match(/\s\|\s|^\s*\|\s/g) ?? []).length >= 2;
    const cells = piped ? rawLine.split(/\s*\|\s*/).map((c) => c.trim()) : rawLine.includes('\t') || / {3,}\S/.test(rawLine.trim()) ? rawLine.split(/\t| {3,}/).map((c) => c.trim()) : [];
    const stripped = rawLine
      .trim()
      .replace(/^#{1,6}\s+/, '')
      .replace(/^\*\*(.+)\*\*:?$/, '$1');
    const bullet = BULLET.test(stripped) || (indentMarksItems && /^ {1,3}[A-Z]/.test(rawLine));
    const checkbox = CHECKBOX.test(stripped);
    const text = stripped.replace(BULLET, '').replace(/\s+/g, ' ').trim();
    // "Current ALS E AF": a flattened row ending in its Essential/Desirable and assessment cells.
    const cell = TRAILING_CELLS.exec(text);
    lines.push({
      raw: rawLine,
      text: cell ? cell[1]! : text,
      bullet,
      indent: rawLine.replace(/\t/g, '    ').search(/\S|$/),
      numbered: /^\(?\d{1,2}[.)]\s/.test(stripped),
      checkbox,
      cells: cells.filter(Boolean).length > 1 ? cells : [],
      ...(cell ? { importance: /^E/i.test(cell[2]!) ? ('essential' as const) : ('desirable' as const) } : {}),
    });
  }
  return dropRunningHeaders(lines);
}

/** Page numbers, and header or footer lines a PDF repeats on every page. */
const PAGE_NUMBER = /^(?:page\s*)?\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$|^\d{1,3}\s*\|\s*page$|^page \d+$|\bpage \d{1,3} of \d{1,3}$|^[\W_]+$/i;
function dropRunningHeaders(lines: Line[]): Line[] {
  const counts = new Map<string, number>();
  for (const l of lines) if (l.text.length >= 12 && !l.bullet) counts.set(l.text, (counts.get(l.text) ?? 0) + 1);
  return lines.map((l) => (PAGE_NUMBER.test(l.text) || ((counts.get(l.text) ?? 0) >= 2 && isFurnitureLike(l.text)) ? { ...l, text: '' } : l));
}
// A repeated line is a running header only if it is not itself something an advert asks for.
const isFurnitureLike = (text: string) =>
  !/\b(?:must|experience|registration|registered|ability|able|knowledge|evidence|current|qualification|degree|training|certificate|licen[cs]e)\b/i.test(text) ||
  /\bperson specification\b|\bjob description\b|\bpage\b/i.test(text);

// ---------------------------------------------------------------------------------------------
// Classifying lines

const IMPORTANCE_MARK = /^(?:essential|desirable|required|preferred|e|d|\(e\)|\(d\))$/i;
const ASSESSMENT_WORD =
  '(?:application(?: form)?|interview|references?|selection (?:centre|center)|pre-?employment(?: checks?)?|assessment(?: centre)?|test|presentation|portfolio|certificates?|shortlisting|documents?|documentation|supporting (?:statement|information)|cv|a|i|r|t|p|c|af|ap|int|ref|s|sc|o|pe|pec)';
const ASSESSMENT_MARK = new RegExp(`^${ASSESSMENT_WORD}(?:\\s*(?:/|,|&|and|\\+)\\s*${ASSESSMENT_WORD})*$`, 'i');
const HEADER_WORD =
  /^(?:criteria|requirements?|attributes?|area|category|factors?|essential criteria|desirable criteria|essential requirements|desirable requirements|when evaluated|how (?:evaluated|assessed|tested|identified|measured)|method of assessment|(?:means|method|methods) of (?:assessment|testing|evaluation)|assessed (?:by|through|via)|assessment(?: method)?|evidence|e\/d|essential\/desirable|essential or desirable|key|specification)$/i;

const HEADER_PHRASES =
  /\b(?:criteria|requirements?|attributes?|area|category|factors?|essential|desirable|e\/d|when evaluated|how (?:evaluated|assessed|tested|identified|measured)|method(?:s)? of (?:assessment|testing|evaluation)|assessed(?: by)?|assessment(?: method)?|evidence|specification|qualities)\b|[|/:\-–]/gi;
const REQ_ESSENTIAL =
  /^(?:essential(?: entry)?(?: criteria| requirements| qualifications| skills| experience| knowledge)?|(?:minimum|basic|required|mandatory) (?:qualifications|requirements|criteria|experience|skills|education)|requirements?(?: for (?:the|this) (?:role|post|job|position))?|required|entry (?:requirements|criteria)|eligibility(?: criteria| requirements)?|person spec(?:ification)?|qualifications?(?:,? (?:skills|experience|education|training|registration|knowledge|licen[cs]ure)(?:,? (?:and |& )?(?:skills|experience|education|training|registration|knowledge|abilities))*)?|(?:knowledge,? )?skills,? (?:and |& )?(?:abilities|experience|knowledge)|knowledge,? (?:and |& )?(?:experience|skills)(?: (?:and |& )?experience)?|experience(?:,? (?:and |& )?(?:skills|qualifications|knowledge|education))*|education(?:,? (?:and |& )?(?:training|experience|qualifications))*|licensure(?:,? (?:and |& )?certifications?)?|licen[cs]es?(?:,? (?:and |& )?certifications?)?|certifications?(?:,? (?:and |& )?licen[cs]ure)?|licensure\/certification|what (?:you(?:'ll| will) need|we(?:'re| are) looking for|you(?:'ll| will) bring|you need)|about you|(?:you(?: will)? (?:have|need|bring))|who (?:you are|we(?:'re| are) looking for)|the (?:ideal|successful) (?:candidate|applicant|person)(?: will .*)?|(?:your|the) (?:skills|experience|qualifications)(?: and (?:experience|skills))?|(?:selection |candidate |job |role |compliance |agency |minimum )?(?:criteria|requirements)|compliance|conditions of employment|pre-?employment (?:checks|requirements)|to (?:be considered|apply|work with us|join us|register)(?: you(?: will)? need)?|what you need to (?:have|apply|register)|(?:do you have|are you)(?: the following)?|documents (?:we need|you will need|required)|(?:our )?requirements for (?:locums?|doctors|nurses|candidates)|how to qualify|who can apply)$/i;
const REQ_DESIRABLE =
  /^(?:desirable(?: criteria| requirements| qualifications| skills| experience| knowledge)?|preferred(?: qualifications| requirements| experience| skills| education)?|nice to have|(?:would be )?(?:an )?advantage(?:ous)?(?: but not (?:required|essential))?|bonus(?: points)?|additional (?:desirable|preferred) .*|ideally.*|it would be (?:great|good|nice|an advantage|desirable|helpful) .*|desired(?: qualifications| skills)?|plus(?:es)?|what would be (?:great|nice)|even better if.*)$/i;
const CATEGORY =
  /^(?:eligibility|qualifications?|clinical (?:experience|skills|knowledge|skills and knowledge)|knowledge (?:and|&) (?:skills|understanding)|skills (?:and|&) (?:knowledge|abilities|competencies)|academic(?: (?:\/|and|&) research| achievements)?|research(?: (?:and|&|\/) audit)?|audit(?: (?:and|&) (?:research|quality improvement))?|quality improvement|teaching(?: (?:and|&) training)?|management(?: (?:and|&) (?:leadership|administration))?|leadership(?: (?:and|&) management)?|probity(?: (?:and|&) professionalism)?|professionalism|communication(?: skills)?|personal (?:attributes|qualities|skills|circumstances)|other(?: requirements)?|career progression|fitness to practi[sc]e|language(?: skills)?|health|commitment to (?:the )?specialty|aptitude.*|values(?: (?:and|&) behaviours)?|training|professional (?:registration|requirements|development|skills)|registration|clinical governance|special requirements|knowledge|skills|abilities|attributes|competenc(?:e|ies)|specific (?:requirements|skills)|(?:work[- ]related )?circumstances|interests|physical skills|organisational skills|teamworking|team working|it skills|it|information technology|values|behaviours|motivation|personal skills|interpersonal skills|education and training|learning and development|equality and diversity|safeguarding)$/i;
/** "Qualifications and registration", "Audit, quality improvement and research": made of category words. */
const CATEGORY_WORDS = new Set(
  'qualifications qualification registration professional experience skills skill knowledge clinical audit quality improvement research teaching training management leadership communication personal attributes qualities other probity education academic and & , / governance team working teamworking values behaviours abilities aptitude competencies competences technical it language languages interpersonal organisational organizational specialist special requirements circumstances physical health safety development commitment to the specialty'.split(
    ' ',
  ),
);
const isCategoryLike = (h: string) => {
  const words = h.split(/[\s,/]+/).filter(Boolean);
  return words.length >= 2 && words.length <= 7 && words.every((w) => CATEGORY_WORDS.has(w)) && words.some((w) => !['and', '&', 'of', 'in', 'the', 'to'].includes(w));
};

const DUTIES =
  /^(?:(?:main |key |principal |clinical |general |specific )?(?:duties|responsibilities|tasks|accountabilities|activities)(?: (?:and|&) (?:responsibilities|duties))?(?: of the (?:role|post))?|job (?:summary|purpose|description|overview|role)|role (?:summary|purpose|overview|description)|(?:about|overview of) (?:the|this) (?:role|post|position|job|vacancy|opportunity)|the (?:role|post|position|job|opportunity|vacancy)|overview|summary|position (?:summary|overview|purpose|description)|essential (?:functions|duties|job functions|responsibilities)|(?:key |primary |main )?(?:functions|job functions)|what you(?:'ll| will) (?:do|be doing|deliver)|your (?:role|day|responsibilities|new role)|a (?:day|week) in the life.*|main purpose.*|clinical duties|teaching duties|on-?call(?: arrangements| commitment)?|working (?:pattern|hours|arrangements|week)|hours(?: of work)?|schedule|shifts?(?: pattern| details)?|rota|job plan|the department|the team|our team|your team|department|the service|about the department|about the service|the practice|the unit|the ward|service description|job content)$/i;
const OTHER =
  /^(?:why [a-z' ]{2,40}|introduction|background|(?:employer|job|contact|vacancy|post) details|employer|address|visiting(?: (?:and|&) contacts?)?|contacts?|the area|(?:about )?the (?:local )?area|living (?:in|and working in) .*|the locality|location and travel|local information|relocation|terms and conditions|terms (?:and|&) conditions of (?:service|employment)|informal (?:visits?|enquiries)|general information|other information|note|notes|please note|about (?:us|the (?:trust|practice|organisation|organization|company|hospital|team|health board|service|employer|agency|board|system))|about [a-z'&. ]{3,60}|who we are|benefits|(?:what|why) we offer.*|what we can offer.*|why (?:join|work for|choose) us.*|perks|(?:pay|salary|compensation|remuneration)(?: (?:and|&) benefits)?|how to apply|apply(?: now)?|contact(?: details| us| information)?|further (?:information|details)|additional information|equal opportunit.*|(?:eeo|equal employment).*|diversity.*|inclusion.*|physical (?:demands|requirements).*|work(?:ing)? (?:conditions|environment).*|our values|closing date|interview (?:date|details)|location|important information|disclosure|sponsorship|we offer|what's in it for you|rewards?|total rewards|(?:employee )?benefits(?: package)?|our commitment.*|accessibility|privacy.*|reasonable adjustments|guaranteed interview scheme|disability confident|next steps|testimonials?|what (?:our )?(?:locums|nurses|doctors|staff) say|useful links|share this job|similar jobs)$/i;

/** Salary, dates, references, calls to action, contact details: never a requirement. */
const FURNITURE = [
  // Buttons and links of a web page, alone or in a row ("Upload documents    Save and exit").
  /^(?:(?:upload (?:documents?|files?|(?:your )?cv)|save(?: and (?:exit|continue|close))?|continue|next|back|cancel|submit|log ?out|sign out|edit profile)(?:\s+|$))+$/i,
  /^(?:apply(?: now| online| here| for this (?:job|post|role|vacancy))?|save(?: job)?|share|print|back to (?:search|results)|sign in|register now|email (?:this )?job|view (?:all )?jobs|read more|see (?:more|less)|show more|job (?:details|information)|posted.*|date posted.*|closing date.*|closes.*|interview date.*|start date.*|reference(?: number)?:?.*|job (?:ref(?:erence)?|id|number):?.*|ref(?: no)?[.:].*|vacancy (?:no|number|id|reference)[.:]?.*|requisition.*|salary.*|pay(?: scale| band| rate)?:.*|wage.*|compensation:.*|location:.*|site:.*|base:.*|hours:.*|contract(?: type)?:.*|working pattern:.*|schedule:.*|shift:.*|department:.*|directorate:.*|division:.*|specialty:.*|grade:.*|band:.*|employer:.*|organisation:.*|job type:.*|employment type:.*|category:.*|sector:.*|travel:.*|remote:.*|full[- ]time|part[- ]time|permanent|temporary|fixed[- ]term.*|locum|bank|\d+(?:\.\d+)? hours(?: per week| a week)?.*)$/i,
  /£\s?\d|\$\s?\d|\bper (?:annum|hour|session|shift)\b|\bpro rata\b|\b(?:AfC|agenda for change) (?:band|pay)/i,
  /^[\w ]{0,25}\b(?:ref(?:erence)?|id|no\.?|number|code)\s*[:#]\s*\S+$/i,
  /^.{0,60}\s[–|-]\s(?:.{0,40}\s[–|-]\s)?(?:person specification|job description|jd\/ps|information pack)\b.{0,80}$/i,
  /\bprogrammed activities\b|\b\d+(?:\.\d+)? (?:PAs|sessions)\b|\b(?:DCC|SPA)s?\b.*\b(?:DCC|SPA)s?\b/i,
  /^(?:https?:\/\/|www\.)\S+$/i,
  /^[\w.+-]+@[\w-]+\.[\w.-]+$/,
  /^(?:tel(?:ephone)?|phone|mobile|fax)?[:.]?\s*[+()\d][\d\s()+-]{7,}$/i,
  /^\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4}$|^\d{1,2}\/\d{1,2}\/\d{2,4}$/,
  /\bsmoke-?free\b|\bwelcome applications from\b|\bguarantee(?:d|s)? (?:an )?interview\b|\bequal opportunit(?:y|ies)(?: employer)?\b|\bcommitted to (?:equality|diversity|inclusion|having a workforce|being an inclusive)|\bwithout regard to (?:race|colou?r)|\bdisability confident\b|\bguaranteed interview\b/i,
  /\((?:PDF|DOCX?|Word),? \d+ ?[KM]B\)$/i,
  // Table legends and form furniture: "Key: E = Essential", "Items marked * are mandatory".
  /\b[A-Z]{1,3} ?= ?(?:essential|desirable|application|interview|references?|presentation|test|certificates?)\b/i,
  /^(?:items marked|fields marked|documents? to download|download (?:the )?(?:job description|person specification)|attachments?)\b/i,
  // Contact details and how to apply.
  /^(?:contact|for (?:an )?(?:informal|further)|informal (?:enquiries|discussions?|visits?|chat)|apply by|please contact|enquiries (?:to|about)|questions\??)\b/i,
  /^to apply(?:,|\s+(?:please|visit|click|email|send|go|online|via|through|for)\b)/i,
  /[\w.+-]+@[\w-]+\.[\w.-]+|\b(?:0\d{3,4}|\+44|\(\d{3}\)) ?\d{3}[ -]?\d{3,4}\b/,
  // Document control, signatures, legends of table codes.
  /\buncontrolled\b|\bintranet for the (?:current|latest) version\b|\bsignature\b|_{4,}|\bversion \d+(?:\.\d+)?\b.*\b(?:date|review)\b/i,
  /\bE\b\s*[:=]?\s*essential\b.*\bD\b\s*[:=]?\s*desirable\b|\bAF\b[^.]{0,30}\bapplication\b.*\bI\b[^.]{0,20}\binterview\b/i,
  // An address line (a UK postcode or a US ZIP) with nothing asked in it.
  /^(?!.*\b(?:must|experience|registration|qualification|licen[cs]e|degree)\b).{0,120}\b(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]{2} \d{5}(?:-\d{4})?)$/,
  // Perks: "Free mandatory training through our partner".
  /^(?:free|funded|paid|complimentary|discounted|generous|flexible|weekly pay|competitive)\b/i,
];
export const isFurniture = (text: string) => FURNITURE.some((f) => f.test(text));

type LineKind =
  | { kind: 'blank' }
  | { kind: 'importance'; value: Importance }
  | { kind: 'assessment' }
  | { kind: 'header' }
  | { kind: 'heading'; role: Role | 'category'; importance?: Importance; rest?: string; generic?: boolean }
  | { kind: 'content' };

const headingText = (text: string) =>
  text
    .replace(/^(?:\d+(?:\.\d+)*|[A-Z])[.)]\s+/, '')
    .replace(/[:*#|]+$/g, '')
    .replace(/^[*#|]+/, '')
    .replace(/\s*\([^)]*\)$/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

function headingRole(text: string): { role: Role | 'category'; importance?: Importance } | undefined {
  const h = headingText(text);
  if (!h || h.length > 70) return undefined;
  // "Qualifications – Essential", "Experience (desirable)": a category with its column.
  const suffixed = /^(.{3,50}?)\s*(?:[-–—:/]|\()\s*(essential|desirable|required|preferred)(?: criteria)?\)?$/.exec(h);
  if (suffixed && (CATEGORY.test(suffixed[1]!) || REQ_ESSENTIAL.test(suffixed[1]!)))
    return { role: 'requirements', importance: /^(?:essential|required)/.test(suffixed[2]!) ? 'essential' : 'desirable' };
  if (REQ_DESIRABLE.test(h)) return { role: 'requirements', importance: 'desirable' };
  if (DUTIES.test(h) || (/\b(?:responsibilities|duties|accountabilities)\b/.test(h) && h.split(' ').length <= 6)) return { role: 'duties' };
  if (REQ_ESSENTIAL.test(h)) return { role: 'requirements', importance: /^(?:essential|minimum|required|mandatory|basic)\b/.test(h) ? 'essential' : undefined };
  if (CATEGORY.test(h) || isCategoryLike(h)) return { role: 'category' };
  if (OTHER.test(h)) return { role: 'other' };
  return undefined;
}

const LEAD_IN_CUE =
  /\b(?:need|needs|require|required|requirements|must|looking for|seeking|essential|desirable|should (?:have|be|hold)|will (?:have|hold|bring|be)|you(?:'ll| will)? (?:have|hold|bring)|ideally|preferred|advantage|shortlisted|to (?:apply|be considered|join us|register|work with us)|candidates?|applicants?|you are|do you have|what we(?:'re| are) looking for|we(?:'d| would) (?:love|like))\b/i;
const LEAD_IN_DESIRABLE = /\b(?:desirable|ideally|preferred|advantage|bonus|nice to have|great if|would be (?:good|great|nice|helpful)|even better)\b/i;

const looksLikeHeading = (line: Line) => {
  const t = line.text;
  if (line.bullet || t.length > 80 || /[.!?]$/.test(t)) return false;
  const words = t.split(/\s+/).length;
  // One capitalised word ("ILS", "MRCP") is more often a criterion in a table than a heading.
  return (t.endsWith(':') && words <= 8) || (words >= 2 && words <= 8 && /[A-Z]{2}/.test(t) && t === t.toUpperCase());
};

function classify(line: Line): LineKind {
  const t = line.text;
  if (!t) return { kind: 'blank' };
  // A line starting in lower case continues a wrapped sentence: never a heading or a cell.
  if (/^[a-z]/.test(t) && !line.bullet && !IMPORTANCE_MARK.test(t) && !ASSESSMENT_MARK.test(t)) return { kind: 'content' };
  const bare = t.replace(/[:.]$/, '').trim();
  if (IMPORTANCE_MARK.test(bare)) return { kind: 'importance', value: /^(?:\(?e\)?|essential|required)$/i.test(bare) ? 'essential' : 'desirable' };
  // "4. Entry requirements": a numbered heading is still a heading.
  if (line.numbered && t.length <= 50 && !/[.;,]$/.test(t)) {
    const role = headingRole(t);
    if (role) return { kind: 'heading', ...role };
  }
  if (!line.bullet && ASSESSMENT_MARK.test(bare)) return { kind: 'assessment' };
  if (!line.bullet && HEADER_WORD.test(bare) && !headingRole(t)) return { kind: 'header' };
  if (!line.bullet) {
    const role = headingRole(t);
    if (role && (t.length <= 70 || looksLikeHeading(line))) return { kind: 'heading', ...role };
    // "Essential: a; b; c" and "Qualifications: MBBS or equivalent"; "Benefits: ..." is not asked of anyone.
    const colon = /^([^:]{3,60}):\s+(\S.*)$/.exec(t);
    if (colon) {
      const labelled = headingRole(colon[1]!);
      if (labelled && (labelled.role === 'other' || labelled.role === 'duties')) return { kind: 'blank' };
      if (labelled) return { kind: 'heading', ...labelled, rest: colon[2]! };
    }
    // "Area Criteria E/D How assessed": a header row written on one line with spaces.
    if (t.length <= 80 && !t.replace(HEADER_PHRASES, ' ').trim()) return { kind: 'header' };
    // "REQUIREMENTS / ESSENTIAL / DESIRABLE / METHOD OF ASSESSMENT": a header row on one line.
    if (t.split(/\s*[/|]\s*/).length > 2 && t.split(/\s*[/|]\s*/).every((p) => IMPORTANCE_MARK.test(p) || HEADER_WORD.test(p) || ASSESSMENT_MARK.test(p))) return { kind: 'header' };
    // An FAQ page: "What documents will you need from me?" introduces requirements.
    if (
      t.endsWith('?') &&
      t.length <= 90 &&
      (t.match(/\?/g) ?? []).length === 1 &&
      /\b(?:need|needs|require|required|documents?|training|checks?|qualifications?|registration|experience|eligible|accept)\b/i.test(t)
    )
      return { kind: 'heading', role: 'requirements' };
    // "To be shortlisted you will need:", "It would be great if you also had:": a lead-in is a heading.
    if (t.endsWith(':') && t.length <= 120 && LEAD_IN_CUE.test(t)) return { kind: 'heading', role: 'requirements', ...(LEAD_IN_DESIRABLE.test(t) ? { importance: 'desirable' as const } : {}) };
    if (looksLikeHeading(line)) return { kind: 'heading', role: 'category', generic: true };
  }
  return { kind: 'content' };
}

// ---------------------------------------------------------------------------------------------
// Reading the advert

/** Words a wrapped line ends on when the sentence plainly goes on. */
const CONTINUES =
  /(?:\b(?:and|or|of|to|in|with|the|a|an|for|on|at|by|as|from|within|including|such as|e\.g\.|i\.e\.|which|who|that|your|their|our|is|are|be|have|has|will|must|should|can|able|unless|if|where|when|than|via|into|per|plus)|[,(/&+-])$/i;

/** A line with its sentence still running on to the next (PDF or e-mail wrapping). */
function continuesOnto(prev: string, next: Line, wrapWidth: number): boolean {
  if (next.bullet || !next.text || /[.!?:]$/.test(prev)) return false;
  // "Base: Thornwick General Hospital" starts a field of its own.
  if (/^[A-Z][A-Za-z ]{1,25}:\s/.test(next.text)) return false;
  if (CONTINUES.test(prev)) return true;
  if (/^[a-z(]/.test(next.text)) return true;
  return prev.length >= wrapWidth * 0.8 && !/^[A-Z][A-Z ]+$/.test(next.text);
}

/** Each sentence of a paragraph, keeping abbreviations ("e.g.", "Dr.") and brackets whole. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === '.' || c === '!' || c === '?') && depth === 0 && /\s/.test(text[i + 1] ?? ' ')) {
      const before = text.slice(start, i + 1);
      if (/\b(?:e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|St|No|approx|incl|inc|vs|cf|Ltd|Co|Dept|Prof)\.$/i.test(before) || /\b[A-Z]\.$/.test(before)) continue;
      if (/^\s+[a-z]/.test(text.slice(i + 1, i + 3))) continue;
      out.push(before.trim());
      start = i + 1;
    }
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter(Boolean);
}

const WINDOW_PHRASE = /\b(?:within|in|during) the (?:last|past|previous) (?:\d+|one|two|three|four|five|six|twelve|eighteen|twenty-four) (?:months?|years?)\b/i;

interface Section {
  /** The window a lead-in set for the list below it. */
  window?: string | undefined;
  /** When the lead-in is itself a list item, its indent: the window covers only items nested under it. */
  windowIndent?: number | undefined;
  role: Role;
  importance: Importance | undefined;
  /** Table mode of the current person-specification block, decided by its first importance cell. */
  cellsFollowCriteria: boolean | undefined;
}

/**
 * An "Essential | Desirable" table header. With tabs, cells are counted; with columns aligned by
 * spaces (a PDF table), empty cells vanish, so what counts is where on the line a mark sits.
 */
interface Columns {
  essential: number;
  desirable: number;
  /** Character positions of the two headers when the table is aligned with spaces. */
  essentialAt?: number;
  desirableAt?: number;
}
function columnHeader(line: Line): Columns | undefined {
  if (line.cells.length < 2) return undefined;
  // One "E/D" column holding a letter, or one column each.
  const both = line.cells.findIndex((c) => /^(?:e\s*\/\s*d|essential\s*(?:\/|or)\s*desirable)$/i.test(c));
  const essential = both >= 0 ? both : line.cells.findIndex((c) => /^essential(?: criteria)?$/i.test(c));
  const desirable = both >= 0 ? both : line.cells.findIndex((c) => /^desirable(?: criteria)?$/i.test(c));
  if (essential < 0 || desirable < 0) return undefined;
  if (line.raw.includes('\t') || line.raw.includes('|') || both >= 0) return { essential, desirable };
  return { essential, desirable, essentialAt: line.raw.search(/essential/i), desirableAt: line.raw.search(/desirable/i) };
}

const MARK = /^(?:✓|✔|x|yes|y|\*|•|e|d|essential|desirable|√)$/i;

/** A row of a tick-style table: its criterion text and the column its mark is in. */
function tickRow(line: Line, columns: Columns): { criterion: string; importance: Importance | undefined } | undefined {
  const criterion = line.cells.filter((c) => !MARK.test(c) && !ASSESSMENT_MARK.test(c)).sort((a, b) => b.length - a.length)[0];
  if (!criterion) return undefined;
  const letter = line.cells.find((c) => /^[ed]$/i.test(c));
  if (letter) return { criterion, importance: /^e$/i.test(letter) ? 'essential' : 'desirable' };
  if (columns.essentialAt !== undefined && columns.desirableAt !== undefined) {
    const mark = /(?<=\s)(?:✓|✔|[xX]|Yes|\*|√)(?=\s|$)/.exec(line.raw);
    if (!mark) return { criterion, importance: undefined };
    return { criterion, importance: Math.abs(mark.index - columns.essentialAt) <= Math.abs(mark.index - columns.desirableAt) ? 'essential' : 'desirable' };
  }
  const marked = (col: number) => MARK.test(line.cells[col] ?? '');
  return { criterion, importance: marked(columns.essential) ? 'essential' : marked(columns.desirable) ? 'desirable' : undefined };
}

/**
 * A checklist laid out in columns with spaces ("DOCUMENT   WHAT WE NEED   STATUS"): an agency's
 * compliance page pasted from a PDF or a web table. Its header is a row of short capitalised
 * cells; each row names an item in the first column and says what is needed in the next, both
 * wrapping onto lines that start in a later column.
 */
interface Grid {
  /** Where each column starts on the line. */
  starts: number[];
}
function gridHeader(line: Line): Grid | undefined {
  if (line.cells.length < 2 || line.cells.length > 5 || line.raw.includes('\t') || line.raw.includes('|')) return undefined;
  if (!line.cells.every((c) => c.length <= 30 && /[A-Z]{2}/.test(c) && c === c.toUpperCase())) return undefined;
  const starts: number[] = [];
  let from = 0;
  for (const cell of line.cells) {
    const at = line.raw.indexOf(cell, from);
    starts.push(at);
    from = at + cell.length;
  }
  return { starts };
}
/** The item and what is asked for it, cut from a line at the grid's columns (status cells dropped). */
function gridCells(line: Line, grid: Grid): { item: string; need: string } {
  const cut = (from: number, to?: number) =>
    line.raw
      .slice(from, to)
      .replace(/\[\s?[xX✓✔]?\s?\]|[☐☑☒□]/g, '')
      .trim();
  const second = grid.starts[1]! - 2;
  return {
    item: cut(0, Math.max(0, second)),
    need: grid.starts
      .slice(1)
      .map((at, i) => cut(i === 0 ? second : at, grid.starts[i + 2]))
      .filter(Boolean)
      .join(' '),
  };
}
const MANDATORY_STAR = /\s*\*$/;

export function readAdvert(raw: string, skip: (text: string) => boolean): Candidate[] {
  const lines = toLines(raw);
  const kinds = lines.map(classify);
  const wrapWidth = Math.max(60, [...lines.map((l) => l.text.length)].sort((a, b) => a - b)[Math.floor(lines.length * 0.9)] ?? 80);
  const out: Candidate[] = [];
  const section: Section = { role: 'none', importance: undefined, cellsFollowCriteria: undefined };
  let columns: Columns | undefined;
  let grid: Grid | undefined;
  // Lines of the statement being read, and its importance cell if one has been seen after it.
  let pending: { text: string; bullet: boolean; fromTableCell: boolean; importance: Importance | undefined; checkbox?: boolean } | undefined;

  const emit = () => {
    if (!pending) return;
    const { text, importance, fromTableCell, bullet, checkbox } = pending;
    pending = undefined;
    if (skip(text)) return;
    if (fromTableCell) {
      out.push({ text, role: section.role, importance, fromTableCell, bullet: true });
      return;
    }
    // "ESSENTIAL - Qualifications: a; b. Experience: c. DESIRABLE: d": the labels inside a paragraph
    // hold for every sentence up to the next label.
    for (const part of inlineLabelled(text)) {
      for (const piece of sentences(part.text)) {
        out.push({
          text: piece,
          role: part.importance || checkbox ? 'requirements' : section.role,
          importance: part.importance ?? importance ?? section.importance,
          fromTableCell,
          bullet: bullet || Boolean(part.importance),
          ...(bullet && section.window ? { window: section.window } : {}),
        });
      }
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const kind = kinds[i]!;
    if (kind.kind === 'blank') {
      emit();
      // A grid ends at a blank line unless more of its rows follow.
      if (grid && !lines.slice(i + 1).find((l) => l.text)?.cells.length) grid = undefined;
      continue;
    }
    if (grid) {
      const { item, need } = gridCells(line, grid);
      if (item || need) {
        if (item && !/^[a-z]/.test(item)) {
          emit();
          // "Indemnity *   Certificate showing cover...": the item and what is asked, one statement.
          pending = {
            text: `${item.replace(MANDATORY_STAR, '')}${need ? `: ${need}` : ''}`,
            bullet: true,
            fromTableCell: MANDATORY_STAR.test(item),
            importance: MANDATORY_STAR.test(item) ? 'essential' : section.importance,
          };
        } else if (pending) {
          pending.text = joinWrapped(pending.text, [item, need].filter(Boolean).join(' '));
        }
        continue;
      }
      grid = undefined;
    }
    const header = columnHeader(line);
    const gridStart = header ? undefined : gridHeader(line);
    if (gridStart && lines[i + 1]?.cells.length) {
      emit();
      grid = gridStart;
      if (section.role !== 'duties' && section.role !== 'other') section.role = 'requirements';
      continue;
    }
    if (header) {
      emit();
      columns = header;
      if (section.role !== 'duties' && section.role !== 'other') section.role = 'requirements';
      continue;
    }
    if (columns && line.cells.length >= 2) {
      emit();
      const essentialCell = line.cells[columns.essential] ?? '';
      const desirableCell = line.cells[columns.desirable] ?? '';
      const tickStyle = columns.essentialAt !== undefined || MARK.test(essentialCell) || MARK.test(desirableCell) || (!essentialCell && !desirableCell);
      if (tickStyle) {
        // The criterion in its own column, a mark saying which kind it is; a criterion that wraps
        // continues on the lines below (joined in 'content').
        const row = tickRow(line, columns);
        if (row) pending = { text: row.criterion, bullet: true, fromTableCell: row.importance !== undefined, importance: row.importance };
      } else {
        // The criteria are written in the Essential and Desirable columns themselves.
        for (const [cell, importance] of [
          [essentialCell, 'essential'],
          [desirableCell, 'desirable'],
        ] as const) {
          for (const item of cell
            .split(/\s*[•·●▪]\s*/)
            .map((c) => c.trim())
            .filter(Boolean)) {
            pending = { text: item, bullet: true, fromTableCell: true, importance };
            emit();
          }
        }
      }
      continue;
    }
    switch (kind.kind) {
      case 'importance': {
        // A header row ("Essential / Desirable / When evaluated") says nothing about any one line.
        const neighbours = [kinds[i - 1], kinds[i + 1]].filter((k) => k && (k.kind === 'importance' || k.kind === 'header'));
        if (neighbours.length) break;
        if (section.cellsFollowCriteria === undefined) section.cellsFollowCriteria = Boolean(pending);
        if (section.cellsFollowCriteria && pending) {
          pending.importance = kind.value;
          pending.fromTableCell = true;
          emit();
        } else {
          // "Essential" over a list of criteria: a requirements heading, wherever it appears.
          emit();
          section.importance = kind.value;
          section.role = 'requirements';
        }
        break;
      }
      case 'assessment':
      case 'header':
        // The end of a criterion's cell in a flattened table.
        if (section.cellsFollowCriteria) emit();
        break;
      case 'heading': {
        if (!kind.generic) section.window = WINDOW_PHRASE.exec(line.text)?.[0];
        // A capitalised word ending a wrapped sentence ("...acceptable to the\nGMC") is not a heading.
        if (kind.generic && pending && continuesOnto(pending.text, { ...line, bullet: false }, wrapWidth)) {
          pending.text = joinWrapped(pending.text, line.text);
          break;
        }
        // "Requirements / Essential / Desirable / When evaluated": a table's header row.
        if (!kind.rest && HEADER_WORD.test(line.text.replace(/[:.]$/, '')) && [kinds[i - 1], kinds[i + 1]].some((k) => k && (k.kind === 'importance' || k.kind === 'header'))) break;
        emit();
        if (kind.generic) {
          // An unknown capitalised heading: inside a person specification it is a category; after
          // one ("THE AREA", "VISITING") it ends it.
          if (section.role === 'requirements' && section.cellsFollowCriteria === undefined && section.importance === undefined) section.role = 'none';
        } else if (kind.role === 'category') {
          // A person-specification category (QUALIFICATIONS, CLINICAL SKILLS...): still requirements.
          if (section.role !== 'requirements') section.importance = undefined;
          section.role = section.role === 'duties' || section.role === 'other' ? (REQ_CATEGORY_AFTER_OTHER.test(line.text) ? 'requirements' : section.role) : 'requirements';
          if (section.cellsFollowCriteria === false) section.importance = undefined;
        } else if (section.role === 'duties' && kind.role === 'requirements' && !kind.importance && !STRONG_REQUIREMENTS_HEADING.test(line.text)) {
          // "3. Education" inside a list of duties is a group of duties, not the requirements.
        } else {
          section.role = kind.role;
          section.importance = kind.importance;
          section.cellsFollowCriteria = kind.role === 'requirements' ? section.cellsFollowCriteria : undefined;
          if (kind.role !== 'requirements') columns = undefined;
        }
        if (kind.rest) {
          pending = { text: kind.rest, bullet: true, fromTableCell: false, importance: kind.importance };
          emit();
        }
        break;
      }
      case 'content': {
        // A wrapped line (PDF text, a long bullet, a paragraph) joins the statement it continues.
        // A row whose Essential/Desirable cell has been read is complete: only a plainly unfinished
        // sentence ("... unless E AF / exempt under GMC rules") carries on.
        const closed = pending?.fromTableCell && !columns;
        const carriesOn =
          pending &&
          !line.bullet &&
          (closed ? /^[a-z]/.test(line.text) && CONTINUES.test(pending.text) : continuesOnto(pending.text, line, wrapWidth) || (columns && pending.fromTableCell && !line.cells.length));
        if (pending && carriesOn) {
          pending.text = joinWrapped(pending.text, line.text);
          if (line.importance) Object.assign(pending, { importance: line.importance, fromTableCell: true });
          break;
        }
        emit();
        // A line that is not a list item ends the list a lead-in's window applied to, or starts one;
        // so does a list item ending in ":" ("• Mandatory training within the last 12 months:"),
        // for the items nested under it.
        if (!line.bullet || /:\s*$/.test(line.text)) {
          section.window = WINDOW_PHRASE.exec(line.text)?.[0];
          section.windowIndent = line.bullet ? line.indent : undefined;
        } else if (section.windowIndent !== undefined && line.indent <= section.windowIndent) {
          section.window = section.windowIndent = undefined;
        }
        pending = { text: line.text, bullet: line.bullet, fromTableCell: line.importance !== undefined, importance: line.importance, checkbox: line.checkbox };
        break;
      }
    }
  }
  emit();
  return out;
}

/** Headings that end a duties section: they name the requirements themselves. */
const STRONG_REQUIREMENTS_HEADING =
  /\b(?:essential|desirable|required|requirements?|person spec|specification|qualifications|criteria|about you|you(?:'ll| will)? need|eligibility|preferred|skills and (?:experience|knowledge|abilities)|knowledge|licensure|certifications?|who (?:you are|we)|looking for|ideal candidate|successful candidate|must have)\b/i;

/** "Essential: a; b. Desirable: c and d." inside a sentence or a paragraph. */
export const INLINE_LABEL = /\b(essential|desirable|required|preferred)(?: criteria| requirements| qualifications)?\s*(?:[:–]|\s-\s)\s*(?:[A-Za-z ,&/]{3,40}:\s*)?/gi;

function inlineLabelled(text: string): Array<{ text: string; importance?: Importance }> {
  const labels = [...text.matchAll(INLINE_LABEL)];
  if (!labels.length) return [{ text }];
  const parts: Array<{ text: string; importance?: Importance }> = [];
  const head = text.slice(0, labels[0]!.index).trim();
  if (head && !/^[A-Z][\w ,&/]{0,40}[.:]?$/.test(head)) parts.push({ text: head });
  labels.forEach((m, i) => {
    const body = text.slice(m.index + m[0].length, labels[i + 1]?.index ?? text.length).trim();
    if (body) parts.push({ text: body, importance: /^(?:essential|required)/i.test(m[1]!) ? 'essential' : 'desirable' });
  });
  return parts;
}

/** Only clearly requirement-bearing categories turn a benefits or duties section back into requirements. */
const REQ_CATEGORY_AFTER_OTHER =
  /^(?:eligibility|qualifications?|(?:clinical )?(?:experience|skills|knowledge)|knowledge (?:and|&) skills|skills (?:and|&) (?:knowledge|abilities)|registration|professional registration|training)\b/i;

function joinWrapped(prev: string, next: string): string {
  if (/-$/.test(prev) && /^[a-z]/.test(next)) return HYPHEN_PREFIXES.test(prev) ? `${prev}${next}` : `${prev.slice(0, -1)}${next}`;
  return `${prev} ${next}`;
}

// ---------------------------------------------------------------------------------------------
// Title and employer

const ROLE_NOUN =
  /\b(?:registrar|consultant|doctor|physician|fellow|GP|general practitioner|practitioner|nurse|midwife|midwives|paramedic|physiotherapist|physio|therapist|radiographer|pharmacist|dietitian|dietician|sister|charge nurse|matron|specialist|hospitalist|officer|SHO|trainee|lead|manager|surgeon|anaesthetist|psychiatrist|paediatrician|geriatrician|intensivist|RN|NP|ODP|clinician|locum|coordinator|co-ordinator|visitor|health visitor|educator|assistant|associate|director|partner|medic|house officer|FY[1-3]|F[1-3]|CT[1-3]|ST[1-8]|Band [2-9])\b/i;
const ORGANISATION =
  /\b(?:(?:Treatment|Medical|Health|Care|Surgical|Birth|Cancer|Dialysis|Rehabilitation|Diagnostic) Cent(?:re|er)|NHS(?: Foundation)? Trust|Foundation Trust|University Health Board|Health Board|Hospitals?|Healthcare|Health(?:care)? (?:System|Services?|Partnership|Group|Network)|Medical (?:Center|Centre|Group|Practice|Partnership)|Health Cent(?:er|re)|Surgery|Practice|Ambulance Service|Clinic|Integrated Care Board|Partnership|Staffing|Recruitment|Locums?|Agency|Health|Hospice|Care Home|Nursing Home|Trust)\b/;
const LABELLED_TITLE = /^(?:job title|post|position|role|title|vacancy|job|post title)\s*(?::|\s[-–]\s)\s*(.+)$/i;
const LABELLED_EMPLOYER = /^(?:employer|organisation|organization|trust|company|hospital|practice|health board|client|hiring organi[sz]ation|employer name)\s*(?::|\s[-–]\s)\s*(.+)$/i;
/** Site navigation copied with the page: "Careers > Vacancies > ...", "Jobs | Register | Log in". */
const NAVIGATION = /(?:\s>\s.*){2,}|(?:\s\|\s.*){3,}/;
/** What a clinician types before pasting an advert into chat. */
export const PREAMBLE =
  /^(?:please|pls|can you|could you|would you|help me|hi|hello|hey|i(?:'m| am| want| would| need|'d)|here(?:'s| is)|this is|below is|tailor|make|write|draft|create|generate|attached|see below|paste|job advert|advert|job description|the advert)\b/i;

function cleanTitle(text: string): string {
  return text
    .replace(LABELLED_TITLE, '$1')
    .replace(
      /\s*[-–—|,]\s*(?:(?:AfC )?band \d\w?|£.*|\$.*|\d+(?:\.\d+)? hours.*|full[- ]time|part[- ]time|permanent|fixed[- ]term.*|temporary|\d+[- ]months?.*|(?:six|twelve|6|12) sessions.*|[a-z]+ sessions a week|nights?|days?|bank|locum)\s*$/i,
      '',
    )
    .replace(
      /\s*\((?:(?:AfC )?band \d\w?|ST\d\+?(?: (?:level|equivalent))?|[A-Z]{2,4} level|SHO level|[^)]*\blevel\)?|\d+ months?|full[- ]time|part[- ]time|days?,[^)]*|[^)]*\bshifts?\b[^)]*)\)\s*$/i,
      '',
    )
    .replace(/\s*[-–—,]\s*(?:(?:AfC )?band \d\w?|\d+[- ]months?(?: fixed[- ]term)?|fixed[- ]term.*|permanent|full[- ]time|part[- ]time)\s*$/i, '')
    .replace(/[.:]$/, '')
    .trim();
}

function cleanEmployer(text: string): string {
  const labelled = LABELLED_EMPLOYER.exec(text)?.[1] ?? text;
  const parts = labelled.split(/\s+[-–—|]\s+|,\s+|\s+\(/);
  return (parts.find((p) => ORGANISATION.test(p)) ?? parts[0]!).replace(/[).:]+$/, '').trim();
}

const titleCase = (t: string) =>
  t === t.toUpperCase() && /[A-Z]{3}/.test(t)
    ? t
        .toLowerCase()
        .replace(/\b([a-z])/g, (c) => c.toUpperCase())
        .replace(/\b(And|Of|In|The|With|For|To|At|On)\b/g, (w) => w.toLowerCase())
        .replace(/\b(Nhs|Gp|Icu|Ed|Acp|Sho|St\d|Ct\d)\b/g, (w) => w.toUpperCase())
    : t;

export function findTitleAndEmployer(raw: string): { title: string; employer: string | null; titleLine: string | undefined; employerLine: string | undefined } {
  const all = toLines(raw).map((l) => l.text);
  const lines = all
    // The last crumb of a breadcrumb trail is the page's own title.
    .map((t) => (/(?:\s>\s.*){2,}/.test(t) ? t.split(/\s>\s/).at(-1)!.trim() : t))
    .filter((t) => t && !PREAMBLE.test(t) && !PAGE_NUMBER.test(t) && !NAVIGATION.test(t))
    .slice(0, 20);
  const labelledTitle = lines.find((l) => LABELLED_TITLE.test(l));
  // "Sessional Doctor - Urgent Treatment Centre (evenings, £92/hr)": the pay in brackets is not the title.
  // "Hospitalist - Lakeshore Medical Center, Madison, WI 53703": the place is not the title either.
  const bare = (l: string) =>
    l
      .replace(/\s*\([^)]*(?:£|\$|per hour|\/hr|p\.a\.)[^)]*\)/gi, '')
      .replace(/,\s*[A-Z][\w .'-]+,\s*[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?$/, '')
      .replace(/,?\s*\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, '');
  const titleLine =
    labelledTitle ??
    lines.find(
      (l) => l.length <= 160 && ROLE_NOUN.test(l) && !/[.!?]$/.test(l) && !headingRole(l) && !isFurniture(bare(l)) && !/^(?:we|our|you|are you|do you|join|the|about|must|should|ideally)\b/i.test(l),
    ) ??
    lines.find((l) => l.length <= 100 && !isFurniture(bare(l)) && !headingRole(l) && !/[.!?]$/.test(l) && !findTermMentions(l, null).length);
  const labelledEmployer = lines.find((l) => LABELLED_EMPLOYER.test(l));
  const employerLine =
    labelledEmployer ??
    lines.find((l) => l !== titleLine && l.length <= 140 && ORGANISATION.test(l) && !/[.!?]$/.test(l) && !isFurniture(l) && !headingRole(l) && !/^(?:we|our|you|are you|join|about)\b/i.test(l));
  // A title that runs on to a second line ("CONSULTANT ANAESTHETIST / with an interest in...").
  const next = titleLine ? lines[lines.indexOf(titleLine) + 1] : undefined;
  const fullTitle = titleLine && next && /^(?:with|in|and|for|\(|-\s)/.test(next) && next.length < 80 ? `${titleLine} ${next}` : titleLine;
  return { title: fullTitle ? cleanTitle(titleCase(bare(fullTitle))) : 'Untitled job', employer: employerLine ? cleanEmployer(employerLine) : null, titleLine, employerLine };
}
