/**
 * Clinical procedures and techniques an advert asks for by name ("experience of CRRT",
 * "point-of-care ultrasound", "Doppler assessment"). A procedure is shown only by a record that
 * names it, in any of its usual names: working in critical care does not show POCUS, and a
 * record's "haemofiltration (CRRT)" does show "continuous renal replacement therapy". Word
 * overlap cannot do this: the names share no words, or share only the setting.
 */
export interface Procedure {
  key: string;
  label: string;
  names: RegExp;
}

export const PROCEDURES: Procedure[] = [
  { key: 'crrt', label: 'renal replacement therapy (CRRT)', names: /\bCRRT\b|\b(?:continuous )?renal replacement therap\w*|\bha?emo(?:dia)?filtration\b|\bCVVH(?:DF|D)?\b/i },
  { key: 'haemodialysis', label: 'haemodialysis', names: /\bha?emodialysis\b|\bdialysis (?:unit|nurs\w*|patients|treatment|sessions?|machines?)\b|\bperitoneal dialysis\b/i },
  {
    key: 'pocus',
    label: 'point-of-care ultrasound',
    names: /\bpoint[- ]of[- ]care ultrasound\b|\bPOCUS\b|\bFUSIC\b|\bFICE\b|\bFAST scan\w*|\bfocused (?:echo\w*|ultrasound)\b|\bbedside ultrasound\b/i,
  },
  { key: 'irmer', label: 'IR(ME)R referring', names: /\bIR\s?\(?ME\)?\s?R\b|\bionising radiation\b|\brequest(?:ing)? (?:and interpret(?:ing)? )?(?:imaging|x-?rays?|radiographs?)\b/i },
  { key: 'doppler', label: 'Doppler assessment', names: /\bdoppler\b|\bABPI\b|\bankle[- ]brachial\b/i },
  { key: 'compression', label: 'compression therapy', names: /\bcompression (?:bandag\w*|therap\w*|hosiery|wraps?|garments?)\b|\bmulti-?layer(?:ed)? bandag\w*/i },
  { key: 'tracheostomy', label: 'tracheostomy care', names: /\btracheostom\w*/i },
  { key: 'niv', label: 'non-invasive ventilation', names: /\bNIV\b|\bnon-?invasive ventilation\b|\bCPAP\b|\bBiPAP\b/i },
  { key: 'ventilation', label: 'mechanical ventilation', names: /\bmechanical(?:ly)? ventilat\w*|\binvasive ventilation\b/i },
  { key: 'sedation', label: 'procedural sedation', names: /\b(?:procedural|conscious) sedation\b/i },
  { key: 'nerve-block', label: 'nerve blocks', names: /\bnerve blocks?\b|\bfascia iliaca\b|\bregional (?:anaesthe|anesthe)\w*|\bultrasound-guided (?:\w+ )?blocks?\b/i },
  { key: 'central-lines', label: 'central venous lines', names: /\bcentral (?:venous )?(?:lines?|catheters?|access)\b|\bCVCs?\b|\bPICC\w*/i },
  { key: 'arterial-lines', label: 'arterial lines', names: /\barterial (?:lines?|cannulation|catheters?)\b|\bart(?:erial)? lines?\b/i },
  { key: 'cannulation', label: 'cannulation', names: /\bcannulat\w*|\bIV access\b|\bperipheral (?:IV|intravenous) (?:access|lines?)\b/i },
  { key: 'venepuncture', label: 'venepuncture', names: /\bvenepuncture\b|\bvenipuncture\b|\bphlebotomy\b|\bblood draws?\b/i },
  { key: 'catheterisation', label: 'catheterisation', names: /\bcatheteri[sz]\w*|\burinary catheter\w*/i },
  { key: 'intubation', label: 'intubation and airway management', names: /\bintubat\w*|\bairway management\b|\bRSI\b|\brapid sequence induction\b/i },
  { key: 'epidural', label: 'epidurals', names: /\bepidurals?\b/i },
  { key: 'suturing', label: 'suturing', names: /\bsutur\w*|\bwound closure\b/i },
  { key: 'chest-drain', label: 'chest drains', names: /\bchest drains?\b|\bthoracostom\w*/i },
  { key: 'lumbar-puncture', label: 'lumbar puncture', names: /\blumbar punctures?\b/i },
  { key: 'fetal-monitoring', label: 'fetal monitoring', names: /\bfetal (?:heart )?monitoring\b|\bCTGs?\b|\bcardiotocograph\w*|\bintermittent auscultation\b/i },
  { key: 'nipe', label: 'newborn examination (NIPE)', names: /\bNIPE\b|\bnewborn (?:and infant )?physical exam\w*/i },
  { key: 'joint-injection', label: 'injection therapy', names: /\binjection therap\w*|\b(?:joint|soft tissue|intra-?articular|steroid) injections?\b/i },
  { key: 'implant', label: 'contraceptive implants', names: /\bLoC ?SDI\b|\bsub-?dermal implants?\b|\bimplant (?:fitting|insertion|removal)s?\b/i },
  { key: 'iud', label: 'intrauterine contraception', names: /\bLoC ?IU?T\b|\bintrauterine (?:contracepti\w*|devices?|systems?|techniques?)\b|\bIUDs?\b|\bIUS\b|\bcoil fitting\w*/i },
  { key: 'ecmo', label: 'ECMO', names: /\bECMO\b|\bextracorporeal membrane\b/i },
  { key: 'iabp', label: 'intra-aortic balloon pumps', names: /\bIABP\b|\bintra-?aortic balloon\b/i },
  { key: 'haemodynamic', label: 'haemodynamic monitoring', names: /\bha?emodynamic\w*/i },
  { key: 'vasoactive', label: 'vasoactive drugs', names: /\bvasoactive\b|\bvasopressors?\b|\binotrop\w*/i },
];

/**
 * "Experience of procedural sedation and point-of-care ultrasound": one requirement per
 * procedure, each worded with the lead-in ("Experience of ..."), so each is matched on its own.
 * "Or" joins alternatives, which stay one requirement.
 */
export function splitProcedures(text: string): string[] {
  const found = PROCEDURES.map((p) => ({ p, m: p.names.exec(text) }))
    .filter((x): x is { p: Procedure; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => a.m.index - b.m.index);
  if (found.length < 2 || /\bor\b|\//i.test(text)) return [text];
  const lead = text.slice(0, found[0]!.m.index);
  // Only a list made wholly of procedures: "cannulation, catheterisation and ABG sampling" names
  // something the vocabulary does not know, and stays whole.
  const rest = found.reduce((t, x) => t.replace(x.m[0], ' '), text.slice(lead.length));
  if (rest.replace(/\s*(?:,|\band\b|&|\.)\s*/gi, '').trim()) return [text];
  return found.map((x) => `${lead}${x.m[0]}`);
}

/** The procedures a text names, once each. */
export function proceduresIn(text: string): Procedure[] {
  return PROCEDURES.filter((p) => p.names.test(text));
}
