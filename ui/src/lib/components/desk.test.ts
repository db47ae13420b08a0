// The views of the desk, rendered whole (App) against the in-memory fake backend.

import { EditorView } from '@codemirror/view';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import type { PageStart } from '../api';
import { FIRST_SCREEN_STATE, firstScreenShown } from '../firstScreen';
import { FakeBackend, fakeIssue, fakePhoto, fakeSource } from '../testing/fakeBackend';

async function openDesk(fake = new FakeBackend()) {
  render(App, { backend: fake });
  await screen.findByTestId('editor');
  await waitFor(() => expect(screen.getByTestId('issue-2').getAttribute('aria-current')).toBe('true'));
  return fake;
}

function editorView(): EditorView {
  const host = screen.getByTestId('editor');
  const view = EditorView.findFromDOM(host.querySelector<HTMLElement>('.cm-editor')!);
  if (!view) throw new Error('no EditorView');
  return view;
}

function type(text: string) {
  const view = editorView();
  view.dispatch({ changes: { from: view.state.doc.length, insert: text } });
}

async function typeInto(testId: string, value: string) {
  const input = await screen.findByTestId(testId);
  await fireEvent.input(input, { target: { value } });
}

/** The page the preview shows: its live document once loaded (newer pages are patched in). */
function previewPage(): string {
  const frame = screen.getByTestId('preview') as HTMLIFrameElement;
  const live = frame.contentDocument;
  if (live?.body?.hasChildNodes()) return live.documentElement.outerHTML;
  return frame.getAttribute('srcdoc') ?? '';
}

describe('start', () => {
  it('tells the app how the start went once the editor has drawn the issue', async () => {
    const fake = await openDesk();
    await waitFor(() => expect(fake.callsOf('editorShown')).toHaveLength(1));
    const [start] = fake.callsOf('editorShown')[0] as [PageStart];
    expect(start.desk).not.toBeNull();
    expect(start.mounted).toBeGreaterThanOrEqual(start.desk ?? Infinity);
    expect(start.painted).toBeGreaterThanOrEqual(start.mounted ?? Infinity);
  });
});

describe('issues', () => {
  it('makes a new issue with Ctrl+N and saves its title and preheader', async () => {
    const fake = await openDesk();
    expect(screen.getByTestId('next-issue').textContent).toMatch(/^Next issue #3 due .+ \(overdue by \d+ days\)$/);
    await fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    expect((await screen.findByTestId('reason-dialog')).getAttribute('aria-label')).toBe('New issue #3');
    await typeInto('reason', 'Floods');
    screen.getByTestId('reason-confirm').click();
    await screen.findByTestId('issue-view');
    await waitFor(() => expect(screen.getByTestId('issue-3').getAttribute('aria-current')).toBe('true'));
    expect(screen.getByTestId('next-issue').textContent).toContain('#4');
    expect(fake.issues.get(3)?.body).toBe('# Floods\n\n');

    await typeInto('issue-title', 'Floods on the Danube');
    const preheader = 'Rivers rose across four countries, and what the forecasts say about the weekend ahead for everyone living along the banks';
    await typeInto('issue-preheader', preheader);
    const cuts = screen.getByTestId('preheader-cuts').textContent ?? '';
    expect(cuts).toContain('Rivers rose across four countries, and…');
    expect(cuts).not.toContain('living along the banks…');
    (await screen.findByTestId('details-save')).click();
    await waitFor(() => expect(fake.issues.get(3)).toMatchObject({ title: 'Floods on the Danube', preheader }));
    await waitFor(() => expect(screen.getByTestId('issue-3').textContent).toContain('Floods on the Danube'));
  });

  it('moves one step at a time, needs a clean preflight for ready, and asks before publishing', async () => {
    const fake = await openDesk(new FakeBackend({ issues: [fakeIssue(2, 'draft'), fakeIssue(1, 'published')] }));
    screen.getByTestId('view-issue').click();
    (await screen.findByTestId('status-next')).click();
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('In review'));

    // An error in the text: ready is refused until it is fixed.
    screen.getByTestId('view-write').click();
    type('\n\nTK: the minister.');
    screen.getByTestId('view-issue').click();
    await waitFor(() => expect((screen.getByTestId('status-next') as HTMLButtonElement).disabled).toBe(true), { timeout: 3000 });
    expect(screen.getByText(/The preflight finds 1 error/)).toBeTruthy();
    screen.getByTestId('view-write').click();
    const view = editorView();
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '# Story 2\n\nAll written.\n' } });
    screen.getByTestId('view-issue').click();
    await waitFor(() => expect((screen.getByTestId('status-next') as HTMLButtonElement).disabled).toBe(false), { timeout: 3000 });
    screen.getByTestId('status-next').click();
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Ready'));

    fake.confirmAnswer = false;
    screen.getByTestId('status-next').click();
    await waitFor(() => expect(fake.confirmations.at(-1)).toMatch(/^Publish issue #2/));
    expect(fake.issues.get(2)?.status).toBe('ready');
    fake.confirmAnswer = true;
    screen.getByTestId('status-next').click();
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Published'));

    screen.getByTestId('view-write').click();
    expect((await screen.findByTestId('read-only')).textContent).toContain('read-only');
    screen.getByTestId('correct-issue').click();
    await typeInto('reason', 'A wrong date in the second section.');
    screen.getByTestId('reason-confirm').click();
    await waitFor(() => expect(screen.queryByTestId('read-only')).toBeNull());
    expect(fake.issues.get(2)?.status).toBe('draft');
    expect(fake.revisions[0]).toMatchObject({ reason: 'correction', note: 'A wrong date in the second section.' });
  });

  it('deletes an issue after asking, and brings it back', async () => {
    const fake = await openDesk();
    screen.getByTestId('view-issue').click();
    (await screen.findByTestId('delete-issue')).click();
    await waitFor(() => expect(screen.queryByTestId('issue-2')).toBeNull());
    expect(fake.confirmations.at(-1)).toMatch(/can be brought back/);
    screen.getByTestId('view-issue').click();
    (await screen.findByTestId('undelete-2')).click();
    await waitFor(() => expect(screen.getByTestId('issue-2').getAttribute('aria-current')).toBe('true'));
  });
});

