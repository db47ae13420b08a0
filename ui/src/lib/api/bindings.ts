// Generated from the Rust types in src-tauri/core by ts-rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p newsflash-core bindings` instead.

export type ErrorCode = "newsroom_unavailable" | "newsroom_locked" | "not_found" | "invalid_input" | "too_large" | "template" | "preflight_failed" | "file" | "storage" | "internal";

export type ErrorReport = { 
/**
 * What kind of failure this is.
 */
code: ErrorCode, 
/**
 * One sentence for the editor.
 */
message: string, };

export type IssueStatus = "draft" | "in_review" | "ready" | "published";

export type Issue = { 
/**
 * The issue's number, unique in the newsroom.
 */
number: number, 
/**
 * The day it goes out.
 */
date: string, 
/**
 * The headline readers see first (also the email subject).
 */
title: string, 
/**
 * The short line mail clients show after the subject.
 */
preheader: string, 
/**
 * Where it stands.
 */
status: IssueStatus, 
/**
 * The Markdown text: each `#` heading starts an article, `##` headings are sections.
 */
body: string, 
/**
 * When it was last saved.
 */
updatedAt: string, };

export type IssueSummary = { 
/**
 * The issue's number.
 */
number: number, 
/**
 * The day it goes out.
 */
date: string, 
/**
 * Its title.
 */
title: string, 
/**
 * Where it stands.
 */
status: IssueStatus, 
/**
 * The file-name stem of its exports.
 */
slug: string, };

export type SaveReceipt = { 
/**
 * The issue that was saved.
 */
number: number, 
/**
 * When, as stored.
 */
savedAt: string, };

export type Publication = { 
/**
 * The newsletter's name ("Newsflash").
 */
name: string, 
/**
 * The line under the name ("Stay updated with our bi-weekly Newsflash!").
 */
tagline: string, 
/**
 * BCP 47 language tag of the issues ("en").
 */
language: string, 
/**
 * Days between two issues.
 */
cadenceDays: number, 
/**
 * Where web pages and photos are published (`https://example.org/newsflash/`);
 * email images and the "read it on the web" link are made absolute with it.
 */
webBaseUrl: string, 
/**
 * The unsubscribe link of every email: a URL, or the mailing tool's merge tag
 * (`{{ unsubscribe_url }}`), copied as it is.
 */
unsubscribeUrl: string, 
/**
 * The sender of the .eml draft: a name.
 */
senderName: string, 
/**
 * The sender of the .eml draft: an address.
 */
senderEmail: string, 
/**
 * `utm_source` added to links in the email (none when empty).
 */
utmSource: string, 
/**
 * `utm_medium` added to links in the email (none when empty).
 */
utmMedium: string, 
/**
 * `utm_campaign` added to links in the email (none when empty); `{number}` is
 * replaced by the issue number.
 */
utmCampaign: string, 
/**
 * The accent colour of links and the masthead, `#rrggbb`.
 */
accentColour: string, };

export type NewsroomInfo = { 
/**
 * The newsroom file.
 */
path: string, 
/**
 * Its publication settings.
 */
publication: Publication, 
/**
 * The number the next issue would get.
 */
nextIssueNumber: number, 
/**
 * The day the next issue is due, following the cadence.
 */
nextIssueDate: string, 
/**
 * The folder the newsroom's images are in (`<stem>-assets/`).
 */
assetsDir: string, };

export type Citation = { 
/**
 * The source's citation key (it may be missing from the library).
 */
key: string, 
/**
 * The exact page cited, or empty.
 */
url: string, 
/**
 * The title of the page, if an editor added it.
 */
title: string, 
/**
 * When the page was read (YYYY-MM-DD), if an editor added it.
 */
accessed: string | null, 
/**
 * The line of the issue text it is on (1-based).
 */
line: number, };

export type ArticleSummary = { 
/**
 * Its place in the issue (0-based).
 */
position: number, 
/**
 * The text of its `#` heading.
 */
headline: string, 
/**
 * The line of its heading (1-based).
 */
line: number, 
/**
 * Its citations, in order.
 */
citations: Array<Citation>, };

export type Source = { 
/**
 * The citation key used in Markdown (`[@hrw]`): lowercase letters, digits, dashes.
 */
key: string, 
/**
 * The short name readers see in the Sources line (`HRW`).
 */
name: string, 
/**
 * The full name (`Human Rights Watch`).
 */
fullName: string, 
/**
 * The homepage (https preferred).
 */
homepage: string, 
/**
 * What kind of source it is (news agency, broadcaster, NGO, ...).
 */
kind: string, 
/**
 * Notes for editors.
 */
notes: string, 
/**
 * Other names that resolve to this source (`Human Rights Watch`, `hrw.org`).
 */
aliases: Array<string>, 
/**
 * Created by an import from a name that was not in the library: an editor
 * should check its details.
 */
needsReview: boolean, };

export type SourcesImportReport = { 
/**
 * Sources whose keys were new to the library.
 */
added: number, 
/**
 * Sources already in the library whose details changed.
 */
updated: number, 
/**
 * Sources already in the library exactly as the file has them.
 */
unchanged: number, };

export type TextImport = { 
/**
 * The new issue's number.
 */
number: number, 
/**
 * Keys of the sources on the `Sources:` line that matched the library.
 */
matchedSources: Array<string>, 
/**
 * Keys of sources created for names the library did not know; flagged for review.
 */
newSources: Array<string>, 
/**
 * What the `Photo:` line said, if there was one.
 */
photoCredit: string | null, };

