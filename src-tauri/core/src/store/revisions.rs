//! SQL for revisions: `revisions`.
