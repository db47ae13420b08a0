// An in-memory newsroom behind the Backend interface, for Vitest: the UI's state
// modules and components are tested against it rather than against command names.
// It follows the rules the Rust core enforces where the UI depends on them (versions
// and conflicts, the status workflow, published issues read-only, key renames that
// rewrite citations, credits that need a creator), simply and deterministically.

import type {
  ArticlePhoto,
  BundleImport,
  TextImport,
  ArticleSummary,
  Backend,
  Desk,
  DiffLine,
  Edit,
  ErrorCode,
  FileKind,
  Finding,
  Format,
  ImportProgress,
  Issue,
  IssueDetails,
  IssueStatus,
  IssueSummary,
  NewPhoto,
  NewsroomInfo,
  Outline,
  OutlineArticle,
  PageStart,
  Photo,
  PhotoUse,
  Place,
  Publication,
  Recovered,
  Revision,
  RevisionReason,
  RevisionSummary,
  SaveOutcome,
  Source,
  SourceUse,
  SourcesImportReport,
  TemplateInUse,
  TestEmailSent,
  TypedChange,
  TypedThrough,
} from '../api';
import { ApiError, isExternalLink } from '../api/errors';

const NEXT: Partial<Record<IssueStatus, IssueStatus>> = { draft: 'in_review', in_review: 'ready', ready: 'published' };
const CITATION = /\[@([A-Za-z0-9_-]+)(,[^\]\s]+|, [^\]\s]+)?\]/g;

interface StoredIssue extends Issue {
  deleted: boolean;
  photos: Map<number, { key: string; cropped: boolean }>;
}

export interface FakeNewsroom {
  publication?: Partial<Publication>;
  /** The issue open when the app last ended; the newest when absent. */
  lastOpen?: number;
  /** Where the editor was in each issue. */
  places?: Record<number, Place>;
  /** The folder the last export went into. */
  exportFolder?: string;
  /** What the keystroke journal put back at start. */
  recovered?: Recovered[];
  issues?: Issue[];
  sources?: Source[];
  photos?: Photo[];
  templates?: TemplateInUse[];
}

function fail(code: ErrorCode, message: string, subject: string | null = null): never {
  throw new ApiError(code, message, subject);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

export const DEFAULT_PUBLICATION: Publication = {
  name: 'Newsflash',
  tagline: 'Stay updated with our bi-weekly Newsflash!',
  language: 'en',
  cadenceDays: 14,
  webBaseUrl: '',
  mailingTool: 'other',
  unsubscribeUrl: '{{ unsubscribe_url }}',
  unsubscribeAddress: '',
  senderName: '',
  senderEmail: '',
  utmSource: '',
  utmMedium: '',
  utmCampaign: '',
  accentColour: '#8a3324',
  smtpHost: '',
  smtpPort: null,
  smtpSecurity: 'starttls',
  smtpUser: '',
  testRecipient: '',
};

export function fakeIssue(number: number, status: IssueStatus = 'draft', body?: string): Issue {
  return {
    number,
    status,
    date: `2022-03-${String(number).padStart(2, '0')}`,
    title: `Story ${number}`,
    preheader: '',
    body: body ?? `# Story ${number}\n\nBody of ${number}.\n`,
    updatedAt: '2022-03-01T09:00:00Z',
    version: 1,
  };
}

export function fakeSource(key: string, name: string, extra: Partial<Source> = {}): Source {
  return { key, name, fullName: '', homepage: '', kind: '', notes: '', aliases: [], needsReview: false, ...extra };
}

export function fakePhoto(key: string, extra: Partial<Photo> = {}): Photo {
  return {
    key,
    file: `${'a'.repeat(64)}.jpg`,
    sha256: 'a'.repeat(64),
    mediaType: 'image/jpeg',
    width: 1200,
    height: 675,
    alt: 'Ash over the sea',
    caption: '',
    title: 'Ash cloud',
    creator: 'NASA Earth Observatory',
    sourceName: 'Flickr',
    sourceUrl: '',
    licence: 'CC-BY-2.0',
    permission: '',
    ...extra,
  };
}

/** `text` with `edits` (positions in `text`, in order, not overlapping) applied. */
export function applyEdits(text: string, edits: Edit[]): string {
  let result = text;
  for (const edit of [...edits].reverse()) result = result.slice(0, edit.from) + edit.insert + result.slice(edit.to);
  return result;
}

/** Lines of `old` and `new`, marked as in both or one (a plain LCS). */
function diff(old: string, now: string): DiffLine[] {
  const a = old.split('\n');
  const b = now.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ change: 'same', text: a[i]!, oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      lines.push({ change: 'added', text: b[j]!, oldLine: null, newLine: j + 1 });
      j++;
    } else {
      lines.push({ change: 'removed', text: a[i]!, oldLine: i + 1, newLine: null });
      i++;
    }
  }
  return lines;
}

export class FakeBackend implements Backend {
  publication: Publication;
  readonly issues = new Map<number, StoredIssue>();
  sources: Source[];
  photos: Photo[];
  templates: TemplateInUse[];
  revisions: Revision[] = [];
  #nextRevision = 1;
  #clock = 0;

  /** Every call, in order: the method's name and its arguments. */
  readonly calls: Array<{ name: string; args: unknown[] }> = [];
  /** Failures to give instead of an answer, by method name (used once each unless `sticky`). */
  readonly failures = new Map<string, { error: ApiError; sticky: boolean }>();

  // What the dialogs answer next.
  exportFolder: string | null = '/home/editor/out';
  filesToOpen: string[] = [];
  saveFile: string | null = '/home/editor/sources.csv';
  confirmAnswer = true;
  readonly confirmations: string[] = [];
  readonly openedLinks: string[] = [];
  /** Files (by path) the fake can read: CSV text for imports. */
  readonly files = new Map<string, string>();
  /** The SMTP password the fake mail server accepts. */
  smtpPassword = 'secret';
  rememberedPassword: string | null = null;
  templatesOpened = 0;
  /** How long each imported row takes, to see the progress. */
  importRowMs = 0;

  // The desk: the keystroke journal, places and what is remembered for the next start.
  /** Each issue's typing session: its base (text and last change a save covered) and changes since. */
  readonly journal = new Map<number, { session: number; baseVersion: number; baseSeq: number; changes: TypedChange[] }>();
  readonly places = new Map<number, Place>();
  lastOpen: number | null;
  rememberedExportFolder: string | null;
  /** The screen the window kept last, and with which issue open. */
  firstScreen: { number: number; screen: string } | null = null;
  recovered: Recovered[];
  /** How often the window said it finished saving after the app asked it to. */
  flushes = 0;