describe('settings', () => {
  it('shows a changed sender in the preview at once, and a refused colour beside its field', async () => {
    const fake = await openDesk();
    await waitFor(() => expect(previewPage()).toContain('Body of 2.'));
    screen.getByTestId('view-settings').click();
    await typeInto('setting-senderName', 'The Newsflash desk');
    await waitFor(() => expect(previewPage()).toContain('The Newsflash desk'), { timeout: 3000 });
    expect(fake.publication.senderName).toBe('The Newsflash desk');

    await typeInto('setting-accentColour', 'crimson');
    const field = await screen.findByTestId('setting-accentColour');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'), { timeout: 3000 });
    expect(field.parentElement?.textContent).toContain('six hex digits');
    expect(fake.publication.accentColour).toBe('#8a3324');
  });

  it('sets the mailing tool and the mail server for test emails, and lists overridden templates', async () => {
    const fake = new FakeBackend({
      templates: [
        { name: 'web.html', overriddenBy: '/data/newsroom-templates/web.html', problem: null },
        { name: 'email.mjml', overriddenBy: null, problem: null },
      ],
    });
    await openDesk(fake);
    screen.getByTestId('view-settings').click();
    const tool = (await screen.findByTestId('setting-mailingTool')) as HTMLSelectElement;
    await fireEvent.change(tool, { target: { value: 'mailchimp' } });
    expect(screen.getByText(/\*\|UNSUB\|\*/)).toBeTruthy();
    expect(screen.queryByTestId('setting-unsubscribeUrl')).toBeNull();
    await typeInto('setting-unsubscribeAddress', 'mailto:leave@example.org');
    await typeInto('setting-smtpHost', 'smtp.example.org');
    await typeInto('setting-smtpPort', '587');
    await fireEvent.change(screen.getByTestId('setting-smtpSecurity'), { target: { value: 'tls' } });
    await typeInto('setting-smtpUser', 'desk');
    await typeInto('setting-testRecipient', 'me@example.org');
    await waitFor(
      () =>
        expect(fake.publication).toMatchObject({
          mailingTool: 'mailchimp',
          unsubscribeAddress: 'mailto:leave@example.org',
          smtpHost: 'smtp.example.org',
          smtpPort: 587,
          smtpSecurity: 'tls',
          smtpUser: 'desk',
          testRecipient: 'me@example.org',
        }),
      { timeout: 3000 },
    );
    const templates = await screen.findByTestId('templates');
    expect(templates.textContent).toContain('Your copy: /data/newsroom-templates/web.html');
    screen.getByTestId('open-templates').click();
    await waitFor(() => expect(fake.templatesOpened).toBe(1));
  });
  it('chooses the theme, keeps it on this computer and shows it again in a new window', async () => {
    globalThis.localStorage.removeItem('newsflash.theme');
    try {
      await openDesk();
      screen.getByTestId('view-settings').click();
      const system = (await screen.findByTestId('theme-system')) as HTMLInputElement;
      expect(system.checked).toBe(true);
      await fireEvent.click(screen.getByTestId('theme-dark'));
      expect(document.documentElement.dataset['theme']).toBe('dark');
      expect(globalThis.localStorage.getItem('newsflash.theme')).toBe('dark');

      // The palette's command and the Settings view show the same choice.
      await fireEvent.keyDown(window, { key: 'P', ctrlKey: true, shiftKey: true });
      (await screen.findByTestId('command-theme-light')).click();
      await waitFor(() => expect((screen.getByTestId('theme-light') as HTMLInputElement).checked).toBe(true));
      expect(document.documentElement.dataset['theme']).toBe('light');

      cleanup();
      await openDesk();
      screen.getByTestId('view-settings').click();
      expect(((await screen.findByTestId('theme-light')) as HTMLInputElement).checked).toBe(true);
      await fireEvent.click(screen.getByTestId('theme-system'));
      expect(document.documentElement.dataset['theme']).toBeUndefined();
      expect(globalThis.localStorage.getItem('newsflash.theme')).toBe('system');
    } finally {
      globalThis.localStorage.removeItem('newsflash.theme');
    }
  });
});

