//! Integration tests of newsflash-core, one module per feature.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

mod bundle;
mod common;
mod durability;
mod fidelity;
mod hostile;
mod import_text;
mod interchange;
mod opening;
mod photos;
mod preflight;
mod publishing;
mod revisions;
mod saving;
mod seen;
mod sending;
mod sources;
mod typing;
