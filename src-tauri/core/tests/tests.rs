//! Integration tests of newsflash-core, one module per feature.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

mod common;
mod opening;
mod photos;
mod revisions;
mod saving;
