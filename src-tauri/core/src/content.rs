//! What a new newsroom starts with, embedded from the repository's `content/` folder
//! so that the binaries carry it and need no files beside them.

/// Publication settings of a new newsroom (`content/newsroom.toml`).
pub const NEWSROOM_SETTINGS: &str = include_str!("../../../content/newsroom.toml");

/// Sample issues in the interchange format, by file name.
pub const SAMPLE_ISSUES: &[(&str, &str)] = &[
    (
        "001-tonga-cut-off-after-volcanic-eruption.md",
        include_str!("../../../content/issues/001-tonga-cut-off-after-volcanic-eruption.md"),
    ),
    (
        "002-two-storms-in-two-weeks-for-southern-africa.md",
        include_str!("../../../content/issues/002-two-storms-in-two-weeks-for-southern-africa.md"),
    ),
];

/// The default template of the web page (`content/templates/web.html`).
pub const WEB_TEMPLATE: &str = include_str!("../../../content/templates/web.html");

/// The default template of the email edition (`content/templates/email.mjml`).
pub const EMAIL_TEMPLATE: &str = include_str!("../../../content/templates/email.mjml");

/// The starter library of sources (`content/sources.csv`): news agencies,
/// broadcasters, newspapers and NGOs a new newsroom can cite at once.
pub const STARTER_SOURCES: &str = include_str!("../../../content/sources.csv");

/// The photo library of a new newsroom (`content/photos.toml`).
pub const SAMPLE_PHOTO_LIST: &str = include_str!("../../../content/photos.toml");

/// The image files `content/photos.toml` names, by file name (`content/photos/`).
pub const SAMPLE_PHOTO_FILES: &[(&str, &[u8])] = &[(
    "tonga-ash-cloud.jpg",
    include_bytes!("../../../content/photos/tonga-ash-cloud.jpg"),
)];

/// The embedded bytes of a sample photo file.
pub fn sample_photo_file(name: &str) -> Option<&'static [u8]> {
    SAMPLE_PHOTO_FILES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, bytes)| *bytes)
}

/// The default template of the plain-text edition (`content/templates/text.txt`).
pub const TEXT_TEMPLATE: &str = include_str!("../../../content/templates/text.txt");

/// The default template of the archive page (`content/templates/archive.html`).
pub const ARCHIVE_TEMPLATE: &str = include_str!("../../../content/templates/archive.html");

/// The default template of the Atom feed (`content/templates/feed.xml`).
pub const FEED_TEMPLATE: &str = include_str!("../../../content/templates/feed.xml");
