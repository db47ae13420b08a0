//! SQL for photos and their credits: `photos`.
