//! SQL for sources: `sources`, `source_aliases`, `source_fingerprints`, `sources_search`.
