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
cadenceDays: number, };

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