describe('test email', () => {
  it('asks for the password, says why a send failed, and remembers it when asked', async () => {
    const fake = new FakeBackend({
      publication: { smtpHost: 'smtp.example.org', smtpUser: 'desk', testRecipient: 'me@example.org' },
    });
    await openDesk(fake);
    screen.getByTestId('export').click();
    (await screen.findByTestId('test-send')).click();
    expect((await screen.findByTestId('test-result')).textContent).toBe(
      'The mail server smtp.example.org needs the password of desk.',
    );
    await typeInto('test-password', 'wrong');
    screen.getByTestId('test-send').click();
    await waitFor(() => expect(screen.getByTestId('test-result').textContent).toContain('refused the login of desk'));

    await typeInto('test-to', 'someone@nowhere.invalid');
    await typeInto('test-password', 'secret');
    screen.getByTestId('test-send').click();
    await waitFor(() => expect(screen.getByTestId('test-result').textContent).toBe('The mail server smtp.example.org refused the recipient someone@nowhere.invalid.'));

    await typeInto('test-to', 'me@example.org');
    await typeInto('test-password', 'secret');
    (screen.getByTestId('test-remember') as HTMLInputElement).click();
    screen.getByTestId('test-send').click();
    await waitFor(() => expect(screen.getByTestId('test-result').textContent).toMatch(/^Sent to me@example.org through smtp.example.org/));
    expect(fake.rememberedPassword).toBe('secret');
    expect(fake.callsOf('sendTestEmail').at(-1)).toEqual([2, 'me@example.org', 'secret', true]);
  });
});

