// What the window knows of the newsroom: its settings, issues, sources, photos and
// templates, each loaded when a view first needs it and refreshed when the newsroom
// changes (here, in another window, or from the command line).

import type { Backend, Desk, Issue, IssueSummary, NewsroomInfo, Photo, Publication, Source, TemplateInUse } from '../api';
import { errorMessage } from '../format';

export class Newsroom {
  readonly backend: Backend;
  info = $state<NewsroomInfo>() as NewsroomInfo;
  issues = $state<IssueSummary[]>([]);
  issuesLoaded = $state(false);
  /** Null until the view that shows them asks for them. */
  deletedIssues = $state<IssueSummary[] | null>(null);
  sources = $state<Source[] | null>(null);
  photos = $state<Photo[] | null>(null);
  templates = $state<TemplateInUse[] | null>(null);
  /** The sentence the window shows over everything, until dismissed. */
  banner = $state<string | null>(null);
  /** The folder the last export went into, offered first by the next one. */
  exportFolder: string | null = null;

  constructor(backend: Backend, info: NewsroomInfo) {
    this.backend = backend;
    this.info = info;
  }

  get publication(): Publication {
    return this.info.publication;
  }

  /** Takes in what the window's start brought along (openDesk): the issues and the export folder. */
  start(desk: Desk): void {
    this.info = desk.info;
    this.issues = desk.issues;
    this.issuesLoaded = true;
    this.exportFolder = desk.exportFolder;
  }

  /**
   * Asks for a folder to export into, starting at the one chosen last time, and
   * remembers the choice for the next start; null when she cancels.
   */
  async chooseExportFolder(): Promise<string | null> {
    const chosen = await this.backend.chooseExportFolder(this.exportFolder);
    if (chosen === null) return null;
    this.exportFolder = chosen;
    // Forgetting the folder only costs a click next time.
    this.backend.setExportFolder(chosen).catch(() => {});
    return chosen;
  }

  /** Shows `message` in the banner. */
  alert(message: string): void {
    this.banner = message;
  }

  async loadIssues(): Promise<IssueSummary[] | null> {
    try {
      this.issues = await this.backend.listIssues();
      this.issuesLoaded = true;
      return this.issues;
    } catch (error) {
      this.alert(`The list of issues could not be loaded: ${errorMessage(error)}`);
      return null;
    }
  }

  async loadInfo(): Promise<void> {
    try {
      this.info = await this.backend.newsroomInfo();
    } catch (error) {
      this.alert(`The newsroom's settings could not be loaded: ${errorMessage(error)}`);
    }
  }

  async loadDeletedIssues(): Promise<void> {
    this.deletedIssues = await this.backend.listDeletedIssues();
  }

  async loadSources(): Promise<void> {
    this.sources = await this.backend.listSources();
  }

  async loadPhotos(): Promise<void> {
    this.photos = await this.backend.listPhotos();
  }

  async loadTemplates(): Promise<void> {
    this.templates = await this.backend.listTemplates();
  }

  /**
   * Reloads what is loaded: after a change made elsewhere, or one that touched
   * several things at once (a source key renamed in every issue).
   */
  async refresh(): Promise<void> {
    const reloads: Promise<unknown>[] = [this.loadIssues(), this.loadInfo()];
    if (this.deletedIssues !== null) reloads.push(this.loadDeletedIssues());
    if (this.sources !== null) reloads.push(this.loadSources());
    if (this.photos !== null) reloads.push(this.loadPhotos());
    if (this.templates !== null) reloads.push(this.loadTemplates());
    const results = await Promise.allSettled(reloads);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) this.alert(`Part of the newsroom could not be reloaded: ${errorMessage(failed.reason)}`);
  }

  /** A new draft with the next number and date the cadence gives. */
  async createIssue(title: string): Promise<Issue> {
    const issue = await this.backend.createIssue(title);
    await Promise.all([this.loadIssues(), this.loadInfo()]);
    return issue;
  }

  /** Saves the publication settings (checked by the backend); the preview follows. */
  async saveSettings(publication: Publication): Promise<Publication> {
    const saved = await this.backend.updateSettings(publication);
    this.info = { ...this.info, publication: saved };
    // The next issue's date follows the cadence.
    void this.loadInfo();
    return saved;
  }

  /** Replaces one issue's line in the list (after a change of status or details). */
  updateSummary(issue: Issue): void {
    this.issues = this.issues.map((summary) =>
      summary.number === issue.number
        ? { ...summary, title: issue.title, date: issue.date, status: issue.status, version: issue.version, updatedAt: issue.updatedAt }
        : summary,
    );
  }
}