  #changed: Array<() => void> = [];
  #close: Array<() => Promise<void>> = [];
  #dropped: Array<(paths: string[]) => void> = [];
  #flush: Array<() => void> = [];
  #menu: Array<(id: string) => void> = [];
  /** What the system clipboard holds (null: the system refuses to read it). */
  clipboard: string | null = '';

  constructor(newsroom: FakeNewsroom = {}) {
    this.publication = { ...DEFAULT_PUBLICATION, ...newsroom.publication };
    this.lastOpen = newsroom.lastOpen ?? null;
    for (const [number, place] of Object.entries(newsroom.places ?? {})) this.places.set(Number(number), place);
    this.rememberedExportFolder = newsroom.exportFolder ?? null;
    this.recovered = clone(newsroom.recovered ?? []);
    for (const issue of newsroom.issues ?? [fakeIssue(2, 'draft'), fakeIssue(1, 'published')]) {
      this.issues.set(issue.number, { ...clone(issue), deleted: false, photos: new Map() });
      this.#keep(issue.number, 'import', '');
    }
    this.sources = clone(newsroom.sources ?? [fakeSource('reuters', 'Reuters')]);
    this.photos = clone(newsroom.photos ?? []);
    this.templates = clone(
      newsroom.templates ??
        ['web.html', 'email.mjml', 'text.txt', 'archive.html', 'feed.xml'].map((name) => ({
          name,
          overriddenBy: null,
          problem: null,
        })),
    );
  }

  // --- Test controls -------------------------------------------------------------

  /** Makes the next call of `name` (or every call, if sticky) reject with this. */
  failNext(name: string, code: ErrorCode, message: string, sticky = false): void {
    this.failures.set(name, { error: new ApiError(code, message), sticky });
  }

  /** Another window or the command line changed the newsroom. */
  emitChanged(): void {
    for (const handler of this.#changed) handler();
  }

  /** The editor closes the window; resolves to whether it closed. */
  async requestClose(): Promise<boolean> {
    try {
      for (const handler of this.#close) await handler();
      return true;
    } catch {
      return false;
    }
  }

  /** The app is asked to end (SIGTERM, SIGINT): the window saves, then calls flushed. */
  requestFlush(): void {
    for (const handler of this.#flush) handler();
  }

  /**
   * Issue `number`'s text as the keystroke journal would give it back after a
   * crash: the text saved, with the changes no save covered applied in order (up to
   * the first that does not fit, as the core stops there).
   */
  journalText(number: number): string {
    let text = this.#issue(number).body;
    const journal = this.journal.get(number);
    if (journal === undefined) return text;
    let expected = journal.baseSeq + 1;
    for (const change of journal.changes) {
      if (change.seq !== expected || change.length !== text.length) break;
      text = applyEdits(text, change.edits);
      expected += 1;
    }
    return text;
  }

  dropFiles(paths: string[]): void {
    for (const handler of this.#dropped) handler(paths);
  }

  /** The editor chose command `id` in the menu bar. */
  chooseMenuCommand(id: string): void {
    for (const handler of this.#menu) handler(id);
  }

  callsOf(name: string): unknown[][] {
    return this.calls.filter((call) => call.name === name).map((call) => call.args);
  }

  #record(name: string, args: unknown[]): void {
    this.calls.push({ name, args });
    const failure = this.failures.get(name);
    if (failure !== undefined) {
      if (!failure.sticky) this.failures.delete(name);
      throw failure.error;
    }
  }

  async #answer<T>(name: string, args: unknown[], work: () => T): Promise<T> {
    await Promise.resolve();
    this.#record(name, args);
    return clone(work());
  }

  #now(): string {
    this.#clock += 1;
    return new Date(Date.UTC(2022, 2, 1, 10, 0, this.#clock)).toISOString().replace('.000Z', 'Z');
  }

  #issue(number: number): StoredIssue {
    const issue = this.issues.get(number);
    if (issue === undefined || issue.deleted) fail('not_found', `There is no issue #${number} in this newsroom.`);
    return issue;
  }

  #writable(number: number): StoredIssue {
    const issue = this.#issue(number);
    if (issue.status === 'published') {
      fail('issue_published', `Issue #${number} is published; correct it first to change it.`);
    }
    return issue;
  }

  #keep(number: number, reason: RevisionReason, note: string): number {
    const issue = this.issues.get(number)!;
    const id = this.#nextRevision++;
    this.revisions.unshift({
      id,
      issueNumber: number,
      createdAt: this.#now(),
      reason,
      note,
      date: issue.date,
      title: issue.title,
      preheader: issue.preheader,
      status: issue.status,
      body: issue.body,
    });
    return id;
  }

  #summary(issue: StoredIssue): IssueSummary {
    const { number, date, title, status, version, updatedAt } = issue;
    return { number, date, title, status, version, updatedAt, slug: `${String(number).padStart(3, '0')}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` };
  }