describe('sources', () => {
  it('adds a source from the preflight finding, key filled in, and the error goes', async () => {
    const fake = await openDesk();
    type('\n\nSaid so. [@kyiv-independent]');
    await waitFor(() => expect(screen.getByTestId('preflight-summary').textContent).toBe('1 error, 1 warning'), { timeout: 3000 });
    screen.getByText('Preflight').closest('button')!.click();
    (await screen.findByTestId('add-source-kyiv-independent')).click();
    const key = (await screen.findByTestId('source-key')) as HTMLInputElement;
    expect(key.value).toBe('kyiv-independent');
    await typeInto('source-name', 'Kyiv Independent');
    screen.getByTestId('source-save').click();
    await screen.findByTestId('editor');
    await waitFor(() => expect(screen.getByTestId('preflight-summary').textContent).toBe('1 warning'), { timeout: 3000 });
    expect(fake.sources.map((s) => s.key)).toContain('kyiv-independent');
  });

  it('searches as you type, sorts, and renames a key with the count shown first', async () => {
    const fake = new FakeBackend({
      issues: [fakeIssue(2, 'draft', '# A\n\nOne [@hrw] two [@hrw, https://hrw.org/x]\n'), fakeIssue(1, 'published', '# B\n\n[@hrw]\n')],
      sources: [fakeSource('hrw', 'HRW', { fullName: 'Human Rights Watch' }), fakeSource('bbc', 'BBC'), fakeSource('ap', 'AP', { needsReview: true })],
    });
    await openDesk(fake);
    screen.getByTestId('view-sources').click();
    const table = await screen.findByTestId('sources-table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    await typeInto('source-search', 'human ri');
    await waitFor(() => expect(within(table).getAllByRole('row').slice(1).map((r) => r.dataset['testid'])).toEqual(['source-hrw']));
    await typeInto('source-search', '');
    screen.getByTestId('sort-key').click();
    await waitFor(() =>
      expect(within(table).getAllByRole('row').slice(1).map((r) => r.dataset['testid'])).toEqual(['source-hrw', 'source-bbc', 'source-ap']),
    );
    (screen.getByTestId('flagged-only') as HTMLInputElement).click();
    await waitFor(() => expect(within(table).getAllByRole('row').slice(1).map((r) => r.dataset['testid'])).toEqual(['source-ap']));
    (screen.getByTestId('flagged-only') as HTMLInputElement).click();

    (await screen.findByTestId('source-hrw')).click();
    await screen.findByTestId('source-uses');
    await typeInto('source-key', 'human-rights-watch');
    expect(screen.getByTestId('rename-count').textContent).toBe('Renaming rewrites 3 citations in 2 issues to [@human-rights-watch].');
    screen.getByTestId('source-save').click();
    await waitFor(() => expect(screen.getByTestId('sources-notice').textContent).toBe('Renamed hrw to human-rights-watch; 3 citations now name it.'));
    expect(fake.issues.get(2)?.body).toBe('# A\n\nOne [@human-rights-watch] two [@human-rights-watch, https://hrw.org/x]\n');
    expect(fake.issues.get(1)?.body).toBe('# B\n\n[@human-rights-watch]\n');
    // The open issue shows the rewritten text.
    await waitFor(() => expect(editorView().state.doc.toString()).toContain('[@human-rights-watch]'));
  });

  it('asks before deleting a cited source, listing where, and merges duplicates', async () => {
    const fake = new FakeBackend({
      issues: [fakeIssue(2, 'draft', '# A\n\n[@bbc-news] and [@bbc]\n')],
      sources: [fakeSource('bbc', 'BBC'), fakeSource('bbc-news', 'BBC News')],
    });
    render(App, { backend: fake });
    await screen.findByTestId('editor');
    screen.getByTestId('view-sources').click();
    (await screen.findByTestId('source-bbc-news')).click();
    await screen.findByTestId('source-uses');
    fake.confirmAnswer = false;
    screen.getByTestId('source-delete').click();
    await waitFor(() => expect(fake.confirmations.at(-1)).toContain('#2 Story 2 (1 citation)'));
    expect(fake.sources).toHaveLength(2);

    fake.confirmAnswer = true;
    await fireEvent.change(screen.getByTestId('merge-into'), { target: { value: 'bbc' } });
    screen.getByTestId('merge').click();
    await waitFor(() => expect(screen.getByTestId('sources-notice').textContent).toBe('Merged bbc-news into bbc.'));
    expect(fake.sources.map((s) => s.key)).toEqual(['bbc']);
    expect(fake.sources[0]?.aliases).toEqual(['BBC News']);
    expect(fake.issues.get(2)?.body).toBe('# A\n\n[@bbc] and [@bbc]\n');
  });

  it('imports a CSV through the dialog with progress and the report, or lists the bad rows', async () => {
    const fake = await openDesk();
    fake.files.set('/home/editor/good.csv', 'key,name,full_name,homepage,kind,notes\nbbc,BBC,,,,\nreuters,Reuters,,,,\n');
    fake.files.set('/home/editor/bad.csv', 'key,name,full_name,homepage,kind,notes\nBad Key,X,,,,\nok,,,,,\n');
    screen.getByTestId('view-sources').click();
    fake.filesToOpen = ['/home/editor/good.csv'];
    fake.importRowMs = 150;
    (await screen.findByTestId('import-sources')).click();
    await waitFor(() => expect(screen.getByTestId('import-progress').textContent).toMatch(/Importing… [12] of 2/));
    expect((await screen.findByTestId('import-report')).textContent).toBe('Imported good.csv: 1 added, 0 updated, 1 unchanged.');
    fake.filesToOpen = ['/home/editor/bad.csv'];
    screen.getByTestId('import-sources').click();
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toContain('line 2: "Bad Key" is not a valid citation key');
    expect(error.textContent).toContain('line 3: the source ok has no name');
    screen.getByTestId('export-sources').click();
    await waitFor(() => expect(screen.getByTestId('import-report').textContent).toBe('Wrote 2 sources to /home/editor/sources.csv.'));
  });
});

describe('a large library', () => {
  it('shows the first 500 sources and finds the rest by search', async () => {
    const sources = Array.from({ length: 1200 }, (_, n) => fakeSource(`s${String(n).padStart(4, '0')}`, `Source ${n}`));
    await openDesk(new FakeBackend({ sources }));
    screen.getByTestId('view-sources').click();
    const table = await screen.findByTestId('sources-table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(501));
    expect(screen.getByTestId('sources-more').textContent).toContain('Showing 500 of 1200 sources');
    await typeInto('source-search', 's1199');
    await waitFor(() => expect(within(table).getAllByRole('row').slice(1).map((r) => r.dataset['testid'])).toEqual(['source-s1199']));
    expect(screen.queryByTestId('sources-more')).toBeNull();
  });
});

describe('photos', () => {
  it('adds a photo from the dialog with its credit, needing a creator, and sets it as lead photo', async () => {
    const fake = await openDesk();
    screen.getByTestId('view-photos').click();
    fake.filesToOpen = ['/home/editor/Ash Cloud.jpg'];
    (await screen.findByTestId('add-photos')).click();
    const key = (await screen.findByTestId('photo-key')) as HTMLInputElement;
    expect(key.value).toBe('ash-cloud');
    expect((screen.getByTestId('photo-save') as HTMLButtonElement).disabled).toBe(true);
    await typeInto('photo-creator', 'NASA Earth Observatory');
    await typeInto('photo-title', 'Ash over the Pacific');
    await typeInto('photo-source', 'Flickr');
    await waitFor(() => expect(screen.getByTestId('credit-preview').textContent).toBe('Credit line: “Ash over the Pacific” by NASA Earth Observatory, via Flickr, CC BY 4.0'));
    screen.getByTestId('photo-save').click();
    await waitFor(() => expect(screen.getByTestId('photos-notice').textContent).toBe('Added ash-cloud. Give it alt text before using it in an issue.'));
    const card = await screen.findByTestId('photo-ash-cloud');
    expect(card.textContent).toContain('needs alt text');
    expect(card.textContent).toContain('CC-BY-4.0');

    // Without alt text it cannot be chosen; with it, it can.
    screen.getByTestId('view-write').click();
    (await screen.findByTestId('lead-photos-toggle')).click();
    const select = (await screen.findByTestId('lead-photo-0')) as HTMLSelectElement;
    await waitFor(() => expect(select.querySelector<HTMLOptionElement>('option[value="ash-cloud"]')?.disabled).toBe(true));
    screen.getByTestId('view-photos').click();
    (await screen.findByTestId('photo-ash-cloud')).click();
    await typeInto('photo-alt', 'A grey plume over the sea');
    screen.getByTestId('photo-save').click();
    await waitFor(() => expect(screen.getByTestId('photos-notice').textContent).toBe('Saved ash-cloud.'));
    screen.getByTestId('view-write').click();
    const again = (await screen.findByTestId('lead-photo-0')) as HTMLSelectElement;
    await waitFor(() => expect(again.querySelector<HTMLOptionElement>('option[value="ash-cloud"]')?.disabled).toBe(false));
    await fireEvent.change(again, { target: { value: 'ash-cloud' } });
    await waitFor(() => expect(fake.issues.get(2)?.photos.get(0)?.key).toBe('ash-cloud'));
    screen.getByTestId('view-photos').click();
    (await screen.findByTestId('photo-ash-cloud')).click();
    expect((await screen.findByTestId('photo-uses')).textContent).toContain('#2 Story 2, article 1');
  });

  it('takes a pasted picture through the photo form and makes it the lead photo of its article', async () => {
    const fake = await openDesk();
    await waitFor(() => expect(screen.getByTestId('outline').textContent).toContain('Story 2'));
    const view = editorView();
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    const before = view.state.doc.toString();
    // A screenshot on the clipboard: a PNG and no text.
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'image.png', { type: 'image/png' });
    const event = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'clipboardData', { value: { getData: () => '', files: [png] } });
    view.contentDOM.dispatchEvent(event);
    expect(view.state.doc.toString()).toBe(before);

    const offer = await screen.findByTestId('pasted-images');
    expect(offer.textContent).toContain('A pasted picture');
    expect(offer.textContent).toContain('it becomes the lead photo of its article');
    screen.getByTestId('pasted-image-add-0').click();
    const form = await screen.findByTestId('photo-form');
    expect(form.textContent).toContain('New photo: pasted image');
    expect(screen.queryByTestId('pasted-images')).toBeNull();
    await typeInto('photo-key', 'desk-screenshot');
    await typeInto('photo-alt', 'The desk at night');
    // A licence that needs a creator keeps the form from saving until one is named.
    expect((screen.getByTestId('photo-save') as HTMLButtonElement).disabled).toBe(true);
    await typeInto('photo-creator', 'Ana Editor');
    screen.getByTestId('photo-save').click();

    const notice = await screen.findByTestId('export-notice');
    await waitFor(() =>
      expect(notice.textContent).toBe('The pasted image is in the photo library as desk-screenshot and is now the lead photo of article 1 of issue #2.'),
    );
    expect(screen.getByTestId('editor')).toBeTruthy();
    expect(fake.pastedPhotoBytes.get('desk-screenshot')?.slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(fake.photos.find((photo) => photo.key === 'desk-screenshot')?.creator).toBe('Ana Editor');
    expect(fake.issues.get(2)?.photos.get(0)?.key).toBe('desk-screenshot');
  });

  it('keeps an image of a pasted web page as a link and offers it as a photo from a saved file', async () => {
    const fake = await openDesk();
    await waitFor(() => expect(screen.getByTestId('outline').textContent).toContain('Story 2'));
    const view = editorView();
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    const data = new Map([
      ['text/html', '<p>Aid arrived.</p><img src="https://cdn.example.org/aid.jpg" alt="Trucks at the port">'],
      ['text/plain', 'Aid arrived.'],
    ]);
    const event = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'clipboardData', { value: { getData: (type: string) => data.get(type) ?? '', files: [] } });
    view.contentDOM.dispatchEvent(event);
    expect(view.state.doc.toString()).toMatch(/Aid arrived\.\n\n\[Image: Trucks at the port\]\(https:\/\/cdn\.example\.org\/aid\.jpg\)$/);
    expect(view.state.doc.toString()).not.toContain('![');

    const offer = await screen.findByTestId('pasted-images');
    expect(offer.textContent).toContain('“Trucks at the port” from cdn.example.org');
    expect(offer.textContent).toContain('save it from the browser');
    fake.filesToOpen = ['/home/editor/Downloads/aid.jpg'];
    screen.getByTestId('pasted-image-add-0').click();
    await screen.findByTestId('photo-form');
    expect((screen.getByTestId('photo-key') as HTMLInputElement).value).toBe('aid');
    expect((screen.getByTestId('photo-alt') as HTMLTextAreaElement).value).toBe('Trucks at the port');
    expect((screen.getByTestId('photo-source-url') as HTMLInputElement).value).toBe('https://cdn.example.org/aid.jpg');
  });

  it('adds dropped image files', async () => {
    const fake = await openDesk(new FakeBackend({ photos: [fakePhoto('tonga')] }));
    fake.dropFiles(['/tmp/one.png']);
    const key = (await screen.findByTestId('photo-key')) as HTMLInputElement;
    expect(key.value).toBe('one');
    expect(screen.getByTestId('photos-view')).toBeTruthy();
  });
});