export type BundleImport = { 
/**
 * The imported issue's number.
 */
number: number, 
/**
 * Sources added to the library.
 */
sourcesAdded: number, 
/**
 * Sources of the library the bundle brought newer details for.
 */
sourcesUpdated: number, 
/**
 * Photos added to the library (a photo already there with the same image is
 * reused).
 */
photosAdded: number, };

export type PreviewFormat = "web" | "email" | "text";

export type Format = "web" | "markdown" | "email" | "text" | "eml";

export type Photo = { 
/**
 * How issues refer to it (`tonga-ash-cloud`): lowercase letters, digits, dashes.
 */
key: string, 
/**
 * Its file in the newsroom's asset folder, named by its content:
 * `<sha256>.<ext>`.
 */
file: string, 
/**
 * The SHA-256 of the file, in lowercase hex.
 */
sha256: string, 
/**
 * `image/jpeg`, `image/png`, `image/webp` or `image/gif`.
 */
mediaType: string, 
/**
 * Width in pixels, if known.
 */
width: number | null, 
/**
 * Height in pixels, if known.
 */
height: number | null, 
/**
 * What the image shows, for readers who cannot see it (and mail clients that
 * block images).
 */
alt: string, 
/**
 * The caption printed under it.
 */
caption: string, 
/**
 * The work's title (TASL: Title).
 */
title: string, 
/**
 * Who made it (TASL: Author).
 */
creator: string, 
/**
 * Where it was found, as readers know it: `Flickr` (TASL: Source).
 */
sourceName: string, 
/**
 * The page of the photo at its source; empty if there is none.
 */
sourceUrl: string, 
/**
 * The terms it is used under (TASL: Licence).
 */
licence: string, 
/**
 * For all-rights-reserved photos: who allowed the use, and how.
 */
permission: string, };

export type NewPhoto = { 
/**
 * How issues will refer to it: lowercase letters, digits, dashes.
 */
key: string, 
/**
 * What the image shows, for readers who cannot see it.
 */
alt: string, 
/**
 * The caption printed under it.
 */
caption: string, 
/**
 * The work's title.
 */
title: string, 
/**
 * Who made it; required unless the photo is in the public domain (CC0 or
 * public-domain).
 */
creator: string, 
/**
 * Where it was found (`Flickr`).
 */
sourceName: string, 
/**
 * The photo's page at its source (http or https); may be empty.
 */
sourceUrl: string, 
/**
 * The terms it is used under.
 */
licence: string, 
/**
 * Who allowed the use, and how; required for all-rights-reserved photos.
 */
permission: string, };

export type Credit = { 
/**
 * The work's title; may be empty.
 */
title: string, 
/**
 * Where the title links to: the photo's page at its source; may be empty.
 */
titleUrl: string, 
/**
 * Who made it; may be empty for public-domain works.
 */
creator: string, 
/**
 * Where it was found (`Flickr`); may be empty.
 */
sourceName: string, 
/**
 * The licence's id.
 */
licence: string, 
/**
 * The licence as credits name it (`CC BY 2.0`).
 */
licenceName: string, 
/**
 * The licence's deed, to link the name to; none for public-domain and
 * all-rights-reserved photos.
 */
licenceUrl: string | null, 
/**
 * For all-rights-reserved photos: who allowed the use.
 */
permission: string, };

export type ArticlePhoto = { 
/**
 * The article's position in the issue (0 for the first `#` heading).
 */
position: number, 
/**
 * The photo.
 */
photo: Photo, 
/**
 * Whether the photo is shown cropped (not allowed for no-derivatives licences).
 */
cropped: boolean, };

export type RevisionReason = "edit" | "status" | "export" | "restore" | "import";

export type RevisionSummary = { 
/**
 * The revision's id, unique in the newsroom.
 */
id: number, 
/**
 * When it was kept (for typing: when the minute it covers began).
 */
createdAt: string, 
/**
 * Why it was kept.
 */
reason: RevisionReason, 
/**
 * The editor's words (why the issue went back to draft), or what was done
 * (the file exported, the revision restored).
 */
note: string, 
/**
 * The issue's title then.
 */
title: string, 
/**
 * The issue's status then.
 */
status: IssueStatus, 
/**
 * The size of the text, in bytes.
 */
size: number, };

export type Revision = { 
/**
 * The revision's id.
 */
id: number, 
/**
 * The issue it belongs to.
 */
issueNumber: number, 
/**
 * When it was kept.
 */
createdAt: string, 
/**
 * Why it was kept.
 */
reason: RevisionReason, 
/**
 * The editor's words, or what was done.
 */
note: string, 
/**
 * The issue's date then.
 */
date: string, 
/**
 * The issue's title then.
 */
title: string, 
/**
 * The mail preheader then.
 */
preheader: string, 
/**
 * The issue's status then.
 */
status: IssueStatus, 
/**
 * The Markdown text then.
 */
body: string, };

export type Severity = "error" | "warning";

export type Finding = { 
/**
 * How bad it is.
 */
severity: Severity, 
/**
 * A stable kebab-case id (`unknown-source`) that scripts and the UI branch on.
 */
code: string, 
/**
 * The article it is in (0-based position), if it is in one.
 */
article: number | null, 
/**
 * The line of the issue's text it is on (1-based), if it is on one.
 */
line: number | null, 
/**
 * One sentence for the editor: what is wrong and what to do.
 */
message: string, };