  #plain(issue: StoredIssue): Issue {
    const { number, date, title, preheader, status, body, updatedAt, version } = issue;
    return { number, date, title, preheader, status, body, updatedAt, version };
  }

  #nextNumber(): number {
    return Math.max(0, ...this.issues.keys()) + 1;
  }

  #nextDate(): string {
    const latest = [...this.issues.values()].sort((a, b) => b.number - a.number)[0];
    const from = latest === undefined ? new Date(Date.UTC(2022, 0, 20)) : new Date(`${latest.date}T00:00:00Z`);
    from.setUTCDate(from.getUTCDate() + (this.publication.cadenceDays ?? 14));
    return from.toISOString().slice(0, 10);
  }

  #findings(number: number, body: string): Finding[] {
    const issue = this.#issue(number);
    const findings: Finding[] = [];
    body.split('\n').forEach((line, index) => {
      if (/\bTK\b/.test(line)) {
        findings.push({ severity: 'error', code: 'placeholder-left', article: 0, line: index + 1, message: 'A TK placeholder is left in the text; write what it stands for.', subject: null });
      }
      for (const match of line.matchAll(CITATION)) {
        const key = match[1]!.toLowerCase();
        if (!this.sources.some((source) => source.key === key)) {
          findings.push({ severity: 'error', code: 'unknown-source', article: 0, line: index + 1, message: `The source ${key} is not in the library.`, subject: key });
        }
      }
    });
    for (const [, chosen] of issue.photos) {
      const photo = this.photos.find((p) => p.key === chosen.key);
      if (photo !== undefined && photo.alt === '') {
        findings.push({ severity: 'error', code: 'photo-missing-alt', article: 0, line: null, message: `The photo ${photo.key} has no alt text.`, subject: photo.key });
      }
    }
    if (issue.preheader === '') {
      findings.push({ severity: 'warning', code: 'missing-preheader', article: null, line: null, message: 'The issue has no preheader; inboxes will show the first words of the text instead.', subject: null });
    }
    return findings;
  }

  #sourceUses(key: string): Array<{ issue: StoredIssue; count: number }> {
    const uses: Array<{ issue: StoredIssue; count: number }> = [];
    for (const issue of [...this.issues.values()].sort((a, b) => b.number - a.number)) {
      const count = [...issue.body.matchAll(CITATION)].filter((m) => m[1]!.toLowerCase() === key).length;
      if (count > 0) uses.push({ issue, count });
    }
    return uses;
  }

  #rename(from: string, to: string): void {
    for (const { issue } of this.#sourceUses(from)) {
      issue.body = issue.body.replace(CITATION, (mark, key: string, url: string | undefined) =>
        key.toLowerCase() === from ? `[@${to}${url ?? ''}]` : mark,
      );
      issue.version += 1;
      this.#keep(issue.number, 'edit', `citations of ${from} now name ${to}`);
    }
  }

  #checkSource(source: Source): Source {
    const key = source.key.trim();
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) {
      fail('invalid_input', `"${key}" is not a valid citation key; use lowercase letters, digits and dashes, like "reuters".`, key);
    }
    if (source.name.trim() === '') fail('invalid_input', `The source ${key} needs a name for readers.`, key);
    if (source.homepage !== '' && !/^https?:\/\//.test(source.homepage)) {
      fail('invalid_input', `"${source.homepage}" is not a web address; it must start with https://.`, key);
    }
    return { ...source, key, name: source.name.trim(), aliases: [...new Set(source.aliases)].sort() };
  }

  #checkPhoto(photo: NewPhoto): NewPhoto {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(photo.key)) {
      fail('invalid_input', `"${photo.key}" is not a valid photo key; use lowercase letters, digits and dashes, like "tonga-ash-cloud".`, photo.key);
    }
    const publicDomain = photo.licence === 'CC0-1.0' || photo.licence === 'public-domain';
    if (photo.licence === '') fail('invalid_input', `The photo ${photo.key} needs a licence.`, photo.key);
    if (!publicDomain && photo.creator.trim() === '') {
      fail('invalid_input', `The photo ${photo.key} is under ${photo.licence}, which requires naming its creator.`, photo.key);
    }
    return photo;
  }

  // --- The newsroom ----------------------------------------------------------------

  newsroomInfo(): Promise<NewsroomInfo> {
    return this.#answer('newsroomInfo', [], () => ({
      path: '/data/newsroom.db',
      publication: this.publication,
      nextIssueNumber: this.#nextNumber(),
      nextIssueDate: this.#nextDate(),
      assetsDir: '/data/newsroom-assets',
      templatesDir: '/data/newsroom-templates',
    }));
  }

  // --- The desk and the keystroke journal -------------------------------------------

  async openDesk(): Promise<Desk> {
    const info = await this.newsroomInfo();
    const issues = await this.listIssues();
    return this.#answer('openDesk', [], (): Desk => {
      const remembered = this.lastOpen === null ? undefined : this.issues.get(this.lastOpen);
      const chosen = remembered !== undefined && !remembered.deleted ? remembered.number : issues[0]?.number;
      const open = chosen === undefined ? null : this.#plain(this.#issue(chosen));
      return {
        info,
        issues,
        open,
        place: chosen === undefined ? null : (this.places.get(chosen) ?? null),
        exportFolder: this.rememberedExportFolder,
        recovered: this.recovered,
      };
    });
  }

  recordChange(number: number, change: TypedChange): Promise<null> {
    return this.#answer('recordChange', [number, change], () => {
      this.#issue(number);
      const journal = this.journal.get(number);
      if (journal !== undefined && journal.session > change.session) return null;
      if (journal === undefined || journal.session < change.session) {
        this.journal.set(number, { session: change.session, baseVersion: change.baseVersion, baseSeq: 0, changes: [clone(change)] });
      } else if (change.seq > journal.baseSeq && !journal.changes.some((kept) => kept.seq === change.seq)) {
        journal.changes.push(clone(change));
        journal.changes.sort((a, b) => a.seq - b.seq);
      }
      return null;
    });
  }

  saveTypedText(number: number, baseVersion: number, body: string, typed: TypedThrough | null): Promise<SaveOutcome> {
    return this.#answer('saveTypedText', [number, baseVersion, body, typed], (): SaveOutcome => {
      const outcome = this.#saveText(number, baseVersion, body);
      // What the save covers leaves the journal, in the same step as in the core.
      const journal = this.journal.get(number);
      if (outcome.outcome === 'saved' && typed !== null && journal !== undefined && journal.session === typed.session) {
        journal.baseSeq = Math.max(journal.baseSeq, typed.seq);
        journal.baseVersion = outcome.version;
        journal.changes = journal.changes.filter((change) => change.seq > journal.baseSeq);
      }
      return outcome;
    });
  }

  issueShown(number: number): Promise<null> {
    return this.#answer('issueShown', [number], () => {
      this.#issue(number);
      this.lastOpen = number;
      return null;
    });
  }

  setPlace(number: number, place: Place): Promise<null> {
    return this.#answer('setPlace', [number, place], () => {
      this.#issue(number);
      this.places.set(number, clone(place));
      return null;
    });
  }

  setExportFolder(folder: string): Promise<null> {
    return this.#answer('setExportFolder', [folder], () => {
      this.rememberedExportFolder = folder;
      return null;
    });
  }

  keepFirstScreen(number: number, screen: string): Promise<null> {
    return this.#answer('keepFirstScreen', [number, screen], () => {
      this.#issue(number);
      this.firstScreen = { number, screen };
      return null;
    });
  }

  flushed(): Promise<null> {
    return this.#answer('flushed', [], () => {
      this.flushes += 1;
      return null;
    });
  }

  editorShown(start: PageStart): Promise<null> {
    return this.#answer('editorShown', [start], () => null);
  }

  // --- Issues ----------------------------------------------------------------------

  listIssues(): Promise<IssueSummary[]> {
    return this.#answer('listIssues', [], () =>
      [...this.issues.values()].filter((i) => !i.deleted).sort((a, b) => b.number - a.number).map((i) => this.#summary(i)),
    );
  }

  listDeletedIssues(): Promise<IssueSummary[]> {
    return this.#answer('listDeletedIssues', [], () =>
      [...this.issues.values()].filter((i) => i.deleted).map((i) => this.#summary(i)),
    );
  }

  searchIssues(query: string, limit: number): Promise<IssueSummary[]> {
    return this.#answer('searchIssues', [query, limit], () =>
      [...this.issues.values()]
        .filter((i) => !i.deleted && `${i.title}\n${i.body}`.toLowerCase().includes(query.toLowerCase()))
        .slice(0, limit)
        .map((i) => this.#summary(i)),
    );
  }

  getIssue(number: number): Promise<Issue> {
    return this.#answer('getIssue', [number], () => this.#plain(this.#issue(number)));
  }

  issueArticles(number: number): Promise<ArticleSummary[]> {
    return this.#answer('issueArticles', [number], () => {
      const articles: ArticleSummary[] = [];
      this.#issue(number).body.split('\n').forEach((line, index) => {
        if (line.startsWith('# ')) articles.push({ position: articles.length, headline: line.slice(2).trim(), line: index + 1, citations: [] });
      });
      return articles;
    });
  }

  importPastedIssue(text: string): Promise<TextImport> {
    return this.#answer('importPastedIssue', [text], (): TextImport => {
      const lines = text.split('\n').map((line) => line.trim());
      const title = lines.find((line) => line !== '' && !/^stay updated/i.test(line)) ?? '';
      if (title === '') fail('invalid_input', 'The pasted text has no headline to make an issue of.');
      const named = (lines.find((line) => line.startsWith('Sources:')) ?? '')
        .slice('Sources:'.length)
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      const matchedSources: string[] = [];
      const newSources: string[] = [];
      for (const name of named) {
        const known = this.sources.find((s) => s.name.toLowerCase() === name.toLowerCase() || s.key === name.toLowerCase());
        if (known !== undefined) {
          matchedSources.push(known.key);
        } else {
          const key = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
          this.sources.push(fakeSource(key, name, { needsReview: true }));
          newSources.push(key);
        }
      }
      const number = this.#nextNumber();
      const body = [`# ${title}`, '', ...lines.slice(lines.indexOf(title) + 1).filter((line) => !line.startsWith('Sources:') && !line.startsWith('Photo:'))].join('\n');
      this.issues.set(number, {
        number,
        date: this.#nextDate(),
        title,
        preheader: '',
        status: 'draft',
        body,
        updatedAt: this.#now(),
        version: 1,
        deleted: false,
        photos: new Map(),
      });
      this.#keep(number, 'import', '');
      const credit = lines.find((line) => line.startsWith('Photo:'));
      return { number, matchedSources, newSources, photoCredit: credit === undefined ? null : credit.slice('Photo:'.length).trim() };
    });
  }

  outlineText(body: string): Promise<Outline> {
    // As core counts: # starts an article, ## a section, words split on white space
    // (citation marks left out), 230 words a minute.
    return this.#answer('outlineText', [body], (): Outline => {
      const minutes = (words: number) => (words === 0 ? 0 : Math.ceil(words / 230));
      const articles: OutlineArticle[] = [];
      body.split('\n').forEach((text, index) => {
        const words = text
          .replace(/^#+\s+/, '')
          .replace(/\[@[^\]]*\]/g, '')
          .split(/\s+/)
          .filter(Boolean).length;
        if (/^# /.test(text)) articles.push({ headline: text.slice(2).trim(), line: index + 1, words: 0, readingMinutes: 0, sections: [] });
        else if (/^## /.test(text)) articles.at(-1)?.sections.push({ heading: text.slice(3).trim(), line: index + 1, words: 0 });
        else if (articles.length === 0 && words > 0) articles.push({ headline: '', line: 1, words: 0, readingMinutes: 0, sections: [] });
        const article = articles.at(-1);
        if (article === undefined) return;
        article.words += words;
        article.readingMinutes = minutes(article.words);
        const section = article.sections.at(-1);
        if (section !== undefined) section.words += words;
      });
      const words = articles.reduce((sum, article) => sum + article.words, 0);
      return { articles, words, readingMinutes: minutes(words) };
    });
  }

  createIssue(title: string): Promise<Issue> {
    return this.#answer('createIssue', [title], () => {
      const number = this.#nextNumber();
      const issue: StoredIssue = {
        number,
        date: this.#nextDate(),
        title: title.trim() || `Issue ${number}`,
        preheader: '',
        status: 'draft',
        body: `# ${title.trim() || `Issue ${number}`}\n\n`,
        updatedAt: this.#now(),
        version: 1,
        deleted: false,
        photos: new Map(),
      };
      this.issues.set(number, issue);
      this.#keep(number, 'import', '');
      return this.#plain(issue);
    });
  }

  saveIssueText(number: number, baseVersion: number, body: string): Promise<SaveOutcome> {
    return this.#answer('saveIssueText', [number, baseVersion, body], () => this.#saveText(number, baseVersion, body));
  }

  #saveText(number: number, baseVersion: number, body: string): SaveOutcome {
    const issue = this.#writable(number);
    if (issue.version !== baseVersion) {
      const kept = this.#nextRevision;
      this.revisions.unshift({ ...this.#plain(issue), id: this.#nextRevision++, issueNumber: number, createdAt: this.#now(), reason: 'conflict', note: '', body });
      return { outcome: 'conflict', current: this.#plain(issue), keptRevision: kept };
    }
    issue.body = body;
    issue.version += 1;
    issue.updatedAt = this.#now();
    const latest = this.revisions.find((r) => r.issueNumber === number);
    if (latest?.reason === 'edit') latest.body = body;
    else this.#keep(number, 'edit', '');
    return { outcome: 'saved', number, version: issue.version, savedAt: issue.updatedAt };
  }

  saveIssueDetails(number: number, baseVersion: number, details: IssueDetails): Promise<SaveOutcome> {
    return this.#answer('saveIssueDetails', [number, baseVersion, details], (): SaveOutcome => {
      const issue = this.#writable(number);
      if (details.title.trim() === '') fail('invalid_input', `Issue #${number} needs a title.`, 'title');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(details.date)) fail('invalid_input', `"${details.date}" is not a date; write it as YYYY-MM-DD.`, 'date');
      if (issue.version !== baseVersion) {
        return { outcome: 'conflict', current: this.#plain(issue), keptRevision: this.#keep(number, 'conflict', '') };
      }
      Object.assign(issue, { date: details.date, title: details.title.trim(), preheader: details.preheader.trim() });
      issue.version += 1;
      issue.updatedAt = this.#now();
      return { outcome: 'saved', number, version: issue.version, savedAt: issue.updatedAt };
    });
  }

  setIssueStatus(number: number, status: IssueStatus, reason: string | null): Promise<Issue> {
    return this.#answer('setIssueStatus', [number, status, reason], () => {
      const issue = this.#issue(number);
      const from = issue.status;
      if (status === 'draft' && from !== 'draft') {
        if ((reason ?? '').trim() === '') fail('invalid_input', `Say why issue #${number} goes back to draft.`);
      } else if (NEXT[from] !== status) {
        fail('invalid_input', `Issue #${number} cannot go from ${from} to ${status}: one step at a time.`);
      }
      if (status === 'ready' || status === 'published') {
        const errors = this.#findings(number, issue.body).filter((f) => f.severity === 'error');
        if (errors.length > 0) {
          fail('preflight_failed', `Issue #${number} cannot be ${status === 'ready' ? 'ready' : 'published'}: the preflight found ${errors.length} error${errors.length === 1 ? '' : 's'}.`);
        }
      }
      issue.status = status;
      issue.version += 1;
      this.#keep(number, from === 'published' ? 'correction' : 'status', (reason ?? '').trim());
      return this.#plain(issue);
    });
  }

  deleteIssue(number: number): Promise<null> {
    return this.#answer('deleteIssue', [number], () => {
      this.#issue(number);
      this.#keep(number, 'delete', '');
      this.issues.get(number)!.deleted = true;
      return null;
    });
  }

  undeleteIssue(number: number): Promise<Issue> {
    return this.#answer('undeleteIssue', [number], () => {
      const issue = this.issues.get(number);
      if (issue === undefined || !issue.deleted) fail('not_found', `There is no deleted issue #${number}.`);
      issue.deleted = false;
      return this.#plain(issue);
    });
  }

  importIssueFile(path: string): Promise<number> {
    return this.#answer('importIssueFile', [path], () => {
      const text = this.files.get(path) ?? fail('file', `The file ${path} could not be read: it does not exist.`);
      const match = /^\+\+\+\n([\s\S]*?)\n\+\+\+\n([\s\S]*)$/.exec(text) ?? fail('invalid_input', `${path} has no +++ front matter.`);
      const field = (name: string) => new RegExp(`^${name} = "?([^"\n]*)"?$`, 'm').exec(match[1]!)?.[1] ?? '';
      const number = Number(field('number')) || this.#nextNumber();
      if (this.issues.has(number)) fail('invalid_input', `${path}: issue #${number} is already in this newsroom.`);
      this.issues.set(number, { ...fakeIssue(number, 'draft', match[2]), title: field('title'), date: field('date') || this.#nextDate(), deleted: false, photos: new Map() });
      this.#keep(number, 'import', '');
      return number;
    });
  }

  importPastedText(path: string): Promise<TextImport> {
    return this.#answer('importPastedText', [path], () => {
      const text = this.files.get(path) ?? fail('file', `The file ${path} could not be read: it does not exist.`);
      const number = this.#nextNumber();
      const lines = text.trim().split('\n');
      const names = (lines.find((line) => line.startsWith('Sources:')) ?? '').replace('Sources:', '').split(',').map((n) => n.trim()).filter(Boolean);
      const matched: string[] = [];
      const made: string[] = [];
      for (const name of names) {
        const known = this.sources.find((s) => s.name.toLowerCase() === name.toLowerCase());
        if (known) matched.push(known.key);
        else {
          const key = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
          this.sources.push(fakeSource(key, name, { needsReview: true }));
          made.push(key);
        }
      }
      this.issues.set(number, { ...fakeIssue(number, 'draft', `# ${lines[1] ?? ''}\n\n${lines.slice(2).join('\n')}\n`), title: lines[1] ?? '', deleted: false, photos: new Map() });
      this.#keep(number, 'import', '');
      const photo = lines.find((line) => line.startsWith('Photo:'));
      return { number, matchedSources: matched, newSources: made, photoCredit: photo === undefined ? null : photo.slice(6).trim() };
    });
  }

  exportBundle(number: number, folder: string): Promise<string[]> {
    return this.#answer('exportBundle', [number, folder], () => {
      const slug = this.#summary(this.#issue(number)).slug;
      return [`${folder}/${slug}.md`, `${folder}/sources.csv`, `${folder}/photos.toml`];
    });
  }

  importBundle(folder: string, updateSources: boolean): Promise<BundleImport> {
    return this.#answer('importBundle', [folder, updateSources], () => {
      const text = this.files.get(`${folder}/issue.md`) ?? fail('invalid_input', `${folder} is not a bundle: it has no issue file.`);
      this.files.set(`${folder}/.imported.md`, text);
      const number = this.#nextNumber();
      this.issues.set(number, { ...fakeIssue(number, 'draft', text), deleted: false, photos: new Map() });
      return { number, sourcesAdded: 1, sourcesUpdated: updateSources ? 1 : 0, sourcesDiffering: updateSources ? [] : [{ key: 'bbc', changes: [] }], photosAdded: 0 };
    });
  }

  exportArchive(folder: string, force: boolean): Promise<string[]> {
    return this.#answer('exportArchive', [folder, force], () => {
      const published = [...this.issues.values()].filter((i) => i.status === 'published' && !i.deleted);
      const failing = published.filter((i) => this.#findings(i.number, i.body).some((f) => f.severity === 'error'));
      if (failing.length > 0 && !force) fail('preflight_failed', `The preflight found errors in issue #${failing[0]!.number}.`);
      return [...published.map((i) => `${folder}/${this.#summary(i).slug}.html`), `${folder}/index.html`, `${folder}/feed.xml`];
    });
  }

  // --- What readers receive ------------------------------------------------------

  renderIssue(number: number, format: Format, bodyText: string | null): Promise<string> {
    return this.#answer('renderIssue', [number, format, bodyText], () => {
      const issue = this.#issue(number);
      const body = bodyText ?? issue.body;
      const p = this.publication;
      if (format === 'text') return `${p.name}\n\n${body}\n-- \n${p.senderName}`;
      const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      return `<!doctype html><html><body><h1>${escape(p.name ?? '')}</h1><p class="tagline">${escape(p.tagline ?? '')}</p><pre>${escape(body)}</pre><p class="sender">${escape(p.senderName ?? '')}</p>${format === 'email' ? '<a href="{{ unsubscribe_url }}">Unsubscribe</a>' : ''}</body></html>`;
    });
  }

  preflightIssue(number: number, bodyText: string | null): Promise<Finding[]> {
    return this.#answer('preflightIssue', [number, bodyText], () =>
      this.#findings(number, bodyText ?? this.#issue(number).body),
    );
  }

  exportIssue(number: number, formats: Format[], folder: string, force: boolean): Promise<string[]> {
    return this.#answer('exportIssue', [number, formats, folder, force], () => {
      const issue = this.#issue(number);
      const errors = this.#findings(number, issue.body).filter((f) => f.severity === 'error');
      if (errors.length > 0 && !force) {
        fail('preflight_failed', `The preflight found ${errors.length} error${errors.length === 1 ? '' : 's'} in issue #${number}.`);
      }
      this.#keep(number, 'export', folder);
      return formats.map((format) => `${folder}/${this.#summary(issue).slug}.${format}`);
    });
  }

  sendTestEmail(number: number, to: string, password: string | null, remember: boolean): Promise<TestEmailSent> {
    return this.#answer('sendTestEmail', [number, to, password, remember], () => {
      this.#issue(number);
      const p = this.publication;
      if (!p.smtpHost) fail('setting_missing', 'No mail server is set: fill in the SMTP host in the settings first.', 'smtpHost');
      const recipient = to.trim() || p.testRecipient || '';
      if (recipient === '') fail('setting_missing', 'Say where the test email goes: fill in the test recipient in the settings, or type an address.', 'testRecipient');
      if (!recipient.includes('@')) fail('invalid_input', `"${recipient}" is not an email address.`);
      const given = password ?? this.rememberedPassword;
      if (given === null) fail('password_required', `The mail server ${p.smtpHost} needs the password of ${p.smtpUser}.`);
      if (given !== this.smtpPassword) {
        if (password === null) this.rememberedPassword = null;
        fail('login_refused', `The mail server ${p.smtpHost} refused the login of ${p.smtpUser}: the password or the user name is wrong.`);
      }
      if (recipient.endsWith('@nowhere.invalid')) fail('send_failed', `The mail server ${p.smtpHost} refused the recipient ${recipient}.`);
      if (remember && password !== null) this.rememberedPassword = password;
      return { to: recipient, host: p.smtpHost, messageId: `<issue-${number}@newsflash>`, reply: '250 2.0.0 Ok: queued as 4F2A' };
    });
  }

  // --- Sources -----------------------------------------------------------------

  listSources(): Promise<Source[]> {
    return this.#answer('listSources', [], () => [...this.sources].sort((a, b) => a.key.localeCompare(b.key)));
  }

  searchSources(query: string, limit: number): Promise<Source[]> {
    return this.#answer('searchSources', [query, limit], () => {
      const words = query.toLowerCase().split(/\W+/).filter(Boolean);
      return this.sources
        .filter((s) => {
          const text = [s.key, s.name, s.fullName, s.notes, ...s.aliases].join(' ').toLowerCase();
          return words.every((word) => text.split(/\W+/).some((part) => part.startsWith(word)));
        })
        .slice(0, limit);
    });
  }

  getSource(key: string): Promise<Source | null> {
    return this.#answer('getSource', [key], () => this.sources.find((s) => s.key === key) ?? null);
  }

  addSource(source: Source): Promise<Source> {
    return this.#answer('addSource', [source], () => {
      const checked = this.#checkSource(source);
      if (this.sources.some((s) => s.key === checked.key)) fail('invalid_input', `There is already a source with the key ${checked.key}.`, checked.key);
      this.sources.push(checked);
      return checked;
    });
  }

  updateSource(key: string, source: Source): Promise<Source> {
    return this.#answer('updateSource', [key, source], () => {
      const index = this.sources.findIndex((s) => s.key === key);
      if (index < 0) fail('not_found', `There is no source with the key ${key} in this newsroom.`, key);
      const checked = this.#checkSource(source);
      if (checked.key !== key && this.sources.some((s) => s.key === checked.key)) {
        fail('invalid_input', `There is already a source with the key ${checked.key}.`, checked.key);
      }
      this.sources[index] = checked;
      if (checked.key !== key) this.#rename(key, checked.key);
      return checked;
    });
  }

  sourceUses(key: string): Promise<SourceUse[]> {
    return this.#answer('sourceUses', [key], () =>
      this.#sourceUses(key).map(({ issue, count }) => ({ number: issue.number, title: issue.title, citations: count, deleted: issue.deleted })),
    );
  }

  mergeSources(from: string, into: string): Promise<Source> {
    return this.#answer('mergeSources', [from, into], () => {
      if (from === into) fail('invalid_input', 'A source cannot be merged into itself; choose the other source of the two.', from);
      const duplicate = this.sources.find((s) => s.key === from) ?? fail('not_found', `There is no source with the key ${from} in this newsroom.`, from);
      const kept = this.sources.find((s) => s.key === into) ?? fail('not_found', `There is no source with the key ${into} in this newsroom.`, into);
      const names = [kept.name, kept.fullName, ...kept.aliases].map((n) => n.toLowerCase());
      for (const name of [duplicate.name, duplicate.fullName, ...duplicate.aliases]) {
        if (name !== '' && !names.includes(name.toLowerCase())) kept.aliases.push(name);
      }
      kept.aliases.sort();
      this.#rename(from, into);
      this.sources = this.sources.filter((s) => s.key !== from);
      return kept;
    });
  }

  removeSource(key: string): Promise<null> {
    return this.#answer('removeSource', [key], () => {
      if (!this.sources.some((s) => s.key === key)) fail('not_found', `There is no source with the key ${key} in this newsroom.`, key);
      this.sources = this.sources.filter((s) => s.key !== key);
      return null;
    });
  }

  async importSourcesCsv(path: string, onProgress: (progress: ImportProgress) => void): Promise<SourcesImportReport> {
    await Promise.resolve();
    this.#record('importSourcesCsv', [path]);
    const text = this.files.get(path) ?? fail('file', `The file ${path} could not be read: it does not exist.`);
    const rows = text.trim().split('\n').slice(1);
    const problems: string[] = [];
    const parsed: Source[] = [];
    rows.forEach((row, index) => {
      const [key = '', name = '', fullName = '', homepage = '', kind = '', notes = ''] = row.split(',');
      if (!/^[a-z0-9-]+$/.test(key)) problems.push(`line ${index + 2}: "${key}" is not a valid citation key`);
      else if (name === '') problems.push(`line ${index + 2}: the source ${key} has no name`);
      else parsed.push(fakeSource(key, name, { fullName, homepage, kind, notes }));
    });
    const file = path.split('/').at(-1) ?? path;
    if (problems.length > 0) {
      fail('invalid_input', `Nothing was imported from ${file} because of ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`);
    }
    const report = { added: 0, updated: 0, unchanged: 0 };
    onProgress({ done: 0, total: parsed.length });
    for (const [index, source] of parsed.entries()) {
      const known = this.sources.findIndex((s) => s.key === source.key);
      if (known < 0) {
        this.sources.push(source);
        report.added++;
      } else if (JSON.stringify(this.sources[known]) === JSON.stringify({ ...source, aliases: this.sources[known]!.aliases })) {
        report.unchanged++;
      } else {
        this.sources[known] = { ...source, aliases: this.sources[known]!.aliases };
        report.updated++;
      }
      onProgress({ done: index + 1, total: parsed.length });
      if (this.importRowMs > 0) await new Promise((resolve) => setTimeout(resolve, this.importRowMs));
    }
    return report;
  }

  exportSourcesCsv(path: string): Promise<number> {
    return this.#answer('exportSourcesCsv', [path], () => {
      this.files.set(path, ['key,name,full_name,homepage,kind,notes', ...this.sources.map((s) => [s.key, s.name, s.fullName, s.homepage, s.kind, s.notes].join(','))].join('\n'));
      return this.sources.length;
    });
  }

  // --- Photos -------------------------------------------------------------------

  listPhotos(): Promise<Photo[]> {
    return this.#answer('listPhotos', [], () => [...this.photos].sort((a, b) => a.key.localeCompare(b.key)));
  }

  addPhoto(path: string, photo: NewPhoto): Promise<Photo> {
    return this.#answer('addPhoto', [path, photo], () => {
      const checked = this.#checkPhoto(photo);
      if (this.photos.some((p) => p.key === checked.key)) fail('invalid_input', `There is already a photo with the key ${checked.key}.`, checked.key);
      if (!/\.(jpe?g|png|webp|gif)$/i.test(path)) fail('invalid_input', `${path} is not a JPEG, PNG, WebP or GIF image.`);
      const added = fakePhoto(checked.key, { ...checked, file: `${String(this.photos.length).padStart(64, 'b')}.jpg` });
      this.photos.push(added);
      return added;
    });
  }

  /** The bytes of each pasted image added, by key. */
  pastedPhotoBytes = new Map<string, number[]>();

  addPastedPhoto(bytes: number[], photo: NewPhoto): Promise<Photo> {
    return this.#answer('addPastedPhoto', [bytes, photo], () => {
      const checked = this.#checkPhoto(photo);
      if (this.photos.some((p) => p.key === checked.key)) fail('invalid_input', `There is already a photo with the key ${checked.key}.`, checked.key);
      const isImage = [[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46], [0x52, 0x49, 0x46, 0x46]].some((magic) =>
        magic.every((byte, index) => bytes[index] === byte),
      );
      if (!isImage) fail('invalid_input', 'The file pasted from the clipboard is not a JPEG, PNG, WebP or GIF image.');
      const added = fakePhoto(checked.key, { ...checked, file: `${String(this.photos.length).padStart(64, 'c')}.png` });
      this.photos.push(added);
      this.pastedPhotoBytes.set(added.key, bytes);
      return added;
    });
  }

  updatePhoto(photo: NewPhoto): Promise<Photo> {
    return this.#answer('updatePhoto', [photo], () => {
      const index = this.photos.findIndex((p) => p.key === photo.key);
      if (index < 0) fail('not_found', `There is no photo with the key ${photo.key} in this newsroom.`, photo.key);
      this.photos[index] = { ...this.photos[index]!, ...this.#checkPhoto(photo) };
      return this.photos[index]!;
    });
  }

  photoCredit(photo: NewPhoto): Promise<string> {
    return this.#answer('photoCredit', [photo], () => {
      const licence = photo.licence.replace(/-/g, ' ').replace(/ (\d)/, ' $1');
      const by = photo.title ? `“${photo.title}” by ${photo.creator}` : `Photo: ${photo.creator}`;
      return [by, photo.sourceName ? `via ${photo.sourceName}` : '', licence].filter(Boolean).join(', ');
    });
  }

  photoUses(key: string): Promise<PhotoUse[]> {
    return this.#answer('photoUses', [key], () => {
      if (!this.photos.some((p) => p.key === key)) fail('not_found', `There is no photo with the key ${key} in this newsroom.`, key);
      const uses: PhotoUse[] = [];
      for (const issue of this.issues.values()) {
        for (const [position, chosen] of issue.photos) {
          if (chosen.key === key) uses.push({ number: issue.number, title: issue.title, position, headline: issue.title, deleted: issue.deleted });
        }
      }
      return uses;
    });
  }

  issuePhotos(number: number): Promise<ArticlePhoto[]> {
    return this.#answer('issuePhotos', [number], () =>
      [...this.#issue(number).photos].map(([position, chosen]) => ({
        position,
        cropped: chosen.cropped,
        photo: this.photos.find((p) => p.key === chosen.key)!,
      })),
    );
  }

  setArticlePhoto(number: number, position: number, photoKey: string | null, cropped: boolean): Promise<number> {
    return this.#answer('setArticlePhoto', [number, position, photoKey, cropped], () => {
      const issue = this.#writable(number);
      if (photoKey === null) issue.photos.delete(position);
      else {
        if (!this.photos.some((p) => p.key === photoKey)) fail('not_found', `There is no photo with the key ${photoKey} in this newsroom.`, photoKey);
        issue.photos.set(position, { key: photoKey, cropped });
      }
      issue.version += 1;
      return issue.version;
    });
  }

  // --- Revisions ----------------------------------------------------------------

  listRevisions(number: number): Promise<RevisionSummary[]> {
    return this.#answer('listRevisions', [number], () => {
      this.#issue(number);
      return this.revisions
        .filter((r) => r.issueNumber === number)
        .map(({ id, createdAt, reason, note, title, status, body }) => ({ id, createdAt, reason, note, title, status, size: body.length }));
    });
  }

  getRevision(id: number): Promise<Revision> {
    return this.#answer('getRevision', [id], () => this.revisions.find((r) => r.id === id) ?? fail('not_found', `There is no revision ${id}.`));
  }

  revisionDiff(id: number): Promise<DiffLine[]> {
    return this.#answer('revisionDiff', [id], () => {
      const revision = this.revisions.find((r) => r.id === id) ?? fail('not_found', `There is no revision ${id}.`);
      return diff(revision.body, this.#issue(revision.issueNumber).body);
    });
  }

  restoreRevision(number: number, id: number): Promise<Issue> {
    return this.#answer('restoreRevision', [number, id], () => {
      const issue = this.#writable(number);
      const revision = this.revisions.find((r) => r.id === id) ?? fail('not_found', `There is no revision ${id}.`);
      if (revision.issueNumber !== number) fail('invalid_input', `Revision ${id} belongs to issue #${revision.issueNumber}, not #${number}.`);
      this.#keep(number, 'edit', '');
      Object.assign(issue, { title: revision.title, preheader: revision.preheader, body: revision.body });
      issue.version += 1;
      this.#keep(number, 'restore', `revision ${id}`);
      return this.#plain(issue);
    });
  }

  // --- Settings -----------------------------------------------------------------

  setSetting(key: string, value: string): Promise<Publication> {
    return this.#answer('setSetting', [key, value], () => {
      const next = { ...this.publication, [key]: value } as Publication;
      this.publication = this.#checkPublication(next);
      return this.publication;
    });
  }

  updateSettings(publication: Publication): Promise<Publication> {
    return this.#answer('updateSettings', [publication], () => {
      this.publication = this.#checkPublication({ ...this.publication, ...publication });
      return this.publication;
    });
  }

  #checkPublication(p: Publication): Publication {
    if (!/^#[0-9a-fA-F]{6}$/.test(p.accentColour ?? '')) {
      fail('invalid_setting', `The accent colour must be six hex digits after #, like #8a3324; "${p.accentColour}" is not.`, 'accentColour');
    }
    for (const key of ['senderEmail', 'testRecipient'] as const) {
      const value = p[key] ?? '';
      if (value !== '' && !/^[^@\s]+@[^@\s]+$/.test(value)) fail('invalid_setting', `"${value}" is not an email address.`, key);
    }
    if (p.webBaseUrl && !p.webBaseUrl.startsWith('https://')) {
      fail('invalid_setting', `The web address must start with https://; "${p.webBaseUrl}" does not.`, 'webBaseUrl');
    }
    if (!p.name?.trim()) fail('invalid_setting', 'The newsletter needs a name.', 'name');
    return p;
  }

  listTemplates(): Promise<TemplateInUse[]> {
    return this.#answer('listTemplates', [], () => this.templates);
  }

  openTemplatesFolder(): Promise<string> {
    return this.#answer('openTemplatesFolder', [], () => {
      this.templatesOpened++;
      return '/data/newsroom-templates';
    });
  }

  // --- Not commands -------------------------------------------------------------

  async chooseExportFolder(startIn: string | null): Promise<string | null> {
    this.#record('chooseExportFolder', [startIn]);
    return this.exportFolder;
  }

  async chooseFolder(title: string): Promise<string | null> {
    this.#record('chooseFolder', [title]);
    return this.exportFolder;
  }

  async chooseFiles(kind: FileKind, multiple: boolean): Promise<string[]> {
    this.#record('chooseFiles', [kind, multiple]);
    return [...this.filesToOpen];
  }

  async chooseSaveFile(kind: FileKind, suggestedName: string): Promise<string | null> {
    this.#record('chooseSaveFile', [kind, suggestedName]);
    return this.saveFile;
  }

  async confirm(message: string, title: string): Promise<boolean> {
    this.#record('confirm', [message, title]);
    this.confirmations.push(message);
    return this.confirmAnswer;
  }

  isExternalLink(href: string): boolean {
    return isExternalLink(href);
  }

  async openExternal(url: string): Promise<void> {
    this.#record('openExternal', [url]);
    if (!isExternalLink(url)) fail('invalid_input', 'Only web and email links can be opened.');
    this.openedLinks.push(url);
  }

  localPhotoUrl(assetsDir: string, file: string): string {
    return `asset://localhost${assetsDir}/${file}`;
  }

  async onNewsroomChanged(handler: () => void): Promise<() => void> {
    this.#changed.push(handler);
    return () => {
      this.#changed = this.#changed.filter((h) => h !== handler);
    };
  }

  async onCloseRequested(handler: () => Promise<void>): Promise<() => void> {
    this.#close.push(handler);
    return () => {
      this.#close = this.#close.filter((h) => h !== handler);
    };
  }

  async onFlushRequested(handler: () => void): Promise<() => void> {
    this.#flush.push(handler);
    return () => {
      this.#flush = this.#flush.filter((h) => h !== handler);
    };
  }

  async onFilesDropped(handler: (paths: string[]) => void): Promise<() => void> {
    this.#dropped.push(handler);
    return () => {
      this.#dropped = this.#dropped.filter((h) => h !== handler);
    };
  }

  async onMenuCommand(handler: (id: string) => void): Promise<() => void> {
    this.#menu.push(handler);
    return () => {
      this.#menu = this.#menu.filter((h) => h !== handler);
    };
  }

  async readClipboardText(): Promise<string> {
    this.#record('readClipboardText', []);
    if (this.clipboard === null) fail('internal', 'The system did not let the app read the clipboard; paste with Ctrl+V (⌘V on a Mac).');
    return this.clipboard;
  }
}