describe('revisions', () => {
  it('lists the revisions with their reasons, shows the diff, and restores one', async () => {
    const fake = await openDesk();
    type('\n\nA sentence added later.');
    screen.getByTestId('view-revisions').click();
    const list = await screen.findByTestId('revision-list');
    await waitFor(() => expect(within(list).getAllByRole('button').map((b) => b.querySelector('.reason')?.textContent)).toEqual(['Typing', 'Import']));
    const first = within(list).getAllByRole('button').at(-1)!;
    first.click();
    const diff = await screen.findByTestId('diff');
    expect(diff.textContent).toContain('+ A sentence added later.');
    expect(screen.getByTestId('diff-summary').textContent).toBe('2 lines differ from the text now.');
    screen.getByTestId('restore-revision').click();
    await screen.findByTestId('editor');
    await waitFor(() => expect(editorView().state.doc.toString()).toBe('# Story 2\n\nBody of 2.\n'));
    expect(fake.revisions[0]).toMatchObject({ reason: 'restore' });
    expect(fake.issues.get(2)?.body).toBe('# Story 2\n\nBody of 2.\n');
  });
});

describe('issue files', () => {
  it('imports an issue file and a published text, and writes bundles and the archive', async () => {
    const fake = await openDesk();
    fake.files.set('/home/editor/007-floods.md', '+++\nnumber = 7\ndate = 2022-04-07\ntitle = "Floods"\n+++\n# Floods\n\nText.\n');
    fake.files.set('/home/editor/pasted.txt', 'Stay updated!\nStorm season\nWinds rose.\nSources: Reuters, Kyiv Independent\nPhoto: Flickr\n');
    screen.getByTestId('view-issue').click();

    fake.filesToOpen = ['/home/editor/007-floods.md'];
    (await screen.findByTestId('import-issue-file')).click();
    await waitFor(() => expect(screen.getByTestId('files-result').textContent).toBe('Imported issue #7 from /home/editor/007-floods.md.'));
    await waitFor(() => expect(screen.getByTestId('issue-7').getAttribute('aria-current')).toBe('true'));

    fake.filesToOpen = ['/home/editor/pasted.txt'];
    screen.getByTestId('import-pasted-text').click();
    await waitFor(() =>
      expect(screen.getByTestId('files-result').textContent).toBe(
        'Made issue #8 from /home/editor/pasted.txt. New sources flagged for review in Sources: kyiv-independent. Its photo credit read “Flickr”: add the photo in Photos with that credit.',
      ),
    );

    screen.getByTestId('export-bundle').click();
    await waitFor(() => expect(screen.getByTestId('files-result').textContent).toBe('Wrote issue #8 with its sources and photos: 3 files into /home/editor/out.'));

    fake.issues.get(1)!.body = '# Story 1\n\nTK\n';
    fake.confirmAnswer = true;
    screen.getByTestId('export-archive').click();
    await waitFor(() => expect(screen.getByTestId('files-result').textContent).toMatch(/^Wrote the archive of published issues: 3 files/));
    expect(fake.callsOf('exportArchive')).toEqual([
      ['/home/editor/out', false],
      ['/home/editor/out', true],
    ]);

    fake.files.set('/home/editor/out/issue.md', '# Bundled\n\nText.\n');
    screen.getByTestId('import-bundle').click();
    await waitFor(() =>
      expect(screen.getByTestId('files-result').textContent).toBe(
        'Imported issue #9: 1 sources added, 0 updated, 0 photos added. The library kept its own details of bbc, which the bundle has differently.',
      ),
    );
  });

  it('exports the issue file from the Export dialog', async () => {
    const fake = await openDesk();
    screen.getByTestId('export').click();
    (await screen.findByTestId('export-markdown')).click();
    await waitFor(() => expect(screen.getByTestId('export-notice').textContent).toBe('Exported /home/editor/out/002-story-2.markdown.'));
    expect(fake.callsOf('exportIssue')).toEqual([[2, ['markdown'], '/home/editor/out', false]]);
  });
});

