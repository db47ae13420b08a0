//! What a new newsroom starts with, embedded from the repository's `content/` folder
//! so that the binaries carry it and need no files beside them.

/// Publication settings of a new newsroom (`content/newsroom.toml`).
pub const NEWSROOM_SETTINGS: &str = include_str!("../../../content/newsroom.toml");

/// Sample issues in the interchange format, by file name.
pub const SAMPLE_ISSUES: &[(&str, &str)] = &[(
    "001-tonga-cut-off-after-volcanic-eruption.md",
    include_str!("../../../content/issues/001-tonga-cut-off-after-volcanic-eruption.md"),
)];

/// The default template of the web page (`content/templates/web.html`).
pub const WEB_TEMPLATE: &str = include_str!("../../../content/templates/web.html");

/// The default template of the email edition (`content/templates/email.mjml`).
pub const EMAIL_TEMPLATE: &str = include_str!("../../../content/templates/email.mjml");

/// The starter library of sources (`content/sources.csv`): news agencies,
/// broadcasters, newspapers and NGOs a new newsroom can cite at once.
pub const STARTER_SOURCES: &str = include_str!("../../../content/sources.csv");
