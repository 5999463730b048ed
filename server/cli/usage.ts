/** What `npx medfolio --help` prints; imports nothing, so help is instant. */
export const USAGE = `Usage: medfolio <command> [options]

Commands:
  migrate                         apply pending database migrations (also done at start-up)
  import FILE.json --email EMAIL  import a JSON Resume (plain or clinical) into an account
  seed --demo [--fixtures DIR]    create a demo account for each example persona, with its record
       [--password PASSWORD]      (default: the example personas in test/fixtures/personas)
  admin --email EMAIL [--revoke]  make an account a platform admin (or stop it being one)
  export (--email EMAIL | --user ID) --out DIR
                                  write everything held about a clinician to DIR as the same
                                  ZIP the app gives them (logged as an access request)
  cv --resume FILE.json --job FILE.txt --out cv.pdf [--draft draft.json]
     [--template full|locum|uk-doctor|uk-nurse|uk-ahp|us-clinician]
     [--format pdf|docx] [--as-of YYYY-MM-DD]
                                  tailor a CV to a job without a server; prints a JSON summary
                                  (full: the layout the record and the job point to)
  analyse-job FILE [--json] [--resume FILE.json] [--as-of YYYY-MM-DD]
                                  what a job advert asks for (typed, essential or desirable);
                                  with a record, whether each is met, probably met, unmet,
                                  expired or expiring, and why (FILE may be - for stdin)
  parse-cv FILE [--json]          read a CV (PDF or DOCX) offline and print what importing it would
                                  add (--json: the draft as JSON Resume); nothing is saved
  check-cv FILE.pdf --server URL  check a CV PDF with the Medfolio that issued it; prints the answer
                                  as JSON (exit 0: authentic and not withdrawn, 1: not, 2: could not check)
  keys [--rotate]                 list the instance's signing keys, or retire the active one and make
                                  a new one (retired keys stay published, so what they signed still checks)
  redact [--json] [--name NAME]   redact personal data from stdin (--json: list the entities found)
  help, --help, -h                show this message (--help also works after a command)
`;

/** The commands commands.ts implements (it must implement each: see its `satisfies`). */
export const COMMAND_NAMES = ['migrate', 'import', 'seed', 'admin', 'export', 'cv', 'analyse-job', 'parse-cv', 'check-cv', 'keys', 'redact'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const isCommandName = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);