describe('durability', () => {
  it('starts with the last open issue where she was, in one call, and says what was recovered', async () => {
    const fake = new FakeBackend({
      issues: [fakeIssue(3, 'draft'), fakeIssue(2, 'draft'), fakeIssue(1, 'published')],
      lastOpen: 2,
      places: { 2: { anchor: 4, head: 9, top: 0 } },
      recovered: [
        { number: 2, characters: 11, deleted: 0, restored: true, message: 'Recovered 11 characters typed in issue #2 after the app stopped unexpectedly.' },
      ],
    });
    await openDesk(fake);
    expect(editorView().state.doc.toString()).toBe('# Story 2\n\nBody of 2.\n');
    expect(editorView().state.selection.main).toMatchObject({ anchor: 4, head: 9 });
    expect(screen.getByTestId('export-notice').textContent).toBe(
      'Recovered 11 characters typed in issue #2 after the app stopped unexpectedly.',
    );
    expect(fake.callsOf('openDesk')).toHaveLength(1);
    expect(fake.callsOf('getIssue')).toEqual([]);
    expect(fake.callsOf('listIssues')).toHaveLength(1);
    await waitFor(() => expect(fake.lastOpen).toBe(2));
  });

  it('sends every change to the journal as it happens, and a save folds in the changes it covers', async () => {
    const fake = await openDesk();
    type(' One');
    type(' two');
    const seqs = () => fake.callsOf('recordChange').map(([, change]) => (change as { seq: number }).seq);
    await waitFor(() => expect(seqs()).toEqual([1, 2]));
    // Before any save, what a crash would give back is what she typed.
    expect(fake.issues.get(2)?.version).toBe(1);
    expect(fake.journalText(2)).toBe(editorView().state.doc.toString());
    await waitFor(() => expect(fake.issues.get(2)?.body).toBe('# Story 2\n\nBody of 2.\n One two'), { timeout: 3000 });
    const [, , , typed] = fake.callsOf('saveTypedText').at(-1)!;
    expect(typed).toMatchObject({ seq: 2 });
    expect(fake.journal.get(2)?.changes).toEqual([]);
  });

  it('keeps the journal in step when her text is put back over theirs', async () => {
    const fake = await openDesk();
    type(' Mine.');
    await waitFor(() => expect(fake.issues.get(2)?.body).toContain('Mine.'), { timeout: 3000 });
    // Someone else saves first.
    const stored = fake.issues.get(2)!;
    stored.body = '# Story 2\n\nTheirs.\n';
    stored.version += 1;
    type(' More.');
    await screen.findByTestId('conflict', {}, { timeout: 3000 });
    screen.getByText('Use my text').click();
    await waitFor(() => expect(editorView().state.doc.toString()).toContain('More.'));
    type(' After.');
    await waitFor(() => expect(fake.journalText(2)).toBe(editorView().state.doc.toString()));
  });

  it('remembers where she is in the text, and the export folder for the next export', async () => {
    const fake = await openDesk(new FakeBackend({ exportFolder: '/home/editor/last' }));
    editorView().dispatch({ selection: { anchor: 3 } });
    await waitFor(() => expect(fake.places.get(2)).toMatchObject({ anchor: 3, head: 3 }), { timeout: 2000 });

    screen.getByTestId('export').click();
    (await screen.findByTestId('export-folder')).click();
    await waitFor(() => expect(screen.getByTestId('export-notice').textContent).toContain('/home/editor/out'));
    expect(fake.callsOf('chooseExportFolder')).toEqual([['/home/editor/last']]);
    expect(fake.rememberedExportFolder).toBe('/home/editor/out');
    screen.getByTestId('export').click();
    (await screen.findByTestId('export-folder')).click();
    await waitFor(() => expect(fake.callsOf('chooseExportFolder')).toHaveLength(2));
    expect(fake.callsOf('chooseExportFolder')[1]).toEqual(['/home/editor/out']);
  });

  it('keeps how the window looks as it closes and as the app ends, and takes the kept screen away once drawn', async () => {
    const global = globalThis as Record<string, unknown>;
    global[FIRST_SCREEN_STATE] = { build: './assets/boot-test.js', shown: true };
    const kept = document.createElement('div');
    kept.id = 'first-screen';
    document.body.append(kept);
    const app = document.createElement('div');
    app.id = 'app';
    document.body.append(app);
    try {
      const fake = new FakeBackend();
      render(App, { target: app, props: { backend: fake } });
      await screen.findByTestId('editor');
      await waitFor(() => expect(document.getElementById('first-screen')).toBeNull());
      expect(firstScreenShown()).toBe(false);

      type(' Closing now.');
      await fake.requestClose();
      expect(fake.issues.get(2)?.body).toContain('Closing now.');
      const closed = fake.firstScreen;
      expect(closed?.number).toBe(2);
      expect(JSON.parse(closed!.screen).build).toBe('./assets/boot-test.js');
      expect(JSON.parse(closed!.screen).html).toContain('Closing now.');
      // Kept after the save: the screen shows the text as saved.
      const names = fake.calls.map((call) => call.name);
      expect(names.lastIndexOf('keepFirstScreen')).toBeGreaterThan(names.lastIndexOf('saveTypedText'));

      // A screen that cannot be made does not keep the window from closing.
      const copying = vi.spyOn(app, 'cloneNode').mockImplementation(() => {
        throw new Error('out of memory');
      });
      await expect(fake.requestClose()).resolves.toBe(true);
      copying.mockRestore();
      expect(fake.callsOf('keepFirstScreen')).toHaveLength(1);

      // The window starts in the Write view: ending in another keeps nothing.
      await fireEvent.keyDown(window, { key: '4', code: 'Digit4', ctrlKey: true });
      await waitFor(() => expect(screen.getByTestId('view-sources').getAttribute('aria-current')).toBe('page'));
      await fake.requestClose();
      expect(fake.callsOf('keepFirstScreen')).toHaveLength(1);
      await fireEvent.keyDown(window, { key: '1', code: 'Digit1', ctrlKey: true });
      await waitFor(() => expect(screen.getByTestId('view-write').getAttribute('aria-current')).toBe('page'));

      type(' Logging out.');
      fake.requestFlush();
      await waitFor(() => expect(fake.flushes).toBe(1));
      expect(JSON.parse(fake.firstScreen!.screen).html).toContain('Logging out.');
      const order = fake.calls.map((call) => call.name).filter((name) => name === 'keepFirstScreen' || name === 'flushed');
      expect(order.slice(-2)).toEqual(['keepFirstScreen', 'flushed']);
    } finally {
      delete global[FIRST_SCREEN_STATE];
      app.remove();
      kept.remove();
    }
  });

  it('saves what is typed and says so when the app is asked to end', async () => {
    const fake = await openDesk();
    await waitFor(() => expect(fake.callsOf('issueShown')).toHaveLength(1));
    type(' Logging out.');
    fake.requestFlush();
    await waitFor(() => expect(fake.flushes).toBe(1));
    expect(fake.issues.get(2)?.body).toContain('Logging out.');
    const order = fake.calls.map((call) => call.name).filter((name) => name === 'saveTypedText' || name === 'flushed');
    expect(order).toEqual(['saveTypedText', 'flushed']);
  });
});

