//! The newsroom façade for sources.

#[allow(unused_imports)]
use super::Newsroom;
