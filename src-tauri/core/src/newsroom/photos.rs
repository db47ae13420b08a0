//! The newsroom façade for photos.

#[allow(unused_imports)]
use super::Newsroom;