describe('writing', () => {
  it('runs a command chosen in the menu bar, and Ctrl+digit still opens a view', async () => {
    const fake = await openDesk();
    fake.chooseMenuCommand('preview-dark');
    await waitFor(() => expect(screen.getByTestId('preview-dark').getAttribute('aria-checked')).toBe('true'));
    await waitFor(() => expect(fake.callsOf('renderIssue').at(-1)?.[1]).toBe('email'));
    fake.chooseMenuCommand('view-sources');
    await screen.findByTestId('view-sources');
    await waitFor(() => expect(screen.getByTestId('view-sources').getAttribute('aria-current')).toBe('page'));
    await fireEvent.keyDown(window, { key: '1', code: 'Digit1', ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('view-write').getAttribute('aria-current')).toBe('page'));
  });

  it('marks a cited key the library lacks, as the preflight finds it', async () => {
    await openDesk();
    type('\nCited [@reuters] and [@nosuch].\n');
    await waitFor(() => expect(document.querySelector('.cm-citation-unknown')?.textContent).toBe('[@nosuch]'), {
      timeout: 3000,
    });
    expect(Array.from(document.querySelectorAll('.cm-citation')).map((e) => e.textContent)).toContain('[@reuters]');
  });

  it('shows the outline of the text as typed, from the backend', async () => {
    const fake = await openDesk();
    type('\n## Aid arrives\n\nThree more words.\n');
    await waitFor(() => expect(screen.getByTestId('outline-section-0-0').textContent).toContain('Aid arrives'));
    expect(fake.callsOf('outlineText').at(-1)?.[0]).toContain('## Aid arrives');
    await waitFor(() => expect(screen.getByTestId('issue-length').textContent).toBe('10 words · 1 min read'));
  });

  it('offers to import a pasted published issue, and opens it as a new issue', async () => {
    const fake = await openDesk();
    const published = [
      'Stay updated with our bi-weekly Newsflash!',
      'Storm reaches the coast',
      `${'Residents left their homes as the storm came closer to the coast. '.repeat(8)}`,
      'Sources: Reuters, Le Monde',
    ].join('\n');
    const data = new DataTransfer();
    data.setData('text/plain', published);
    const content = screen.getByTestId('editor').querySelector('.cm-content')!;
    content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    const offer = await screen.findByTestId('paste-import-offer');
    within(offer).getByRole('button', { name: 'Import as a new issue' }).click();
    await waitFor(() => expect(screen.getByTestId('issue-3').getAttribute('aria-current')).toBe('true'));
    expect(fake.callsOf('importPastedIssue')).toEqual([[published]]);
    expect(fake.sources.find((s) => s.name === 'Le Monde')?.needsReview).toBe(true);
    expect(screen.queryByTestId('paste-import-offer')).toBeNull();
  });
});
