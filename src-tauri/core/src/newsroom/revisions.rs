//! The newsroom façade for revisions.

#[allow(unused_imports)]
use super::Newsroom;
