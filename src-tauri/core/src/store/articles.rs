//! SQL for what issues are made of: `articles`, `citations`, `issues_search`.
