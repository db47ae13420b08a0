// Generated from the Rust types in src-tauri/core by ts-rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p newsflash-core bindings` instead.

export type ErrorCode = "newsroom_unavailable" | "newsroom_locked" | "not_found" | "invalid_input" | "too_large" | "template" | "file" | "storage" | "internal";

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
nextIssueDate: string, };

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
