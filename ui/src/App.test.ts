import { emit } from '@tauri-apps/api/event';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { EditorView } from '@codemirror/view';
import { describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import type { Issue, IssueSummary, NewsroomInfo } from './lib/api';

const info: NewsroomInfo = {
  path: '/data/newsroom.sqlite',
  publication: { name: 'Newsflash', tagline: 'Stay updated!', language: 'en', cadenceDays: 14, webBaseUrl: '', unsubscribeUrl: '{{ unsubscribe_url }}', senderName: '', senderEmail: '', utmSource: '', utmMedium: '', utmCampaign: '', accentColour: '#8a3324' },
  nextIssueNumber: 6, assetsDir: '/tmp/newsroom-assets', templatesDir: '/tmp/newsroom-templates',
  nextIssueDate: '2022-03-17',
};

function issue(number: number, status: Issue['status']): Issue {
  return {
    number,
    status,
    date: `2022-03-0${number}`,
    title: `Story ${number}`,
    preheader: '',
    body: `# Story ${number}\n\nBody of ${number}.\n`,
    updatedAt: '2022-03-01T09:00:00Z',
    version: 1,
  };
}

const issues = [issue(5, 'draft'), issue(4, 'published'), issue(3, 'in_review'), issue(2, 'published')];
const summaries: IssueSummary[] = issues.map(({ number, date, title, status, version, updatedAt }) => ({
  number,
  date,
  title,
  status,
  slug: `${number}`,
  version,
  updatedAt,
}));

type Handler = (args: Record<string, unknown>) => unknown;

/** The outline as core makes it: # articles, ## sections, words split on spaces. */
function outlineOf(body: string) {
  const articles: Array<{ headline: string; line: number; words: number; readingMinutes: number; sections: Array<{ heading: string; line: number; words: number }> }> = [];
  body.split('\n').forEach((text, index) => {
    const words = text.replace(/^#+ /, '').split(/\s+/).filter(Boolean).length;
    if (text.startsWith('# ')) articles.push({ headline: text.slice(2), line: index + 1, words: 0, readingMinutes: 0, sections: [] });
    else if (text.startsWith('## ')) articles.at(-1)?.sections.push({ heading: text.slice(3), line: index + 1, words: 0 });
    const article = articles.at(-1);
    if (article) {
      article.words += words;
      const section = article.sections.at(-1);
      if (section) section.words += words;
      article.readingMinutes = Math.ceil(article.words / 230);
    }
  });
  const words = articles.reduce((sum, a) => sum + a.words, 0);
  return { articles, words, readingMinutes: Math.ceil(words / 230) };
}

/** A backend that answers like the real one, with `overrides` replacing some commands. */
function backend(overrides: Record<string, Handler> = {}) {
  const calls: Array<{ cmd: string; args: Record<string, unknown> }> = [];
  const handlers: Record<string, Handler> = {
    newsroom_info: () => info,
    list_issues: () => summaries,
    get_issue: ({ number }) => {
      const found = issues.find((i) => i.number === number);
      if (!found) throw { code: 'not_found', message: `There is no issue #${String(number)}.` };
      return found;
    },
    save_issue_text: ({ number, baseVersion }) => ({
      outcome: 'saved',
      number,
      version: Number(baseVersion) + 1,
      savedAt: '2022-03-01T10:00:00Z',
    }),
    // The window's start: the newest issue, as a newsroom with nothing remembered.
    open_desk: () => ({
      info: handlers['newsroom_info']!({}),
      issues: handlers['list_issues']!({}),
      open: handlers['get_issue']!({ number: 5 }),
      place: null,
      exportFolder: null,
      recovered: [],
    }),
    record_change: () => null,
    issue_shown: () => null,
    set_place: () => null,
    set_export_folder: () => null,
    flushed: () => null,
    render_issue: ({ bodyText }) => `<!doctype html><html><body><pre>${String(bodyText)}</pre></body></html>`,
    preflight_issue: ({ bodyText }) =>
      String(bodyText).includes('TK')
        ? [
            {
              severity: 'error',
              code: 'placeholder-left',
              article: 0,
              line: 3,
              message: 'A TK placeholder is left in the text; write what it stands for.',
              subject: null,
            },
          ]
        : [],
    outline_text: ({ body }) => outlineOf(String(body)),
    search_sources: () => [],
    get_source: () => null,
    'plugin:window|destroy': () => null,
    ...overrides,
  };
  mockWindows('main');
  mockIPC(
    (invoked, payload) => {
      let cmd = invoked;
      const args = (payload ?? {}) as Record<string, unknown>;
      // The window saves with save_typed_text, which also names the last change sent
      // to the keystroke journal (its own test below); elsewhere it is the save.
      if (cmd === 'save_typed_text') {
        const { typed: _typed, ...rest } = args;
        cmd = 'save_issue_text';
        calls.push({ cmd, args: rest });
      } else {
        calls.push({ cmd, args });
      }
      const handler = handlers[cmd];
      if (!handler) throw `command ${cmd} not found`;
      return handler(args);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

async function openedEditor(): Promise<EditorView> {
  const host = await screen.findByTestId('editor');
  const view = EditorView.findFromDOM(host.querySelector<HTMLElement>('.cm-editor')!);
  if (!view) throw new Error('no EditorView in the editor host');
  return view;
}

function type(view: EditorView, text: string) {
  view.dispatch({ changes: { from: view.state.doc.length, insert: text } });
}

describe('App', () => {
  it('lists the issues grouped by status and opens the newest', async () => {
    const calls = backend();
    render(App);

    const list = await screen.findByTestId('issue-list');
    expect((await within(list).findAllByRole('heading')).map((h) => h.textContent)).toEqual([
      'Draft',
      'In review',
      'Published',
    ]);
    const buttons = within(list).getAllByRole('button');
    expect(buttons.map((b) => b.dataset['testid'])).toEqual(['issue-5', 'issue-3', 'issue-4', 'issue-2']);
    expect(screen.getByTestId('issue-5').textContent).toContain('#5 Story 5');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Newsflash');
    expect(screen.getByText(/^Next issue #6 due /)).toBeTruthy();

    await waitFor(() => expect(screen.getByTestId('issue-5').getAttribute('aria-current')).toBe('true'));
    const view = await openedEditor();
    expect(view.state.doc.toString()).toBe(issues[0]!.body);
    // The start brings the issue with it: one call, no placeholder in between.
    expect(calls.filter((c) => c.cmd === 'get_issue')).toEqual([]);
    expect(calls.filter((c) => c.cmd === 'open_desk')).toHaveLength(1);
    expect(calls.find((c) => c.cmd === 'issue_shown')?.args).toEqual({ number: 5 });

    const preview = await screen.findByTestId('preview');
    expect(preview.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(preview.getAttribute('title')).toBe('Preview');
    await waitFor(() => expect(preview.getAttribute('srcdoc')).toContain('Body of 5.'));
    expect(screen.getByTestId('save-status').textContent).toBe('Saved');
  });

  it('runs the preflight on the text as it is typed', async () => {
    const calls = backend();
    render(App);
    const view = await openedEditor();
    await waitFor(() =>
      expect(screen.getByTestId('preflight-summary').textContent).toBe('Ready to export: nothing to fix'),
    );
    type(view, '\n\nTK: the minister\'s name.');
    await waitFor(() => expect(screen.getByTestId('preflight-summary').textContent).toBe('1 error'), {
      timeout: 3000,
    });
    screen.getByText('Preflight').closest('button')!.click();
    expect((await screen.findByText(/A TK placeholder is left/)).textContent).toContain('TK');
    screen.getByRole('button', { name: 'article 1, line 3' }).click();
    expect(view.state.selection.main.head).toBe(view.state.doc.line(3).from);
    const checks = calls.filter((c) => c.cmd === 'preflight_issue');
    expect(checks.at(-1)!.args['bodyText']).toContain('TK: the minister');
  });

  it('exports into a chosen folder, asking before overriding the preflight', async () => {
    let exports = 0;
    const calls = backend({
      'plugin:dialog|open': () => '/home/editor/out',
      'plugin:dialog|message': () => 'Yes',
      export_issue: ({ force }) => {
        exports += 1;
        if (!force) {
          throw { code: 'preflight_failed', message: 'Issue 5 has 1 preflight error; fix it, or export anyway.' };
        }
        return ['/home/editor/out/005-story.html', '/home/editor/out/005-story.email.html', '/home/editor/out/005-story.txt', '/home/editor/out/005-story.eml'];
      },
    });
    render(App);
    await openedEditor();
    (await screen.findByTestId('export')).click();
    (await screen.findByTestId('export-folder')).click();
    expect((await screen.findByTestId('export-notice')).textContent).toBe(
      'Exported 4 files into /home/editor/out.',
    );
    expect(exports).toBe(2);
    const exportCalls = calls.filter((c) => c.cmd === 'export_issue').map((c) => c.args);
    expect(exportCalls).toEqual([
      { number: 5, formats: ['web', 'email', 'text', 'eml'], folder: '/home/editor/out', force: false },
      { number: 5, formats: ['web', 'email', 'text', 'eml'], folder: '/home/editor/out', force: true },
    ]);
  });

  it('exports nothing when the folder dialog is cancelled', async () => {
    const calls = backend({ 'plugin:dialog|open': () => null });
    render(App);
    await openedEditor();
    (await screen.findByTestId('export')).click();
    (await screen.findByTestId('export-folder')).click();
    await waitFor(() => expect(calls.some((c) => c.cmd === 'plugin:dialog|open')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.some((c) => c.cmd === 'export_issue')).toBe(false);
    expect(screen.queryByTestId('export-notice')).toBeNull();
  });

  it('shows the newsroom error instead of the workspace', async () => {
    backend({
      newsroom_info: () => {
        throw { code: 'newsroom_locked', message: 'Another copy of the app has this newsroom open.' };
      },
    });
    render(App);

    const error = await screen.findByTestId('newsroom-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Another copy of the app has this newsroom open.');
    expect(error.textContent).toContain(
      'Start the app with --newsroom PATH or set NEWSFLASH_NEWSROOM to use another newsroom.',
    );
    expect(screen.queryByTestId('issue-list')).toBeNull();
  });

  it('saves what is typed and then says Saved', async () => {
    const calls = backend();
    render(App);
    const view = await openedEditor();

    type(view, '\nMore news.');
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Unsaved changes'));

    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toMatch(/^Saved at /));
    expect(calls.filter((c) => c.cmd === 'save_issue_text').map((c) => c.args)).toEqual([
      { number: 5, baseVersion: 1, body: `${issues[0]!.body}\nMore news.` },
    ]);
    // The preview's live document follows the text without reloading.
    await waitFor(() =>
      expect((screen.getByTestId('preview') as HTMLIFrameElement).contentDocument?.body.textContent).toContain(
        'More news.',
      ),
    );
  });

  it('shows the outline with word counts, follows the text and jumps to a section', async () => {
    backend();
    render(App);
    const view = await openedEditor();
    type(view, '\n## Aid arrives\n\nThree more words.\n\n## Roads reopen\n\nTwo words.\n');
    const section = await screen.findByTestId('outline-section-0-1');
    expect(section.textContent).toContain('Roads reopen');
    await waitFor(() => expect(screen.getByTestId('issue-length').textContent).toBe('14 words · 1 min read'));
    expect(screen.getByTestId('outline-article-0').textContent).toContain('Story 5');

    await fireEvent.click(section);
    const line = view.state.doc.lineAt(view.state.selection.main.head);
    expect(line.text).toBe('## Roads reopen');
    // The cursor is there now: that section is the current one.
    await waitFor(() => expect(screen.getByTestId('outline-section-0-1').getAttribute('aria-current')).toBe('location'));
  });

  it('marks a cited key the library does not have, from the preflight', async () => {
    backend({
      preflight_issue: ({ bodyText }) =>
        String(bodyText).includes('[@nosuch]')
          ? [{ severity: 'error', code: 'unknown-source', article: 0, line: 4, message: 'Unknown.', subject: 'nosuch' }]
          : [],
    });
    const { container } = render(App);
    const view = await openedEditor();
    type(view, '\nCited [@nosuch].');
    await waitFor(() => expect(container.querySelector('.cm-citation-unknown')?.textContent).toBe('[@nosuch]'), {
      timeout: 3000,
    });
  });

  it('keeps the text and shows why when a save fails', async () => {
    backend({
      save_issue_text: () => {
        throw { code: 'too_large', message: 'The issue is longer than 1 MB.' };
      },
    });
    render(App);
    const view = await openedEditor();

    type(view, 'x');
    await waitFor(() =>
      expect(screen.getByTestId('save-status').textContent).toBe(
        'Not saved: The issue is longer than 1 MB.',
      ),
    );
    expect(view.state.doc.toString()).toBe(`${issues[0]!.body}x`);
  });

  it('saves the open issue before opening another', async () => {
    const calls = backend();
    render(App);
    const view = await openedEditor();

    type(view, 'Last words.');
    await fireEvent.click(screen.getByTestId('issue-3'));

    await waitFor(() => expect(screen.getByTestId('issue-3').getAttribute('aria-current')).toBe('true'));
    const order = calls.map((c) => c.cmd).filter((cmd) => cmd === 'save_issue_text' || cmd === 'get_issue');
    expect(order).toEqual(['save_issue_text', 'get_issue']);
    expect(calls.find((c) => c.cmd === 'save_issue_text')?.args).toEqual({
      number: 5,
      baseVersion: 1,
      body: `${issues[0]!.body}Last words.`,
    });
    const after = await openedEditor();
    expect(after.state.doc.toString()).toBe(issues[2]!.body);
    await waitFor(() =>
      expect(screen.getByTestId('preview').getAttribute('srcdoc')).toContain('Body of 3.'),
    );
  });

  it('stays on the issue when its text cannot be saved', async () => {
    backend({
      save_issue_text: () => {
        throw { code: 'storage', message: 'The disk is full.' };
      },
    });
    render(App);
    const view = await openedEditor();

    type(view, 'Precious.');
    await fireEvent.click(screen.getByTestId('issue-3'));

    const banner = await screen.findByText(/stays open because its latest changes could not be saved/);
    expect(banner.closest('[role="alert"]')).not.toBeNull();
    expect(banner.textContent).toContain('The disk is full.');
    expect(screen.getByTestId('issue-5').getAttribute('aria-current')).toBe('true');
    expect(view.state.doc.toString()).toContain('Precious.');
  });

  it('shows a dismissable banner when an issue cannot be opened', async () => {
    backend({
      get_issue: ({ number }) => {
        if (number === 5) return issues[0];
        throw { code: 'not_found', message: 'There is no issue #3.' };
      },
    });
    render(App);
    await openedEditor();

    await fireEvent.click(screen.getByTestId('issue-3'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Issue #3 could not be opened: There is no issue #3.');
    expect(screen.getByTestId('issue-5').getAttribute('aria-current')).toBe('true');

    await fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a banner when the list cannot be loaded', async () => {
    backend({
      list_issues: () => {
        throw { code: 'storage', message: 'The newsroom file is damaged.' };
      },
    });
    render(App);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The newsroom file is damaged.');
  });

  it('keeps the last good preview and shows why the new one failed', async () => {
    let broken = false;
    backend({
      render_issue: ({ bodyText }) => {
        if (broken) throw { code: 'template', message: 'The page template has an error.' };
        return `<p>${String(bodyText)}</p>`;
      },
    });
    render(App);
    const view = await openedEditor();
    const preview = screen.getByTestId('preview');
    await waitFor(() => expect(preview.getAttribute('srcdoc')).toContain('Body of 5.'));

    broken = true;
    type(view, 'more');
    await screen.findByText(/The page template has an error\./);
    expect(preview.getAttribute('srcdoc')).toContain('Body of 5.');
    expect(preview.getAttribute('srcdoc')).not.toContain('more');
  });

  it('opens the last open issue where she was, and says what was recovered', async () => {
    const calls = backend({
      open_desk: () => ({
        info,
        issues: summaries,
        open: issues[2],
        place: { anchor: 3, head: 8, top: 0 },
        exportFolder: '/home/editor/exports',
        recovered: [
          {
            number: 3,
            characters: 11,
            deleted: 0,
            restored: true,
            message: 'Recovered 11 characters typed in issue #3 after the app stopped unexpectedly.',
          },
        ],
      }),
    });
    render(App);
    const view = await openedEditor();
    expect(view.state.doc.toString()).toBe(issues[2]!.body);
    expect(view.state.selection.main.anchor).toBe(3);
    expect(view.state.selection.main.head).toBe(8);
    expect(screen.getByTestId('issue-3').getAttribute('aria-current')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe(
      'Recovered 11 characters typed in issue #3 after the app stopped unexpectedly.',
    );
    expect(calls.filter((c) => c.cmd === 'get_issue' || c.cmd === 'list_issues')).toEqual([]);
  });

  it('sends each change to the keystroke journal and saves up to the last one sent', async () => {
    const calls: Array<{ cmd: string; args: Record<string, unknown> }> = [];
    backend({
      save_issue_text: (args) => {
        calls.push({ cmd: 'save_typed_text', args });
        return { outcome: 'saved', number: 5, version: Number(args['baseVersion']) + 1, savedAt: '2022-03-01T10:00:00Z' };
      },
      record_change: (args) => {
        calls.push({ cmd: 'record_change', args });
        return null;
      },
    });
    render(App);
    const view = await openedEditor();
    type(view, 'a');
    type(view, 'b');
    const changes = calls.filter((c) => c.cmd === 'record_change').map((c) => c.args['change'] as Record<string, unknown>);
    const length = issues[0]!.body.length;
    expect(changes.map((change) => [change['seq'], change['length'], change['edits']])).toEqual([
      [1, length, [{ from: length, to: length, insert: 'a' }]],
      [2, length + 1, [{ from: length + 1, to: length + 1, insert: 'b' }]],
    ]);
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_typed_text')).toBe(true), { timeout: 3000 });
    const saved = calls.find((c) => c.cmd === 'save_typed_text')!.args;
    expect(saved['body']).toBe(`${issues[0]!.body}ab`);
    expect(saved['typed']).toEqual({ session: changes[0]!['session'], seq: 2 });
  });

  describe('closing the window', () => {
    async function requestClose() {
      await emit('tauri://close-requested');
    }

    // The mocked event plugin answers listen itself, unseen: give onMount's call a turn.
    async function closeWatched() {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }

    it('saves what is typed before the window goes', async () => {
      const calls = backend();
      render(App);
      const view = await openedEditor();
      await closeWatched();

      type(view, 'Goodbye.');
      await requestClose();

      await waitFor(() => expect(calls.some((c) => c.cmd === 'plugin:window|destroy')).toBe(true));
      const order = calls.map((c) => c.cmd).filter((cmd) => cmd === 'save_issue_text' || cmd === 'plugin:window|destroy');
      expect(order).toEqual(['save_issue_text', 'plugin:window|destroy']);
    });

    it('stays open once when the last save fails, and closes when asked again', async () => {
      const calls = backend({
        save_issue_text: () => {
          throw { code: 'storage', message: 'The disk is full.' };
        },
      });
      render(App);
      const view = await openedEditor();
      await closeWatched();

      type(view, 'Unsaved.');
      await requestClose();
      const alert = await screen.findByText(/close the window again to quit without them/);
      expect(alert.textContent).toContain('The disk is full.');
      expect(calls.some((c) => c.cmd === 'plugin:window|destroy')).toBe(false);

      await requestClose();
      await waitFor(() => expect(calls.some((c) => c.cmd === 'plugin:window|destroy')).toBe(true));
    });

    it('stays open and says why when the last save takes too long', async () => {
      const calls = backend({
        save_issue_text: () => new Promise(() => {}),
      });
      render(App);
      const view = await openedEditor();
      await closeWatched();
      vi.useFakeTimers();
      try {
        type(view, 'Slow disk.');
        const closing = requestClose();
        await vi.advanceTimersByTimeAsync(3100);
        await closing;
      } finally {
        vi.useRealTimers();
      }
      const alert = await screen.findByText(/Saving did not finish within 3 seconds\./);
      expect(alert.textContent).toContain('close the window again to quit without them');
      expect(calls.some((c) => c.cmd === 'plugin:window|destroy')).toBe(false);
    });

    it('saves and reports back when the app is asked to end', async () => {
      const calls = backend();
      render(App);
      const view = await openedEditor();
      await closeWatched();

      type(view, 'Logging out.');
      await emit('flush-requested');
      await waitFor(() => expect(calls.some((c) => c.cmd === 'flushed')).toBe(true));
      const order = calls.map((c) => c.cmd).filter((cmd) => cmd === 'save_issue_text' || cmd === 'flushed');
      expect(order).toEqual(['save_issue_text', 'flushed']);
    });
  });
});
